// Reading monitors: the list with sparklines and warnings, one monitor's charts, and the monitors
// that changed (for the home dashboard and the daily brief).
import type { MonitorDto, MonitorSeriesResponse } from '@diplodesk/contracts';
import { and, desc, eq, gte, inArray, isNotNull, or } from 'drizzle-orm';
import { isWithin } from '../../../platform/authz/principal.ts';
import type { Executor } from '../../../platform/db/index.ts';
import { listUnits } from '../../identity/index.ts';
import { insightsMonitors } from '../insights.tables.ts';
import { monitorFigures, startOfUtcDay } from './evaluate-monitors.ts';
import type { MonitorRow } from './manage-monitors.ts';
import type { Band } from './monitor-forecast.ts';
import { DAY_MS } from './monitor-forecast.ts';
import { eventGroups, perCountry, volumePerDay } from './monitor-series.ts';

const SPARK_DAYS = 14;

export function presentMonitor(m: MonitorRow, spark: number[], canManage: boolean): MonitorDto {
  return {
    id: m.id,
    unitId: m.unitId,
    key: m.key,
    name: m.name,
    labels: m.labels,
    topicIds: m.topicIds,
    countries: m.countries,
    warnLevel: m.warnLevel,
    watchEvents: m.watchEvents,
    enabled: m.enabled,
    quietFrom: m.quietFrom,
    quietTo: m.quietTo,
    timeZone: m.timeZone,
    emailUserIds: m.emailUserIds,
    emailAddresses: m.emailAddresses,
    notifyWebhooks: m.notifyWebhooks,
    warning: m.warning,
    warningSince: m.warningSince?.toISOString() ?? null,
    lastBandExitAt: m.lastBandExitAt?.toISOString() ?? null,
    lastEvaluatedAt: m.lastEvaluatedAt?.toISOString() ?? null,
    spark,
    createdAt: m.createdAt.toISOString(),
    updatedAt: m.updatedAt.toISOString(),
    policies: { update: canManage },
  };
}

export async function listMonitors(x: Executor, unitIds: readonly string[]): Promise<MonitorRow[]> {
  if (unitIds.length === 0) return [];
  return x
    .select()
    .from(insightsMonitors)
    .where(inArray(insightsMonitors.unitId, [...unitIds]))
    .orderBy(desc(insightsMonitors.enabled), insightsMonitors.createdAt, insightsMonitors.id);
}

/** The units a monitor of `unitId` counts: its unit and every unit below it. */
export async function subtreeOf(x: Executor, unitId: string): Promise<string[]> {
  const units = await listUnits(x);
  const path = units.find((u) => u.id === unitId)?.path;
  return path === undefined ? [] : units.filter((u) => isWithin(u.path, path)).map((u) => u.id);
}

/** Items per UTC day over the last two weeks: the list's sparkline. */
export async function sparkOf(x: Executor, m: MonitorRow, unitIds: readonly string[], now: Date): Promise<number[]> {
  const today = startOfUtcDay(now);
  const from = new Date(today.getTime() - (SPARK_DAYS - 1) * DAY_MS);
  return (await volumePerDay(x, { unitIds, from, to: new Date(today.getTime() + DAY_MS), topicIds: m.topicIds, countries: m.countries }, SPARK_DAYS)).items;
}

const bandDto = (b: Band | null) => (b ? { level: b.level, at: b.at.map((d) => d.toISOString()), mean: b.mean, lower: b.lower, upper: b.upper } : null);

/** One monitor's charts: `days` days up to today, bands `horizon` days ahead, the map and the events. */
export async function monitorSeries(x: Executor, m: MonitorRow, canManage: boolean, opts: { now: Date; days: number; horizon: number }): Promise<MonitorSeriesResponse> {
  const unitIds = await subtreeOf(x, m.unitId);
  const f = await monitorFigures(x, m, unitIds, opts);
  const from = f.days[0] ?? startOfUtcDay(opts.now);
  const to = new Date(startOfUtcDay(opts.now).getTime() + DAY_MS);
  const q = { unitIds, from, to, topicIds: m.topicIds, countries: m.countries };
  const byCountry = await perCountry(x, q);
  const countries = [...new Set([...byCountry.items.keys(), ...byCountry.events.keys()])]
    .map((country) => ({ country, items: byCountry.items.get(country) ?? 0, events: byCountry.events.get(country)?.events ?? 0, intensity: Number((byCountry.events.get(country)?.intensity ?? 0).toFixed(2)) }))
    .sort((a, b) => b.items - a.items || b.intensity - a.intensity || a.country.localeCompare(b.country));
  return {
    monitor: presentMonitor(m, f.items.slice(-SPARK_DAYS), canManage),
    days: f.days.map((d) => d.toISOString()),
    items: f.items,
    tone: f.toneSum.map((sum, i) => ((f.toneItems[i] ?? 0) > 0 ? Number((sum / (f.toneItems[i] as number)).toFixed(4)) : null)),
    events: f.events,
    intensity: f.intensity,
    itemsBand: bandDto(f.itemsBand),
    intensityBand: bandDto(f.intensityBand),
    countries,
    eventGroups: await eventGroups(x, q),
    from: from.toISOString(),
    to: to.toISOString(),
  };
}

/** A monitor that warns now, or whose observed values left their band in the last day. */
export type MonitorChange = {
  id: string;
  unitId: string;
  /** The name to show: `labels[locale]` when set (a seeded monitor), else `name`. */
  name: string;
  labels: { en: string; id: string } | null;
  warning: MonitorWarning | null;
  warningSince: Date | null;
  lastBandExitAt: Date | null;
  /** The page to link to. */
  href: string;
};
type MonitorWarning = NonNullable<MonitorRow['warning']>;

/**
 * The enabled monitors of these units that changed: warning now, or out of their band within the
 * last 24 hours of `now`; warning ones first, then the latest exits.
 *
 * @example const changed = await monitorsThatChanged(db, { unitIds: readableUnitIds }); changed[0]?.href // "/insights/monitors/…"
 */
export async function monitorsThatChanged(x: Executor, opts: { unitIds: readonly string[]; now?: Date }): Promise<MonitorChange[]> {
  if (opts.unitIds.length === 0) return [];
  const since = new Date((opts.now ?? new Date()).getTime() - DAY_MS);
  const rows = await x
    .select()
    .from(insightsMonitors)
    .where(and(inArray(insightsMonitors.unitId, [...opts.unitIds]), eq(insightsMonitors.enabled, true), or(isNotNull(insightsMonitors.warning), gte(insightsMonitors.lastBandExitAt, since))))
    .orderBy(desc(insightsMonitors.warningSince), desc(insightsMonitors.lastBandExitAt), insightsMonitors.name);
  return rows
    .map((m) => ({ id: m.id, unitId: m.unitId, name: m.name, labels: m.labels, warning: m.warning, warningSince: m.warningSince, lastBandExitAt: m.lastBandExitAt, href: `/insights/monitors/${m.id}` }))
    .sort((a, b) => Number(b.warning !== null) - Number(a.warning !== null));
}
