import { type SavedSearchParams, savedSearchQuery, uuid } from '@diplodesk/contracts';
import type { z } from 'zod';
import { AppError } from '../../../platform/errors/app-error.ts';
import type { ItemQuery } from '../listening.repo.ts';

/** Filters as validated by the search's own query-string schema (lists already split). */
export type SavedQuery = z.output<typeof savedSearchQuery>;

/**
 * The stored (and URL) form of a query: its query-string parameters, keys sorted, lists joined,
 * defaults and empty values left out — so two equal queries have one form (live subscriptions
 * that ask the same thing share one database query).
 */
export function toSearchParams(query: SavedQuery): SavedSearchParams {
  const out: SavedSearchParams = {};
  for (const key of Object.keys(query).sort()) {
    const value = query[key as keyof SavedQuery];
    if (value === undefined || value === null || value === '') continue;
    if (key === 'match' && value === 'words') continue;
    if (Array.isArray(value)) {
      if (value.length > 0) out[key] = value.join(',');
      continue;
    }
    out[key] = String(value);
  }
  return out;
}

/** A stored query read back through the same schema; a query stored by an older version that no longer validates is refused, not guessed. */
export function parseStoredQuery(stored: Record<string, unknown>): SavedQuery {
  const parsed = savedSearchQuery.safeParse(stored);
  if (!parsed.success) throw new AppError('request.invalid', 'The saved search’s filters are no longer valid. Save it again.');
  return parsed.data;
}

/** The repository's query for these filters over the units the caller may read. */
export function toItemQuery(query: SavedQuery, unitIds: string[], limit: number): ItemQuery {
  return {
    unitIds,
    q: query.q,
    match: query.match,
    from: query.from ? new Date(query.from) : undefined,
    to: query.to ? new Date(query.to) : undefined,
    sourceIds: query.sources?.filter((s) => uuid.safeParse(s).success),
    languages: query.languages,
    countries: query.countries?.map((c) => c.toUpperCase()),
    topics: query.topics,
    sentimentMin: query.sentimentMin,
    sentimentMax: query.sentimentMax,
    clusterId: query.cluster,
    limit,
  };
}

/** `publishedAt|id` of the last item of a page (keyset paging, newest first). */
export function parseItemCursor(cursor: string | undefined): ItemQuery['before'] {
  if (!cursor) return undefined;
  const [at, id] = cursor.split('|');
  const publishedAt = new Date(at ?? '');
  if (!id || Number.isNaN(publishedAt.getTime()) || !uuid.safeParse(id).success) throw new AppError('request.invalid', 'The cursor is not valid.');
  return { publishedAt, id };
}

export const itemCursorOf = (item: { publishedAt: Date; id: string }) => `${item.publishedAt.toISOString()}|${item.id}`;
