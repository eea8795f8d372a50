// A monitor's figures from insights' own rollups: items and tone about its topics in its regions,
// and the GDELT material-conflict events there, per UTC day and per country. Which rollup rows
// answer depends on what the monitor names (topics, regions, both or neither).
import { type SQL, sql } from 'drizzle-orm';
import { type Executor, queryRows } from '../../../platform/db/index.ts';
import { insightsRollups } from '../insights.tables.ts';
import { DAY_MS } from './monitor-forecast.ts';

export type MonitorScope = { topicIds: readonly string[]; countries: readonly string[] };
export type DaySums = { items: number[]; toneSum: number[]; toneItems: number[]; intensity: number[] };
export type CountrySums = Map<string, { items: number; intensity: number }>;

const textArray = (values: readonly string[]) =>
  sql`array[${sql.join(
    values.map((v) => sql`${v}`),
    sql`, `,
  )}]::text[]`;

/**
 * The rollup rows behind a monitor's volume: (topic, country) pairs when it names both, topics or
 * countries alone, else every item. `country` is the SQL giving each row's country (for the map),
 * null when the rows carry none.
 */
function volumeRows(scope: MonitorScope): { dimension: string; where: SQL; country: SQL | null } {
  const { topicIds: t, countries: c } = scope;
  if (t.length > 0 && c.length > 0) return { dimension: 'topic-country', where: sql`split_part(r.key, '|', 1) = any(${textArray(t)}) and split_part(r.key, '|', 2) = any(${textArray(c)})`, country: sql`split_part(r.key, '|', 2)` };
  if (t.length > 0) return { dimension: 'topic', where: sql`r.key = any(${textArray(t)})`, country: null };
  if (c.length > 0) return { dimension: 'country', where: sql`r.key = any(${textArray(c)})`, country: sql`r.key` };
  return { dimension: 'all', where: sql`true`, country: null };
}

/** The rows behind the map when the volume rows carry no country: pairs of its topics, or every country. */
function mapRows(scope: MonitorScope): { dimension: string; where: SQL; country: SQL } {
  const v = volumeRows(scope);
  if (v.country) return { dimension: v.dimension, where: v.where, country: v.country };
  if (scope.topicIds.length > 0) return { dimension: 'topic-country', where: sql`split_part(r.key, '|', 1) = any(${textArray(scope.topicIds)})`, country: sql`split_part(r.key, '|', 2)` };
  return { dimension: 'country', where: sql`true`, country: sql`r.key` };
}

/** GDELT events (`event:<root>|<country>`) in the monitor's regions; the topics do not apply to coded events. */
const eventWhere = (scope: MonitorScope): SQL => (scope.countries.length > 0 ? sql`split_part(r.key, '|', 2) = any(${textArray(scope.countries)})` : sql`true`);

const unitArray = (unitIds: readonly string[]) =>
  sql`array[${sql.join(
    unitIds.map((u) => sql`${u}`),
    sql`, `,
  )}]::uuid[]`;

type Period = { unitIds: readonly string[]; from: Date; to: Date };

const inPeriod = (q: Period, dimension: string) =>
  sql`r.unit_id = any(${unitArray(q.unitIds)}) and r.dimension = ${dimension} and r.bucket >= ${q.from.toISOString()}::timestamptz and r.bucket < ${q.to.toISOString()}::timestamptz`;

async function perDay(tx: Executor, q: Period, dimension: string, where: SQL, days: number): Promise<DaySums> {
  const out: DaySums = { items: Array(days).fill(0), toneSum: Array(days).fill(0), toneItems: Array(days).fill(0), intensity: Array(days).fill(0) };
  if (q.unitIds.length === 0) return out;
  const rows = await queryRows<{ at: string | Date; items: number; tone_sum: number; tone_items: number; intensity: number }>(
    tx,
    sql`select date_trunc('day', r.bucket at time zone 'UTC') at time zone 'UTC' as at, sum(r.items)::int as items, sum(r.tone_sum)::float8 as tone_sum,
        sum(r.tone_items)::int as tone_items, sum(r.intensity_sum)::float8 as intensity
      from ${insightsRollups} r where ${inPeriod(q, dimension)} and ${where} group by 1`,
  );
  for (const r of rows) {
    const i = Math.round((new Date(r.at).getTime() - q.from.getTime()) / DAY_MS);
    if (i < 0 || i >= days) continue;
    out.items[i] = Number(r.items);
    out.toneSum[i] = Number(r.tone_sum);
    out.toneItems[i] = Number(r.tone_items);
    out.intensity[i] = Number(r.intensity);
  }
  return out;
}

/** Items about the monitor's topics in its regions, per UTC day from `from` (`days` days). */
export function volumePerDay(tx: Executor, q: Period & MonitorScope, days: number): Promise<DaySums> {
  const v = volumeRows(q);
  return perDay(tx, q, v.dimension, v.where, days);
}

/** GDELT material-conflict events in the monitor's regions per UTC day (`items` = events). */
export function eventsPerDay(tx: Executor, q: Period & MonitorScope, days: number): Promise<DaySums> {
  return perDay(tx, q, 'event', eventWhere(q), days);
}

/** Items per country (the monitor's countries, or every country its topics were mentioned with), and events per action country. */
export async function perCountry(tx: Executor, q: Period & MonitorScope): Promise<{ items: Map<string, number>; events: Map<string, { events: number; intensity: number }> }> {
  const items = new Map<string, number>();
  const events = new Map<string, { events: number; intensity: number }>();
  if (q.unitIds.length === 0) return { items, events };
  const m = mapRows(q);
  const itemRows = await queryRows<{ country: string; items: number }>(tx, sql`select ${m.country} as country, sum(r.items)::int as items from ${insightsRollups} r where ${inPeriod(q, m.dimension)} and ${m.where} group by 1`);
  for (const r of itemRows) if (r.country) items.set(r.country, Number(r.items));
  const eventRows = await queryRows<{ country: string; events: number; intensity: number }>(
    tx,
    sql`select split_part(r.key, '|', 2) as country, sum(r.items)::int as events, sum(r.intensity_sum)::float8 as intensity from ${insightsRollups} r where ${inPeriod(q, 'event')} and ${eventWhere(q)} group by 1`,
  );
  for (const r of eventRows) if (r.country) events.set(r.country, { events: Number(r.events), intensity: Number(r.intensity) });
  return { items, events };
}

/** Events per CAMEO root and action country over the period, most intense first. */
export async function eventGroups(tx: Executor, q: Period & MonitorScope, limit = 50): Promise<{ rootCode: string; country: string | null; events: number; intensity: number }[]> {
  if (q.unitIds.length === 0) return [];
  const rows = await queryRows<{ root: string; country: string; events: number; intensity: number }>(
    tx,
    sql`select split_part(r.key, '|', 1) as root, split_part(r.key, '|', 2) as country, sum(r.items)::int as events, sum(r.intensity_sum)::float8 as intensity
      from ${insightsRollups} r where ${inPeriod(q, 'event')} and ${eventWhere(q)} group by 1, 2 order by 4 desc, 3 desc, 1, 2 limit ${limit}`,
  );
  return rows.map((r) => ({ rootCode: r.root, country: r.country || null, events: Number(r.events), intensity: Number(Number(r.intensity).toFixed(2)) }));
}
