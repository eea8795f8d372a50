import type { CreateSavedSearchRequest, ItemClusterResponse, SavedSearchDto, UpdateSavedSearchRequest, savedSearchListResponse, searchSuggestionsResponse } from '@diplodesk/contracts';
import type { z } from 'zod';
import { apiRequest } from '../../../../lib/api-client.ts';

export type SavedSearchList = z.infer<typeof savedSearchListResponse>;
export type Suggestions = z.infer<typeof searchSuggestionsResponse>;

export const savedSearchesQueryKey = ['listening', 'saved-searches'] as const;
export const clusterQueryKey = (itemId: string) => ['listening', 'items', 'cluster', itemId] as const;
export const suggestionsQueryKey = (q: string) => ['listening', 'suggestions', q] as const;

const savedSearchPath = (id: string) => `/listening/saved-searches/${encodeURIComponent(id)}`;

export function fetchSavedSearches(signal?: AbortSignal): Promise<SavedSearchList> {
  return apiRequest<SavedSearchList>('/listening/saved-searches', { signal });
}

export function createSavedSearch(body: CreateSavedSearchRequest): Promise<SavedSearchDto> {
  return apiRequest<SavedSearchDto>('/listening/saved-searches', { method: 'POST', body });
}

export function updateSavedSearch(id: string, body: UpdateSavedSearchRequest): Promise<SavedSearchDto> {
  return apiRequest<SavedSearchDto>(savedSearchPath(id), { method: 'PATCH', body });
}

export function deleteSavedSearch(id: string): Promise<void> {
  return apiRequest<void>(savedSearchPath(id), { method: 'DELETE' });
}

export function fetchCluster(itemId: string, cursor: string | null, signal?: AbortSignal): Promise<ItemClusterResponse> {
  return apiRequest<ItemClusterResponse>(`/listening/items/${encodeURIComponent(itemId)}/cluster`, { signal, query: { limit: 10, cursor: cursor ?? undefined } });
}

export function fetchSuggestions(q: string, signal?: AbortSignal): Promise<Suggestions> {
  return apiRequest<Suggestions>('/listening/suggestions', { signal, query: { q } });
}

/** `ws(s)://host/api/v1/listening/live` for this page's origin. */
export function liveStreamUrl(): string {
  const scheme = window.location.protocol === 'https:' ? 'wss' : 'ws';
  return `${scheme}://${window.location.host}/api/v1/listening/live`;
}
