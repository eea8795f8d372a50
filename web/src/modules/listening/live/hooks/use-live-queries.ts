import type { UpdateSavedSearchRequest } from '@diplodesk/contracts';
import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { clusterQueryKey, createSavedSearch, deleteSavedSearch, fetchCluster, fetchSavedSearches, fetchSuggestions, savedSearchesQueryKey, suggestionsQueryKey, updateSavedSearch } from '../api/live.api.ts';

export function useSavedSearches(enabled = true) {
  return useQuery({ queryKey: savedSearchesQueryKey, queryFn: ({ signal }) => fetchSavedSearches(signal), enabled });
}

function useSavedSearchesChanged() {
  const queryClient = useQueryClient();
  return () => void queryClient.invalidateQueries({ queryKey: savedSearchesQueryKey });
}

export function useCreateSavedSearch() {
  const changed = useSavedSearchesChanged();
  return useMutation({ mutationFn: createSavedSearch, onSuccess: changed });
}

export function useUpdateSavedSearch() {
  const changed = useSavedSearchesChanged();
  return useMutation({ mutationFn: ({ id, body }: { id: string; body: UpdateSavedSearchRequest }) => updateSavedSearch(id, body), onSuccess: changed });
}

export function useDeleteSavedSearch() {
  const changed = useSavedSearchesChanged();
  return useMutation({ mutationFn: deleteSavedSearch, onSuccess: changed });
}

/** An item's cluster: its figures and timeline come with the first page of members. */
export function useCluster(itemId: string) {
  return useInfiniteQuery({
    queryKey: clusterQueryKey(itemId),
    queryFn: ({ pageParam, signal }) => fetchCluster(itemId, pageParam, signal),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
    enabled: itemId !== '',
  });
}

/** "Did you mean" for a query that found nothing. */
export function useSuggestions(q: string, enabled: boolean) {
  return useQuery({ queryKey: suggestionsQueryKey(q), queryFn: ({ signal }) => fetchSuggestions(q, signal), enabled: enabled && q !== '', staleTime: 60_000 });
}
