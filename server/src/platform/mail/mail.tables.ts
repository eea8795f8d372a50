import { integer, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';

export const smtpSecurities = ['starttls', 'tls', 'none'] as const;
export type SmtpSecurity = (typeof smtpSecurities)[number];

/**
 * The installation's SMTP relay: one row (`id` = 'smtp'), set by a root administrator in the app.
 * The password is sealed (purpose `notification-secrets`) and never leaves the server.
 */
export const smtpSettings = pgTable('smtp_settings', {
  id: text('id').primaryKey(),
  host: text('host').notNull(),
  port: integer('port').notNull(),
  security: text('security').$type<SmtpSecurity>().notNull(),
  username: text('username'),
  passwordSealed: text('password_sealed'),
  fromAddress: text('from_address').notNull(),
  fromName: text('from_name').notNull(),
  updatedBy: uuid('updated_by'),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});
export type SmtpSettingsRow = typeof smtpSettings.$inferSelect;
