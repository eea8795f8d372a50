import { boolean, index, integer, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';

/**
 * A unit's webhook: alerts are POSTed to `url`, signed per Standard Webhooks with the secret
 * (sealed, purpose `notification-secrets`; shown once when generated).
 */
export const insightsWebhooks = pgTable(
  'insights_webhooks',
  {
    id: uuid('id').primaryKey(),
    unitId: uuid('unit_id').notNull(),
    name: text('name').notNull(),
    url: text('url').notNull(),
    secretSealed: text('secret_sealed').notNull(),
    secretCreatedAt: timestamp('secret_created_at', { withTimezone: true }).notNull(),
    enabled: boolean('enabled').notNull(),
    includeSubunits: boolean('include_subunits').notNull(),
    createdBy: uuid('created_by'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('insights_webhooks_unit_idx').on(t.unitId)],
);
export type WebhookRow = typeof insightsWebhooks.$inferSelect;

/**
 * One delivery of one alert over one channel to one recipient: the delivery log, and the row its
 * effect job claims. The unique key is what makes planning idempotent; the row id is the e-mail's
 * Message-ID and the webhook's `webhook-id`, the same on every attempt.
 */
export const insightsAlertDeliveries = pgTable(
  'insights_alert_deliveries',
  {
    id: uuid('id').primaryKey(),
    alertId: uuid('alert_id').notNull(),
    unitId: uuid('unit_id').notNull(),
    channel: text('channel').$type<'email' | 'webhook'>().notNull(),
    /** The address, or the webhook's id. */
    target: text('target').notNull(),
    /** What the log shows: the address, or the webhook's name when it was planned. */
    targetLabel: text('target_label').notNull(),
    /** The language of an e-mail (the recipient's). */
    locale: text('locale').$type<'en' | 'id'>().notNull(),
    state: text('state').$type<'pending' | 'sending' | 'retrying' | 'sent' | 'failed' | 'unconfirmed'>().notNull(),
    attempts: integer('attempts').notNull().default(0),
    /** The job allowed to act on this row; another finds it here and does nothing. */
    jobId: uuid('job_id'),
    lastError: text('last_error'),
    /** Whether the last failure may have reached the recipient (a timeout, a dropped connection). */
    lastUnknown: boolean('last_unknown').notNull().default(false),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    sentAt: timestamp('sent_at', { withTimezone: true }),
    nextAttemptAt: timestamp('next_attempt_at', { withTimezone: true }),
  },
  (t) => [uniqueIndex('insights_alert_deliveries_target_key').on(t.alertId, t.channel, t.target), index('insights_alert_deliveries_unit_idx').on(t.unitId, t.createdAt)],
);
export type DeliveryRow = typeof insightsAlertDeliveries.$inferSelect;
