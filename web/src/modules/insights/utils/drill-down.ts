import type { TrendDimension } from '@diplodesk/contracts';

/** The listening search filter each trend dimension of the rollups maps to (a saved search brings its own filters). */
export const searchFilterOf = { topic: 'topics', country: 'countries', language: 'languages', source: 'sources' } as const satisfies Record<Exclude<TrendDimension, 'all' | 'saved-search'>, string>;

/** A saved search's stored parameters: the search's own query string. */
export type SavedSearchParams = Record<string, string>;

/**
 * The listening search's filters for one series: its key as a filter, or for a saved search that
 * search's own filters (its own period left out: the point's period replaces it). `others` (the
 * smaller series summed) has no one key, so it adds nothing.
 */
export function seriesFilters(opts: { dimension: TrendDimension; key: string | null; savedQuery?: SavedSearchParams | undefined }): Record<string, string> {
  if (opts.dimension === 'all' || !opts.key || opts.key === 'others') return {};
  if (opts.dimension === 'saved-search') {
    const { from: _from, to: _to, ...rest } = opts.savedQuery ?? {};
    return rest;
  }
  return { [searchFilterOf[opts.dimension]]: opts.key };
}

/**
 * The listening search showing exactly the items behind one point of a trend: the bucket's period
 * and, for a series of a dimension, its key (for a saved search, its filters).
 */
export function drillDownHref(opts: { dimension: TrendDimension; key: string | null; from: string; to: string; savedQuery?: SavedSearchParams | undefined }): string {
  const params = new URLSearchParams(seriesFilters(opts));
  params.set('from', opts.from);
  params.set('to', opts.to);
  return `/listening?${params}`;
}
