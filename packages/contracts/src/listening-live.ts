import { z } from 'zod';
import { isoDateTime, plainText, policies, uuid } from './common.ts';
import { itemDto, itemSearchQuery } from './listening.ts';

/** The filters a saved search keeps: the search's own query string, without paging. */
export const savedSearchQuery = itemSearchQuery.omit({ limit: true, cursor: true, facets: true });
export type SavedSearchQueryInput = z.input<typeof savedSearchQuery>;

/**
 * Stored filters as the query-string parameters of `GET /listening/items` (lists comma-separated),
 * so a client can put them in a URL as they are.
 */
export const savedSearchParams = z.record(z.string(), z.string());
export type SavedSearchParams = z.infer<typeof savedSearchParams>;

export const savedSearchDto = z.object({
  id: uuid,
  unitId: uuid,
  name: z.string(),
  query: savedSearchParams,
  /** Visible to everyone who may read the unit's items; otherwise to its owner only. */
  shared: z.boolean(),
  mine: z.boolean(),
  ownerName: z.string().nullable(),
  createdAt: isoDateTime,
  updatedAt: isoDateTime,
  policies,
});
export type SavedSearchDto = z.infer<typeof savedSearchDto>;
export const savedSearchListResponse = z.object({ items: z.array(savedSearchDto) });

export const createSavedSearchRequest = z.object({
  name: plainText(1, 120),
  query: savedSearchQuery,
  shared: z.boolean().default(false),
  /** The unit whose readers see it when shared; default: the query's unit, else the caller's widest. */
  unitId: uuid.optional(),
});
export type CreateSavedSearchRequest = z.input<typeof createSavedSearchRequest>;

export const updateSavedSearchRequest = z.object({
  name: plainText(1, 120).optional(),
  query: savedSearchQuery.optional(),
  shared: z.boolean().optional(),
});
export type UpdateSavedSearchRequest = z.input<typeof updateSavedSearchRequest>;

/** "Did you mean": spellings close to a query that found nothing (titles, hashtags, authors). */
export const searchSuggestionsQuery = z.object({ q: plainText(1, 200), unitId: uuid.optional() });
export const searchSuggestionsResponse = z.object({ suggestions: z.array(z.string()) });

/** Width of one bar of a cluster's timeline, chosen from the cluster's span. */
export const clusterBucket = z.enum(['5m', '1h', '6h', '1d']);
export type ClusterBucket = z.infer<typeof clusterBucket>;

export const itemClusterQuery = z.object({
  limit: z.coerce.number().int().min(1).max(100).default(20),
  /** `publishedAt|id` of the last member seen. */
  cursor: z.string().max(200).optional(),
});

/** An item's near-duplicate cluster: how one story spread, over time and across sources. */
export const itemClusterResponse = z.object({
  clusterId: uuid,
  size: z.number().int(),
  sources: z.number().int(),
  authors: z.number().int(),
  firstSeen: isoDateTime,
  latestSeen: isoDateTime,
  bucket: clusterBucket,
  /** Every bucket from the first member's to the latest's (empty ones included), by publication time. */
  timeline: z.array(z.object({ start: isoDateTime, count: z.number().int() })),
  members: z.array(itemDto),
  nextCursor: z.string().nullable(),
});
export type ItemClusterResponse = z.infer<typeof itemClusterResponse>;

/** First message on `/listening/live`: what to stream. `since` asks for items collected from then on (catch-up after a reconnect). */
export const liveSubscribeMessage = z
  .object({
    type: z.literal('subscribe'),
    savedSearchId: uuid.optional(),
    query: savedSearchQuery.optional(),
    since: isoDateTime.optional(),
  })
  .refine((m) => !(m.savedSearchId && m.query), 'Subscribe to a saved search or to a query, not both.');

export const liveStreamClientMessage = z.union([liveSubscribeMessage, z.object({ type: z.literal('ping') })]);
export type LiveStreamClientMessage = z.input<typeof liveStreamClientMessage>;

/** Messages the server sends on `/api/v1/listening/live`. */
export const liveStreamServerMessage = z.discriminatedUnion('type', [
  z.object({ type: z.literal('ready') }),
  z.object({
    type: z.literal('subscribed'),
    savedSearchId: uuid.nullable(),
    name: z.string().nullable(),
    /** The server's clock when the subscription began: a client with nothing yet catches up from here. */
    at: isoDateTime,
  }),
  z.object({
    type: z.literal('items'),
    /** Newest first; each carries its `collectedAt`. */
    items: z.array(itemDto),
    /** When the server sent this message (with `collectedAt`, the stream's latency). */
    sentAt: isoDateTime,
    /** True for the answer to `since`; `truncated` when more were missed than one message holds. */
    catchUp: z.boolean(),
    truncated: z.boolean(),
  }),
  z.object({ type: z.literal('error'), code: z.string(), message: z.string() }),
  z.object({ type: z.literal('pong') }),
]);
export type LiveStreamServerMessage = z.infer<typeof liveStreamServerMessage>;
