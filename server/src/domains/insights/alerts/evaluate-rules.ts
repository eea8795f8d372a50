// Runs every enabled alert rule over its series and raises, or merges into, alerts. Called after
// each batch of items is counted (so a spike is seen within seconds) and once a minute.
import type { AlertWhy } from '@diplodesk/contracts';
import type { Detection } from '@diplodesk/analysis';
import { and, desc, eq, inArray, sql } from 'drizzle-orm';
import { isWithin } from '../../../platform/authz/principal.ts';
import { type Executor, newIdFor } from '../../../platform/db/index.ts';
import { appendEvents } from '../../../platform/events/outbox.ts';
import { listUnits } from '../../identity/index.ts';
import { insightsAlertRules, insightsAlerts } from '../insights.tables.ts';
import { DAY_MS, HOUR_MS, watchedSeries } from './alert-series.ts';
import { clusterGrowthFinding } from './cluster-growth.ts';
import { currentDetection } from './detect.ts';
import { alertChanged, raiseAlert } from './raise-alert.ts';

type RuleRow = typeof insightsAlertRules.$inferSelect;

/** Buckets of the watched series kept with an alert to draw why it fired. */
const WHY_BUCKETS = { hour: 48, day: 30 } as const;

export type EvaluationOutcome = { rules: number; raised: string[]; merged: string[] };

/**
 * Evaluates the enabled rules (only those watching one of `unitIds` and the units above it, when
 * given) at `now`, in the caller's transaction.
 */
export async function evaluateAlertRules(tx: Executor, opts: { now: Date; unitIds?: readonly string[] }): Promise<EvaluationOutcome> {
  const outcome: EvaluationOutcome = { rules: 0, raised: [], merged: [] };
  // After every batch of items: with no rule enabled, one query and nothing else.
  let rules = await tx.select().from(insightsAlertRules).where(eq(insightsAlertRules.enabled, true));
  if (rules.length === 0) return outcome;
  const units = await listUnits(tx);
  const pathOf = new Map(units.map((u) => [u.id, u.path]));
  if (opts.unitIds) {
    const touched = opts.unitIds.map((id) => pathOf.get(id)).filter((p): p is string => p !== undefined);
    rules = rules.filter((r) => {
      const path = pathOf.get(r.unitId);
      return path !== undefined && touched.some((t) => isWithin(t, path));
    });
  }
  for (const rule of rules) {
    const path = pathOf.get(rule.unitId);
    if (path === undefined) continue;
    const subtree = units.filter((u) => isWithin(u.path, path)).map((u) => u.id);
    outcome.rules++;
    const result = await evaluateRule(tx, rule, subtree, opts.now);
    if (result?.change === 'raised') outcome.raised.push(result.alertId);
    if (result?.change === 'merged') outcome.merged.push(result.alertId);
  }
  if (rules.length > 0) {
    await tx
      .update(insightsAlertRules)
      .set({ lastEvaluatedAt: opts.now })
      .where(
        inArray(
          insightsAlertRules.id,
          rules.map((r) => r.id),
        ),
      );
  }
  return outcome;
}

/** What fired: the series drawn with the alert (counts, tones or a cluster's accounts), the detection, and the cluster for `cluster-growth`. */
type Finding = { at: Date[]; values: number[]; detection: Detection; clusterId?: string };

async function findingOf(tx: Executor, rule: RuleRow, unitIds: string[], now: Date): Promise<Finding | null> {
  if (rule.kind === 'cluster-growth') return clusterGrowthFinding(tx, { unitIds, threshold: rule.threshold ?? Number.POSITIVE_INFINITY, now });
  const series = await watchedSeries(tx, { unitIds, dimension: rule.dimension, key: rule.key, bucket: rule.bucket, now });
  const detection = currentDetection(rule, series);
  if (!detection) return null;
  return { at: series.at, values: rule.kind === 'tone-drop' ? series.tone.map(toneOf) : series.counts, detection };
}

async function evaluateRule(tx: Executor, rule: RuleRow, unitIds: string[], now: Date): Promise<{ change: 'raised' | 'merged'; alertId: string } | null> {
  // One evaluation of a rule at a time across workers: the second sees the first one's alert.
  await tx.select({ id: insightsAlertRules.id }).from(insightsAlertRules).where(eq(insightsAlertRules.id, rule.id)).for('update');
  const finding = await findingOf(tx, rule, unitIds, now);
  if (!finding) return null;
  const { detection } = finding;
  const bucket = rule.kind === 'cluster-growth' ? 'hour' : rule.bucket;
  const size = bucket === 'hour' ? HOUR_MS : DAY_MS;
  const peakAt = finding.at[detection.peak] as Date;
  const fromAt = finding.at[detection.start] as Date;
  const toAt = new Date((finding.at[detection.end] as Date).getTime() + size);
  const keep = WHY_BUCKETS[bucket];
  const offset = Math.max(0, finding.values.length - keep);
  const why: AlertWhy = {
    method: rule.kind,
    bucket,
    series: finding.at.slice(offset).map((at, i) => ({ at: at.toISOString(), value: finding.values[offset + i] ?? 0 })),
    start: Math.max(0, detection.start - offset),
    end: detection.end - offset,
    observed: round(detection.observed),
    expected: round(detection.expected),
    sd: detection.sd === undefined ? null : round(detection.sd),
    score: round(detection.score),
    threshold: round(detection.threshold),
    ...(finding.clusterId ? { clusterId: finding.clusterId } : {}),
  };
  // Repeats merge per rule; for a cluster rule per rule and cluster (another cluster is another alert).
  const sameEpisode = finding.clusterId ? and(eq(insightsAlerts.ruleId, rule.id), sql`${insightsAlerts.why}->>'clusterId' = ${finding.clusterId}`) : eq(insightsAlerts.ruleId, rule.id);
  const [latest] = await tx.select().from(insightsAlerts).where(sameEpisode).orderBy(desc(insightsAlerts.lastFiredAt)).limit(1).for('update');
  if (latest && now.getTime() - latest.lastFiredAt.getTime() <= rule.coolDownMinutes * 60_000) {
    // Still the same episode: a new bucket that fired adds one repeat; the same bucket adds nothing.
    if (peakAt.getTime() <= latest.lastBucketAt.getTime()) return null;
    await tx
      .update(insightsAlerts)
      .set({ repeats: latest.repeats + 1, lastFiredAt: now, lastBucketAt: peakAt, why, toAt })
      .where(eq(insightsAlerts.id, latest.id));
    await appendEvents(tx, [{ type: alertChanged, unitId: rule.unitId, data: { alertId: latest.id, ruleId: rule.id, repeats: latest.repeats + 1 } }]);
    return { change: 'merged', alertId: latest.id };
  }
  const id = newIdFor();
  await raiseAlert(tx, { id, ruleId: rule.id, unitId: rule.unitId, firstFiredAt: now, lastFiredAt: now, lastBucketAt: peakAt, why, fromAt, toAt }, rule, now, { ruleId: rule.id, ruleName: rule.name, kind: rule.kind });
  return { change: 'raised', alertId: id };
}

const round = (v: number) => (Number.isFinite(v) ? Number(v.toFixed(4)) : 0);
const toneOf = (b: { sum: number; count: number } | undefined) => (b && b.count > 0 ? round(b.sum / b.count) : 0);
