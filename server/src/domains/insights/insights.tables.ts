import type { AlertBandExit, AlertRuleKind, AlertWhy, TrendDimension } from '@diplodesk/contracts';
import { boolean, doublePrecision, index, integer, jsonb, pgTable, primaryKey, real, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';

/**
 * What one listening item contributes to the rollups, as last applied: its unit, its hour, the
 * dimension keys it counts under (`topic:<id>`, `country:ID`, …) and its tone. Applying an item
 * again compares with this row: unchanged adds nothing, re-analysed moves its count from the old
 * keys to the new ones. This is what makes the rollups idempotent per item.
 */
export const insightsItemFacts = pgTable(
  'insights_item_facts',
  {
    itemId: uuid('item_id').primaryKey(),
    unitId: uuid('unit_id').notNull(),
    bucket: timestamp('bucket', { withTimezone: true }).notNull(),
    keys: jsonb('keys').$type<string[]>().notNull(),
    tone: real('tone'),
    /** Goldstein-weighted intensity (−Goldstein, floored at 0) when the item is a GDELT material-conflict event; counted under its `event` keys only. */
    intensity: real('intensity'),
    appliedAt: timestamp('applied_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('insights_item_facts_unit_bucket_idx').on(t.unitId, t.bucket)],
);

/**
 * Items and tone per unit, dimension key and hour (UTC), kept up to date item by item. Days and
 * weeks in any zone with whole-hour offsets are sums of these hours.
 */
export const insightsRollups = pgTable(
  'insights_rollups',
  {
    unitId: uuid('unit_id').notNull(),
    dimension: text('dimension').notNull(),
    key: text('key').notNull(),
    bucket: timestamp('bucket', { withTimezone: true }).notNull(),
    items: integer('items').notNull(),
    toneSum: doublePrecision('tone_sum').notNull(),
    toneItems: integer('tone_items').notNull(),
    /** Sum of the squared tones: with the sum and the count, the spread a confidence band needs. */
    toneSqSum: doublePrecision('tone_sq_sum').notNull().default(0),
    /** Sum of the events' Goldstein-weighted intensity; non-zero only on `event` rows. */
    intensitySum: doublePrecision('intensity_sum').notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.unitId, t.dimension, t.key, t.bucket] }), index('insights_rollups_dimension_bucket_idx').on(t.dimension, t.bucket)],
);

/**
 * Who hears of an alert besides the inbox, and the quiet hours in which no one does: the same
 * columns on alert rules and threat monitors (fresh builders per table, as Drizzle needs).
 */
const alertNotifyColumns = () => ({
  quietFrom: text('quiet_from'),
  quietTo: text('quiet_to'),
  timeZone: text('time_zone').notNull().default('UTC'),
  emailUserIds: jsonb('email_user_ids').$type<string[]>().notNull().default([]),
  emailAddresses: jsonb('email_addresses').$type<string[]>().notNull().default([]),
  notifyWebhooks: boolean('notify_webhooks').notNull().default(false),
});

/** What a unit watches for in its series: a spike, a threshold, a burst, a tone drop. */
export const insightsAlertRules = pgTable(
  'insights_alert_rules',
  {
    id: uuid('id').primaryKey(),
    unitId: uuid('unit_id').notNull(),
    name: text('name').notNull(),
    kind: text('kind').$type<AlertRuleKind>().notNull(),
    dimension: text('dimension').$type<TrendDimension>().notNull(),
    key: text('key'),
    threshold: integer('threshold'),
    bucket: text('bucket').$type<'hour' | 'day'>().notNull(),
    coolDownMinutes: integer('cool_down_minutes').notNull(),
    notifyInApp: boolean('notify_in_app').notNull(),
    ...alertNotifyColumns(),
    enabled: boolean('enabled').notNull(),
    createdBy: uuid('created_by'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    lastEvaluatedAt: timestamp('last_evaluated_at', { withTimezone: true }),
  },
  (t) => [index('insights_alert_rules_unit_idx').on(t.unitId)],
);

/**
 * An alert: a rule that fired, with why. Firings within the rule's cool-down are merged into the
 * open alert (`repeats`), so a spike that lasts is one alert with a count.
 */
export const insightsAlerts = pgTable(
  'insights_alerts',
  {
    id: uuid('id').primaryKey(),
    /** The rule that fired; for a monitor's warning, the monitor's id (and `monitorId` is set). */
    ruleId: uuid('rule_id').notNull(),
    /** Set when a threat monitor left its forecast band (its warnings share the inbox and its delivery). */
    monitorId: uuid('monitor_id'),
    unitId: uuid('unit_id').notNull(),
    firstFiredAt: timestamp('first_fired_at', { withTimezone: true }).notNull(),
    lastFiredAt: timestamp('last_fired_at', { withTimezone: true }).notNull(),
    /** Start of the last bucket that fired: a bucket fires into an alert once. */
    lastBucketAt: timestamp('last_bucket_at', { withTimezone: true }).notNull(),
    repeats: integer('repeats').notNull().default(1),
    notified: boolean('notified').notNull(),
    state: text('state').$type<'open' | 'acknowledged'>().notNull().default('open'),
    acknowledgedBy: uuid('acknowledged_by'),
    acknowledgedAt: timestamp('acknowledged_at', { withTimezone: true }),
    why: jsonb('why').$type<AlertWhy>().notNull(),
    fromAt: timestamp('from_at', { withTimezone: true }).notNull(),
    toAt: timestamp('to_at', { withTimezone: true }).notNull(),
    /** The statement drafted in response ("Respond"), when it was drafted and published: time from alert to response. */
    responseStatementId: uuid('response_statement_id'),
    responseDraftedAt: timestamp('response_drafted_at', { withTimezone: true }),
    responsePublishedAt: timestamp('response_published_at', { withTimezone: true }),
  },
  (t) => [index('insights_alerts_rule_idx').on(t.ruleId, t.lastFiredAt), index('insights_alerts_unit_idx').on(t.unitId, t.lastFiredAt), index('insights_alerts_monitor_idx').on(t.monitorId, t.lastFiredAt)],
);

/** Why a monitor warns: the metric and bucket that left the band (or the forecast that crossed the level). */
export type MonitorWarning = AlertBandExit & { at: string; observed: number };

/**
 * A threat monitor: topics and regions (country lists) whose volume, tone and GDELT conflict events
 * are watched and forecast. The default set is seeded per organisation by `key` (the taxonomy's
 * topic id), with names in both languages; a monitor is never deleted, only disabled.
 */
export const insightsMonitors = pgTable(
  'insights_monitors',
  {
    id: uuid('id').primaryKey(),
    unitId: uuid('unit_id').notNull(),
    /** The default monitor it was seeded as; null for a monitor someone created. */
    key: text('key'),
    name: text('name').notNull(),
    /** Names in both languages while the seeded name is kept; cleared when someone renames it. */
    labels: jsonb('labels').$type<{ en: string; id: string } | null>(),
    topicIds: jsonb('topic_ids').$type<string[]>().notNull().default([]),
    /** ISO 3166-1 alpha-2; empty = the whole world. */
    countries: jsonb('countries').$type<string[]>().notNull().default([]),
    /** Items per day the forecast must not cross; null = warn on the band only. */
    warnLevel: integer('warn_level'),
    /** Whether the GDELT conflict intensity in the regions can make the monitor warn. */
    watchEvents: boolean('watch_events').notNull().default(true),
    enabled: boolean('enabled').notNull().default(true),
    ...alertNotifyColumns(),
    /** The current warning, null when the monitor is within its band. */
    warning: jsonb('warning').$type<MonitorWarning | null>(),
    warningSince: timestamp('warning_since', { withTimezone: true }),
    /** The last time an observed value was found outside its band. */
    lastBandExitAt: timestamp('last_band_exit_at', { withTimezone: true }),
    lastEvaluatedAt: timestamp('last_evaluated_at', { withTimezone: true }),
    createdBy: uuid('created_by'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('insights_monitors_unit_idx').on(t.unitId), uniqueIndex('insights_monitors_unit_key').on(t.unitId, t.key)],
);
