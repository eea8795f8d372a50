import type { TrendDimension } from '@diplodesk/contracts';

/** The listening search filter each trend dimension maps to. */
export const searchFilterOf = { topic: 'topics', country: 'countries', language: 'languages', source: 'sources' } as const satisfies Record<Exclude<TrendDimension, 'all'>, string>;

/**
 * The listening search showing exactly the items behind one point of a trend: the bucket's period
 * and, for a series of a dimension, its key. `others` (the smaller series summed) has no one key,
 * so it opens the whole bucket.
 */
export function drillDownHref(opts: { dimension: TrendDimension; key: string | null; from: string; to: string }): string {
  const params = new URLSearchParams();
  if (opts.dimension !== 'all' && opts.key && opts.key !== 'others') params.set(searchFilterOf[opts.dimension], opts.key);
  params.set('from', opts.from);
  params.set('to', opts.to);
  return `/listening?${params}`;
}
