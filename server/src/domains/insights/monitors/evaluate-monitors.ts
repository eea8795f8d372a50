// Checks every enabled monitor against its forecast band and records whether it warns. A warning
// that begins raises an alert in the same inbox as the alert rules (live toast included); a new
// day leaving the band during the same warning is merged into that alert as a repeat.
import type { AlertWhy } from '@diplodesk/contracts';
import { and, desc, eq, isNull, lt, or, sql } from 'drizzle-orm';
import { isWithin } from '../../../platform/authz/principal.ts';
import { type Executor, newIdFor, queryRows } from '../../../platform/db/index.ts';
import { appendEvents } from '../../../platform/events/outbox.ts';
import { listUnits } from '../../identity/index.ts';
import { alertChanged, raiseAlert } from '../alerts/raise-alert.ts';
import { insightsAlerts, insightsMonitors, insightsRollups, type MonitorWarning } from '../insights.tables.ts';
import type { MonitorRow } from './manage-monitors.ts';
import { type Band, type BandCheck, checkBand, DAY_MS, MIN_HISTORY_DAYS, monitorBand } from './monitor-forecast.ts';
import { eventsPerDay, volumePerDay } from './monitor-series.ts';

/** Days of history a warning is judged on (eight weeks: enough for the weekly rhythm). */
export const EVALUATION_DAYS = 56;
const WHY_DAYS = 30;

export const startOfUtcDay = (at: Date): Date => new Date(Math.floor(at.getTime() / DAY_MS) * DAY_MS);

export type MonitorFigures = { days: Date[]; items: number[]; toneSum: number[]; toneItems: number[]; events: number[]; intensity: number[]; itemsBand: Band | null; intensityBand: Band | null };

/** A monitor's daily figures over `days` days up to today (UTC) and its bands `horizon` days ahead. */
export async function monitorFigures(tx: Executor, monitor: Pick<MonitorRow, 'topicIds' | 'countries'>, unitIds: readonly string[], opts: { now: Date; days: number; horizon: number }): Promise<MonitorFigures> {
  const today = startOfUtcDay(opts.now);
  const from = new Date(today.getTime() - (opts.days - 1) * DAY_MS);
  const q = { unitIds, from, to: new Date(today.getTime() + DAY_MS), topicIds: monitor.topicIds, countries: monitor.countries };
  const days = Array.from({ length: opts.days }, (_, i) => new Date(from.getTime() + i * DAY_MS));
  const volume = await volumePerDay(tx, q, opts.days);
  const events = await eventsPerDay(tx, q, opts.days);
  return {
    days,
    items: volume.items,
    toneSum: volume.toneSum,
    toneItems: volume.toneItems,
    events: events.items,
    intensity: events.intensity.map((v) => Number(v.toFixed(2))),
    itemsBand: monitorBand(volume.items, days, opts.horizon),
    intensityBand: monitorBand(events.intensity, days, opts.horizon),
  };
}

/** The warning of a monitor's figures, items first (what people read), then conflict intensity. */
export function warningOf(monitor: Pick<MonitorRow, 'warnLevel' | 'watchEvents'>, f: MonitorFigures): BandCheck | null {
  return checkBand('items', f.items, f.itemsBand, monitor.warnLevel) ?? (monitor.watchEvents ? checkBand('intensity', f.intensity, f.intensityBand) : null);
}

export type MonitorEvaluation = { monitors: number; raised: string[]; merged: string[] };

/**
 * Evaluates the enabled monitors (of `unitIds` and the units above them, when given; not evaluated
 * for `minIntervalMs`, when given: after each batch of items, at most every few seconds).
 */
export async function evaluateMonitors(tx: Executor, opts: { now: Date; unitIds?: readonly string[]; minIntervalMs?: number }): Promise<MonitorEvaluation> {
  const outcome: MonitorEvaluation = { monitors: 0, raised: [], merged: [] };
  const due = opts.minIntervalMs ? or(isNull(insightsMonitors.lastEvaluatedAt), lt(insightsMonitors.lastEvaluatedAt, new Date(opts.now.getTime() - opts.minIntervalMs))) : undefined;
  let monitors = await tx.select().from(insightsMonitors).where(and(eq(insightsMonitors.enabled, true), due));
  if (monitors.length === 0) return outcome;
  const units = await listUnits(tx);
  const pathOf = new Map(units.map((u) => [u.id, u.path]));
  if (opts.unitIds) {
    const touched = opts.unitIds.map((id) => pathOf.get(id)).filter((p): p is string => p !== undefined);
    monitors = monitors.filter((m) => {
      const path = pathOf.get(m.unitId);
      return path !== undefined && touched.some((t) => isWithin(t, path));
    });
  }
  for (const monitor of monitors) {
    const path = pathOf.get(monitor.unitId);
    if (path === undefined) continue;
    outcome.monitors++;
    const subtree = units.filter((u) => isWithin(u.path, path)).map((u) => u.id);
    const change = await evaluateMonitor(tx, monitor, subtree, opts.now);
    if (change?.change === 'raised') outcome.raised.push(change.alertId);
    if (change?.change === 'merged') outcome.merged.push(change.alertId);
  }
  return outcome;
}

/** Whole days since the first item any of these units collected (0 when none). */
async function collectingDays(tx: Executor, unitIds: readonly string[], now: Date): Promise<number> {
  if (unitIds.length === 0) return 0;
  const [row] = await queryRows<{ first: string | Date | null }>(
    tx,
    sql`select min(bucket) as first from ${insightsRollups} where dimension = 'all' and unit_id = any(${`{${unitIds.join(',')}}`}::uuid[])`,
  );
  return row?.first ? Math.floor((now.getTime() - new Date(row.first).getTime()) / DAY_MS) : 0;
}

const toStored = (w: BandCheck): MonitorWarning => ({ metric: w.metric, reason: w.reason, at: w.at.toISOString(), observed: w.observed, lower: w.lower, upper: w.upper, level: w.level });

async function evaluateMonitor(tx: Executor, monitor: MonitorRow, unitIds: string[], now: Date): Promise<{ change: 'raised' | 'merged'; alertId: string } | null> {
  // One evaluation of a monitor at a time across workers: the second sees the first one's warning.
  const [locked] = await tx.select().from(insightsMonitors).where(eq(insightsMonitors.id, monitor.id)).for('update');
  if (!locked?.enabled) return null;
  const figures = await monitorFigures(tx, locked, unitIds, { now, days: EVALUATION_DAYS, horizon: 7 });
  // A band learnt from days before the units collected anything is a band of silence: a new
  // workspace (or the demo, whose items are all from today) would warn on its first items.
  const warning = (await collectingDays(tx, unitIds, now)) >= MIN_HISTORY_DAYS + 2 ? warningOf(locked, figures) : null;
  const leftBand = warning !== null && warning.reason !== 'forecast-level';
  await tx
    .update(insightsMonitors)
    .set({
      warning: warning ? toStored(warning) : null,
      warningSince: warning ? (locked.warningSince ?? now) : null,
      ...(leftBand ? { lastBandExitAt: now } : {}),
      lastEvaluatedAt: now,
    })
    .where(eq(insightsMonitors.id, locked.id));
  if (!warning) return null;
  const why = whyOf(warning, figures);
  const day = { fromAt: warning.at, toAt: new Date(warning.at.getTime() + DAY_MS) };
  if (locked.warning) {
    // The same warning goes on: a new day out of the band adds a repeat; the same day adds nothing.
    const [open] = await tx.select().from(insightsAlerts).where(eq(insightsAlerts.monitorId, locked.id)).orderBy(desc(insightsAlerts.lastFiredAt)).limit(1).for('update');
    if (open && warning.at.getTime() <= open.lastBucketAt.getTime()) return null;
    if (open) {
      await tx
        .update(insightsAlerts)
        .set({ repeats: open.repeats + 1, lastFiredAt: now, lastBucketAt: warning.at, why, toAt: day.toAt })
        .where(eq(insightsAlerts.id, open.id));
      await appendEvents(tx, [{ type: alertChanged, unitId: locked.unitId, data: { alertId: open.id, ruleId: locked.id, monitorId: locked.id, repeats: open.repeats + 1 } }]);
      return { change: 'merged', alertId: open.id };
    }
  }
  const id = newIdFor();
  // Its warnings notify as a rule's alerts do: toast, e-mail and webhooks, all quiet in its quiet hours.
  await raiseAlert(tx, { id, ruleId: locked.id, monitorId: locked.id, unitId: locked.unitId, firstFiredAt: now, lastFiredAt: now, lastBucketAt: warning.at, why, ...day }, { ...locked, notifyInApp: true }, now, {
    ruleId: locked.id,
    monitorId: locked.id,
    ruleName: locked.name,
    ruleLabels: locked.labels,
    kind: 'forecast-band',
  });
  return { change: 'raised', alertId: id };
}

/** The alert's evidence: the last days of the series that warned, the day, its band and by how much it left it. */
function whyOf(warning: BandCheck, f: MonitorFigures): AlertWhy {
  const values = warning.metric === 'items' ? f.items : f.intensity;
  const band = warning.metric === 'items' ? f.itemsBand : f.intensityBand;
  const offset = Math.max(0, f.days.length - WHY_DAYS);
  const series = f.days.slice(offset).map((at, i) => ({ at: at.toISOString(), value: values[offset + i] ?? 0 }));
  // A forecast crossing a level lies ahead of the series: it is drawn against the last day.
  const found = series.findIndex((p) => p.at === warning.at.toISOString());
  const index = found >= 0 ? found : series.length - 1;
  const bandIndex = band ? band.at.findIndex((at) => at.getTime() === warning.at.getTime()) : -1;
  const expected = band && bandIndex >= 0 ? (band.mean[bandIndex] ?? 0) : 0;
  const threshold = warning.reason === 'forecast-level' ? (warning.level ?? 0) : warning.reason === 'below-band' ? warning.lower : warning.upper;
  const exit = { metric: warning.metric, reason: warning.reason, lower: warning.lower, upper: warning.upper, level: warning.level };
  return { method: 'forecast-band', bucket: 'day', series, start: index, end: index, observed: warning.observed, expected, sd: null, score: warning.observed, threshold, band: exit };
}
