import type { ClusterBucket } from '@diplodesk/contracts';

const minute = 60_000;
const hour = 60 * minute;

export const bucketMs: Record<ClusterBucket, number> = { '5m': 5 * minute, '1h': hour, '6h': 6 * hour, '1d': 24 * hour };

/** Past this many buckets the timeline lists only non-empty ones (a cluster spanning years). */
export const maxFilledBuckets = 400;

/**
 * The bar width for a cluster's timeline: the finest of 5 min / 1 h / 6 h / 1 day that keeps the
 * chart to about 72 bars, so it reads on a phone.
 */
export function chooseBucket(spanMs: number): ClusterBucket {
  if (spanMs <= 6 * hour) return '5m';
  if (spanMs <= 72 * hour) return '1h';
  if (spanMs <= 18 * 24 * hour) return '6h';
  return '1d';
}

/** Every bucket from the first non-empty one to the last, the empty ones with a count of 0. */
export function fillTimeline(counts: { start: number; count: number }[], bucket: ClusterBucket): { start: string; count: number }[] {
  const width = bucketMs[bucket];
  const first = counts[0];
  const last = counts.at(-1);
  if (!first || !last) return [];
  if ((last.start - first.start) / width + 1 > maxFilledBuckets) return counts.map((c) => ({ start: new Date(c.start).toISOString(), count: c.count }));
  const byStart = new Map(counts.map((c) => [c.start, c.count]));
  const out: { start: string; count: number }[] = [];
  for (let at = first.start; at <= last.start; at += width) out.push({ start: new Date(at).toISOString(), count: byStart.get(at) ?? 0 });
  return out;
}
