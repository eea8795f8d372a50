import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback } from 'react';
import { type ClaimFeed, type ClaimFeedChange, type ClaimFeedInput, type ClaimFeedList, claimFeedsQueryKey, createClaimFeed, deleteClaimFeed, fetchClaimFeeds, pollClaimFeed, updateClaimFeed } from '../api/claim-feeds.api.ts';
import { claimsQueryKey, narrativesQueryKey } from '../api/integrity.api.ts';

/** A poll is due (or running) when the feed's next poll time has come: the list looks again shortly until it has happened. */
const pollPending = (feed: ClaimFeed, now: number) => feed.enabled !== false && feed.nextPollAt !== null && new Date(feed.nextPollAt).getTime() <= now;

/** The feeds, refreshed every few seconds while one of them is waiting for its poll. */
export function useClaimFeeds(enabled = true) {
  return useQuery({
    queryKey: claimFeedsQueryKey,
    queryFn: ({ signal }) => fetchClaimFeeds(signal),
    enabled,
    refetchInterval: (query) => {
      const data = query.state.data as ClaimFeedList | undefined;
      const now = Date.now();
      return data?.items.some((f) => pollPending(f, now) || (f.enabled && f.lastPolledAt === null)) ? 2000 : 60_000;
    },
  });
}

function useFeedMutation<V, R>(fn: (v: V) => Promise<R>) {
  const queryClient = useQueryClient();
  return useMutation({ mutationFn: fn, onSuccess: () => queryClient.invalidateQueries({ queryKey: claimFeedsQueryKey }) });
}

export const useCreateClaimFeed = () => useFeedMutation((body: ClaimFeedInput) => createClaimFeed(body));
export const useUpdateClaimFeed = () => useFeedMutation((input: { id: string; body: ClaimFeedChange }) => updateClaimFeed(input.id, input.body));
export const usePollClaimFeed = () => useFeedMutation((id: string) => pollClaimFeed(id));
export const useDeleteClaimFeed = () => useFeedMutation((id: string) => deleteClaimFeed(id));

/** The registry and its narratives are read again when a poll brought claims in. */
export function useRefreshClaimsOnImport() {
  const queryClient = useQueryClient();
  return useCallback(() => {
    void queryClient.invalidateQueries({ queryKey: claimsQueryKey });
    void queryClient.invalidateQueries({ queryKey: narrativesQueryKey });
  }, [queryClient]);
}
