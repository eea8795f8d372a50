import { boolean, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';

/** When and to whom a unit's daily brief is e-mailed (one row per unit; none means never). */
export const insightsBriefSchedules = pgTable('insights_brief_schedules', {
  unitId: uuid('unit_id').primaryKey(),
  enabled: boolean('enabled').notNull(),
  /** `HH:MM`, local to `timeZone`. */
  timeOfDay: text('time_of_day').notNull(),
  timeZone: text('time_zone').notNull(),
  /** The language for `addresses`; people of the unit get their own. */
  language: text('language').$type<'en' | 'id'>().notNull(),
  userIds: jsonb('user_ids').$type<string[]>().notNull().default([]),
  addresses: jsonb('addresses').$type<string[]>().notNull().default([]),
  /** The last send day (local `YYYY-MM-DD`) whose deliveries were planned: the scheduler's own mark. */
  lastPlannedDay: text('last_planned_day'),
  updatedBy: uuid('updated_by'),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});
export type BriefScheduleRow = typeof insightsBriefSchedules.$inferSelect;

/**
 * One daily brief e-mailed to one recipient: the delivery log, and the row its effect job claims.
 * Unique per (unit, day, recipient), so planning a day again (a restart, a retried planner, two
 * workers) sends nothing twice; the row id is the Message-ID on every attempt.
 */
export const insightsBriefDeliveries = pgTable(
  'insights_brief_deliveries',
  {
    id: uuid('id').primaryKey(),
    unitId: uuid('unit_id').notNull(),
    /** The day the brief covers (`YYYY-MM-DD`, the unit's zone). */
    briefDate: text('brief_date').notNull(),
    target: text('target').notNull(),
    targetLabel: text('target_label').notNull(),
    locale: text('locale').$type<'en' | 'id'>().notNull(),
    state: text('state').$type<'pending' | 'sending' | 'retrying' | 'sent' | 'failed' | 'unconfirmed'>().notNull(),
    attempts: integer('attempts').notNull().default(0),
    jobId: uuid('job_id'),
    lastError: text('last_error'),
    lastUnknown: boolean('last_unknown').notNull().default(false),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    sentAt: timestamp('sent_at', { withTimezone: true }),
    nextAttemptAt: timestamp('next_attempt_at', { withTimezone: true }),
  },
  (t) => [uniqueIndex('insights_brief_deliveries_target_key').on(t.unitId, t.briefDate, t.target), index('insights_brief_deliveries_unit_idx').on(t.unitId, t.createdAt)],
);
export type BriefDeliveryRow = typeof insightsBriefDeliveries.$inferSelect;
