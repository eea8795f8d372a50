import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { insightsQueryKey, rebuildQueryKey } from '../api/insights.api.ts';
import { fetchImage, fetchImageItems, fetchOurCountry, type ImageRequest, imageQueryKey, ourCountryQueryKey, saveOurCountry } from '../api/image.api.ts';

/** The nation-image index for a period; the previous figures stay while the next load. */
export function useImage(request: ImageRequest, enabled = true) {
  return useQuery({ queryKey: imageQueryKey(request), queryFn: ({ signal }) => fetchImage(request, signal), enabled, placeholderData: keepPreviousData, refetchInterval: 60_000 });
}

/** The items that pull one period (a chosen point) up and down. */
export function useImageItems(period: { from: string; to: string } | null) {
  return useQuery({ queryKey: ['insights', 'image-items', period], queryFn: ({ signal }) => fetchImageItems(period ?? { from: '', to: '' }, signal), enabled: period !== null });
}

export function useOurCountry(enabled = true) {
  return useQuery({ queryKey: ourCountryQueryKey, queryFn: ({ signal }) => fetchOurCountry(signal), enabled });
}

/** Sets our country; every figure is then rebuilt, so the rebuild's progress is read again. */
export function useSaveOurCountry() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: saveOurCountry,
    onSuccess: (saved) => {
      queryClient.setQueryData(ourCountryQueryKey, saved);
      void queryClient.invalidateQueries({ queryKey: rebuildQueryKey });
      void queryClient.invalidateQueries({ queryKey: insightsQueryKey });
    },
  });
}
