import { maxItemBatch, type SourceDto } from '@diplodesk/contracts';
import { keepPreviousData, useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  createSource,
  fetchItem,
  fetchItemFacets,
  fetchSources,
  type ItemFilters,
  itemFacetsQueryKey,
  itemQueryKey,
  fetchItems,
  itemSearchQueryKey,
  listeningQueryKey,
  searchItems,
  sourcesQueryKey,
  testSource,
  type UpdateSourceRequest,
  updateSource,
} from '../api/listening.api.ts';

/** Sources to name items by, imported files' included; `imports: false` for the sources page. */
export function useSources(enabled = true, opts: { imports: boolean } = { imports: true }) {
  // Health and counts move while the worker polls; a gentle refresh keeps the page honest.
  return useQuery({ queryKey: [...sourcesQueryKey, opts.imports ? 'with-imports' : 'sources-only'], queryFn: ({ signal }) => fetchSources(opts, signal), enabled, refetchInterval: 30_000 });
}

/** Counts per language, source, country and topic of the same search (requested beside the results). */
export function useItemFacets(filters: ItemFilters, enabled = true) {
  return useQuery({ queryKey: itemFacetsQueryKey(filters), queryFn: ({ signal }) => fetchItemFacets(filters, signal), enabled, placeholderData: keepPreviousData });
}

/** Keyset pages of matching items. */
export function useItemSearch(filters: ItemFilters) {
  return useInfiniteQuery({
    queryKey: itemSearchQueryKey(filters),
    queryFn: ({ pageParam, signal }) => searchItems(filters, pageParam, signal),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
    placeholderData: keepPreviousData,
  });
}

/** Items by id in one request (the first `maxItemBatch`), mapped by id; each is also put in its own item's cache. */
export function useItemsByIds(ids: readonly string[]) {
  const queryClient = useQueryClient();
  const wanted = ids.slice(0, maxItemBatch);
  return useQuery({
    queryKey: ['listening', 'items', 'batch', wanted],
    queryFn: async ({ signal }) => {
      const { items } = await fetchItems(wanted, signal);
      for (const item of items) queryClient.setQueryData(itemQueryKey(item.id), item);
      return new Map(items.map((item) => [item.id, item]));
    },
    enabled: wanted.length > 0,
  });
}

export function useItem(id: string) {
  return useQuery({ queryKey: itemQueryKey(id), queryFn: ({ signal }) => fetchItem(id, signal), enabled: id !== '' });
}

function useSourceChanged() {
  const queryClient = useQueryClient();
  return (_source: SourceDto) => {
    // New or changed sources change what search shows, too.
    void queryClient.invalidateQueries({ queryKey: listeningQueryKey });
  };
}

export function useCreateSource() {
  const changed = useSourceChanged();
  return useMutation({ mutationFn: createSource, onSuccess: changed });
}

export function useUpdateSource() {
  const changed = useSourceChanged();
  return useMutation({ mutationFn: ({ id, body }: { id: string; body: UpdateSourceRequest }) => updateSource(id, body), onSuccess: changed });
}

export function useTestSource() {
  return useMutation({ mutationFn: testSource });
}
