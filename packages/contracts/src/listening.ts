import { z } from 'zod';
import { isoDateTime, plainText, policies, uuid } from './common.ts';

export const listeningConnectors = ['rss', 'gdelt', 'import', 'mastodon', 'bluesky', 'x', 'youtube', 'telegram'] as const;

export const sourceHealthDto = z.object({
  lastSuccessAt: isoDateTime.nullable(),
  lastErrorAt: isoDateTime.nullable(),
  lastError: z.string().nullable(),
  consecutiveFailures: z.number().int(),
  detail: z.string().nullable(),
});

export const sourceDto = z.object({
  id: uuid,
  unitId: uuid,
  connector: z.string(),
  name: z.string(),
  /** The outlet's country (ISO 3166-1 alpha-2), null when unknown or mixed. */
  country: z.string().nullable(),
  config: z.record(z.string(), z.string()),
  hasCredentials: z.boolean(),
  status: z.enum(['active', 'paused']),
  intervalSeconds: z.number().int(),
  tags: z.array(z.string()),
  nextPollAt: isoDateTime.nullable(),
  health: sourceHealthDto,
  itemsLastHour: z.number().int(),
  itemsTotal: z.number().int(),
  createdAt: isoDateTime,
  policies,
});
export type SourceDto = z.infer<typeof sourceDto>;
export const sourceListResponse = z.object({ items: z.array(sourceDto), policies });

/** An outlet's country: ISO 3166-1 alpha-2, or null when unknown or mixed. */
export const sourceCountry = z
  .string()
  .regex(/^[A-Z]{2}$/, 'Two capital letters (ISO 3166-1 alpha-2)')
  .nullable();

const configValues = z.record(plainText(1, 60), z.string().max(2000)).refine((v) => Object.keys(v).length <= 30, 'Too many settings');

export const createSourceRequest = z.object({
  unitId: uuid,
  connector: z.enum(listeningConnectors),
  name: plainText(1, 160),
  country: sourceCountry.optional().default(null),
  config: configValues.default({}),
  /** Secrets (tokens); sealed at rest, never returned. */
  credentials: z.record(plainText(1, 60), z.string().max(4000)).optional(),
  intervalSeconds: z.number().int().min(60).max(86_400).default(900),
  tags: z.array(plainText(1, 60)).max(30).default([]),
});
export type CreateSourceRequest = z.infer<typeof createSourceRequest>;

export const updateSourceRequest = z.object({
  name: plainText(1, 160).optional(),
  country: sourceCountry.optional(),
  config: configValues.optional(),
  credentials: z.record(plainText(1, 60), z.string().max(4000)).optional(),
  intervalSeconds: z.number().int().min(60).max(86_400).optional(),
  tags: z.array(plainText(1, 60)).max(30).optional(),
  status: z.enum(['active', 'paused']).optional(),
});

export const itemDto = z.object({
  id: uuid,
  sourceId: uuid,
  externalId: z.string(),
  url: z.string().nullable(),
  author: z.object({ id: z.string().optional(), handle: z.string().optional(), name: z.string().optional(), url: z.string().optional() }).nullable(),
  title: z.string().nullable(),
  text: z.string(),
  language: z.string(),
  languageConfidence: z.number(),
  publishedAt: isoDateTime,
  collectedAt: isoDateTime,
  countries: z.array(z.string()),
  topics: z.array(z.object({ id: z.string(), score: z.number() })),
  sentiment: z.number().nullable(),
  sentimentMethod: z.string().nullable(),
  hashtags: z.array(z.string()),
  mentions: z.array(z.string()),
  urls: z.array(z.string()),
  clusterId: uuid.nullable(),
});
export type ItemDto = z.infer<typeof itemDto>;

const csv = z
  .string()
  .max(2000)
  .transform((s) =>
    s
      .split(',')
      .map((x) => x.trim())
      .filter(Boolean),
  );

export const itemSearchQuery = z.object({
  q: plainText(0, 500).optional(),
  /** `words`: full-text (stemmed words); `contains`: a case-insensitive substring (partial words, names, scripts without spaces). */
  match: z.enum(['words', 'contains']).default('words'),
  unitId: uuid.optional(),
  from: isoDateTime.optional(),
  to: isoDateTime.optional(),
  sources: csv.optional(),
  languages: csv.optional(),
  countries: csv.optional(),
  topics: csv.optional(),
  sentimentMin: z.coerce.number().min(-1).max(1).optional(),
  sentimentMax: z.coerce.number().min(-1).max(1).optional(),
  cluster: uuid.optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  /** `publishedAt|id` of the last item seen. */
  cursor: z.string().max(200).optional(),
  facets: z.enum(['0', '1']).default('1'),
});

const facet = z.array(z.object({ value: z.string(), count: z.number().int() }));
/** How many matching items there are per language, source, country and topic (the 20 largest of each). */
export const itemFacets = z.object({
  language: facet,
  source: facet,
  country: facet,
  topic: facet,
  /** Set when more items match than the counts read: they then describe the newest `sampled` matches. */
  sampled: z.number().int().nullable(),
});
export type ItemFacets = z.infer<typeof itemFacets>;
/** At most this many items in one batch read. */
export const maxItemBatch = 100;
/** Many items by id in one request: `ids` comma-separated (a screen showing a finding's or a claim's items). */
export const itemBatchQuery = z.object({
  ids: z
    .string()
    .transform((v) => [...new Set(v.split(',').map((id) => id.trim()).filter((id) => id !== ''))])
    .pipe(z.array(uuid).min(1, 'Give at least one item id.').max(maxItemBatch, `At most ${maxItemBatch} items at once.`)),
});
/** The items asked for that the caller may read, in the order asked; an unknown or unreadable id is left out. */
export const itemBatchResponse = z.object({ items: z.array(itemDto) });

export const itemSearchResponse = z.object({
  items: z.array(itemDto),
  nextCursor: z.string().nullable(),
  facets: itemFacets.nullable(),
});
/** The search's filters alone, for the facet counts. */
export const itemFacetsQuery = itemSearchQuery.omit({ limit: true, cursor: true, facets: true });

export const sourceTestResponse = z.object({
  ok: z.boolean(),
  health: z.object({ status: z.enum(['ok', 'degraded', 'down']), detail: z.string().nullable() }),
  preview: z.array(z.object({ remoteId: z.string(), text: z.string(), url: z.string().nullable(), publishedAt: z.string() })),
  error: z.string().nullable(),
});

export const topStoriesQuery = z.object({
  from: isoDateTime,
  to: isoDateTime,
  unitId: uuid.optional(),
  limit: z.coerce.number().int().min(1).max(20).default(5),
});

/** A story of the period: a near-duplicate cluster, shown by its first item, with its reach. */
export const topStoryDto = z.object({
  clusterId: uuid,
  /** Items of the cluster published in the period. */
  items: z.number().int(),
  /** Different sources among them. */
  sources: z.number().int(),
  itemId: uuid,
  headline: z.string(),
  url: z.string().nullable(),
  sourceName: z.string(),
  publishedAt: isoDateTime,
  language: z.string(),
});
export type TopStoryDto = z.infer<typeof topStoryDto>;
export const topStoriesResponse = z.object({ items: z.array(topStoryDto) });
