// The `cluster-growth` rule: a near-duplicate cluster reaching N distinct accounts in one hour (the
// same text spreading fast). Listening counts the accounts (its door); this picks the cluster that
// concerns now and says why, with the cluster's accounts per hour as the series.
import type { Detection } from '@diplodesk/analysis';
import type { Executor } from '../../../platform/db/index.ts';
import { clusterAccountsPerHour } from '../../listening/index.ts';
import { bucketStarts, HOUR_MS } from './alert-series.ts';

/** Hours of a cluster's accounts kept to show why it fired. */
const SERIES_HOURS = 48;

export type ClusterFinding = { at: Date[]; values: number[]; detection: Detection; clusterId: string };

/**
 * The cluster that reached `threshold` accounts in the current or the last completed hour (the most
 * accounts first; ties: the later hour, then the cluster id), with its accounts per hour over two
 * days and the mean of the hours before the one that fired as what was usual. Null when none did.
 */
export async function clusterGrowthFinding(tx: Executor, opts: { unitIds: readonly string[]; threshold: number; now: Date }): Promise<ClusterFinding | null> {
  const at = bucketStarts('hour', opts.now, SERIES_HOURS);
  const to = new Date((at.at(-1) as Date).getTime() + HOUR_MS);
  const recent = await clusterAccountsPerHour(tx, { unitIds: opts.unitIds, from: at.at(-2) as Date, to, minAccounts: opts.threshold });
  const best = [...recent].sort((a, b) => b.accounts - a.accounts || b.at.getTime() - a.at.getTime() || a.clusterId.localeCompare(b.clusterId))[0];
  if (!best) return null;
  const hours = await clusterAccountsPerHour(tx, { unitIds: opts.unitIds, from: at[0] as Date, to, clusterIds: [best.clusterId] });
  const index = new Map(at.map((d, i) => [d.getTime(), i]));
  const values = at.map(() => 0);
  for (const h of hours) {
    const i = index.get(h.at.getTime());
    if (i !== undefined) values[i] = h.accounts;
  }
  const peak = index.get(best.at.getTime()) ?? at.length - 1;
  const before = values.slice(0, peak);
  const expected = before.length > 0 ? before.reduce((n, v) => n + v, 0) / before.length : 0;
  // The run of hours at or above the threshold that ends at the peak: how long it has been spreading this fast.
  let start = peak;
  while (start > 0 && (values[start - 1] ?? 0) >= opts.threshold) start--;
  const detection: Detection = { method: 'spike', start, end: peak, peak, hits: peak - start + 1, observed: best.accounts, expected, score: best.accounts, threshold: opts.threshold };
  return { at, values, detection, clusterId: best.clusterId };
}
