import type { ItemDto, ItemFacets, SourceDto, createSourceRequest, itemSearchResponse, sourceListResponse, sourceTestResponse, updateSourceRequest } from '@diplodesk/contracts';
import type { z } from 'zod';
import { apiRequest } from '../../../lib/api-client.ts';

export type SourceList = z.infer<typeof sourceListResponse>;
export type ItemSearchResult = z.infer<typeof itemSearchResponse>;
export type SourceTestResult = z.infer<typeof sourceTestResponse>;
export type UpdateSourceRequest = z.input<typeof updateSourceRequest>;
export type NewSource = z.input<typeof createSourceRequest>;

/** What the search screen asks for; list filters travel as comma-separated values. */
export interface ItemFilters {
  q?: string;
  /** `contains`: a substring of the text instead of whole words. */
  match?: 'words' | 'contains';
  from?: string;
  to?: string;
  sources?: string[];
  languages?: string[];
  countries?: string[];
  topics?: string[];
  sentimentMin?: number;
  sentimentMax?: number;
}

export const listeningQueryKey = ['listening'] as const;
export const sourcesQueryKey = ['listening', 'sources'] as const;
export const itemSearchQueryKey = (filters: ItemFilters) => ['listening', 'items', 'search', filters] as const;
export const itemFacetsQueryKey = (filters: ItemFilters) => ['listening', 'items', 'facets', filters] as const;
export const itemQueryKey = (id: string) => ['listening', 'items', 'detail', id] as const;

const sourcePath = (id: string) => `/listening/sources/${encodeURIComponent(id)}`;
const list = (values: string[] | undefined) => (values && values.length > 0 ? values.join(',') : undefined);

/** With `imports`, the sources of imported files come too (to name their items); the sources page lists sources only. */
export function fetchSources(opts: { imports: boolean }, signal?: AbortSignal): Promise<SourceList> {
  return apiRequest<SourceList>('/listening/sources', { signal, ...(opts.imports ? { query: { include: 'imports' } } : {}) });
}

export function createSource(body: NewSource): Promise<SourceDto> {
  return apiRequest<SourceDto>('/listening/sources', { method: 'POST', body });
}

export function updateSource(id: string, body: UpdateSourceRequest): Promise<SourceDto> {
  return apiRequest<SourceDto>(sourcePath(id), { method: 'PATCH', body });
}

export function testSource(id: string): Promise<SourceTestResult> {
  return apiRequest<SourceTestResult>(`${sourcePath(id)}/test`, { method: 'POST' });
}

function filterQuery(filters: ItemFilters) {
  return {
    q: filters.q,
    match: filters.match,
    from: filters.from,
    to: filters.to,
    sources: list(filters.sources),
    languages: list(filters.languages),
    countries: list(filters.countries),
    topics: list(filters.topics),
    sentimentMin: filters.sentimentMin,
    sentimentMax: filters.sentimentMax,
  };
}

export function searchItems(filters: ItemFilters, cursor: string | null, signal?: AbortSignal): Promise<ItemSearchResult> {
  // The facet counts come from their own request (fetchItemFacets), so results never wait for them.
  return apiRequest<ItemSearchResult>('/listening/items', { signal, query: { ...filterQuery(filters), limit: 25, cursor: cursor ?? undefined, facets: '0' } });
}

/** The first items of a search given as the search API's own parameters (a saved search's, a drill-down's). */
export async function searchItemsByParams(params: Record<string, string>, limit: number, signal?: AbortSignal): Promise<ItemDto[]> {
  return (await apiRequest<ItemSearchResult>('/listening/items', { signal, query: { ...params, limit, facets: '0' } })).items;
}

export function fetchItemFacets(filters: ItemFilters, signal?: AbortSignal): Promise<ItemFacets> {
  return apiRequest<ItemFacets>('/listening/items/facets', { signal, query: filterQuery(filters) });
}

/** Many items in one request (at most `maxItemBatch`); ids the caller may not read are left out. */
export function fetchItems(ids: readonly string[], signal?: AbortSignal): Promise<{ items: ItemDto[] }> {
  return apiRequest<{ items: ItemDto[] }>('/listening/items/batch', { signal, query: { ids: ids.join(',') } });
}

export function fetchItem(id: string, signal?: AbortSignal): Promise<ItemDto> {
  return apiRequest<ItemDto>(`/listening/items/${encodeURIComponent(id)}`, { signal });
}
