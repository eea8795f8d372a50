import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { fetchRebuild, fetchTrend, rebuildQueryKey, startRebuild, type TrendRequest, trendQueryKey } from '../api/insights.api.ts';

/** A trend from the rollups; the previous chart stays while the next loads. */
export function useTrend(request: TrendRequest, enabled = true) {
  return useQuery({ queryKey: trendQueryKey(request), queryFn: ({ signal }) => fetchTrend(request, signal), enabled, placeholderData: keepPreviousData, refetchInterval: 60_000 });
}

/** The latest rebuild of the rollups; checked every two seconds while one runs. */
export function useRebuildStatus(enabled = true) {
  return useQuery({ queryKey: rebuildQueryKey, queryFn: ({ signal }) => fetchRebuild(signal), enabled, refetchInterval: (query) => (query.state.data?.state === 'running' ? 2000 : false) });
}

export function useStartRebuild() {
  const queryClient = useQueryClient();
  return useMutation({ mutationFn: startRebuild, onSuccess: (status) => queryClient.setQueryData(rebuildQueryKey, status) });
}
