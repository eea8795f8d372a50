import { doublePrecision, index, integer, jsonb, pgTable, primaryKey, real, text, timestamp, uuid } from 'drizzle-orm/pg-core';

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
  },
  (t) => [primaryKey({ columns: [t.unitId, t.dimension, t.key, t.bucket] }), index('insights_rollups_dimension_bucket_idx').on(t.dimension, t.bucket)],
);
