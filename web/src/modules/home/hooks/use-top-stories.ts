import { useQuery } from '@tanstack/react-query';
import { fetchTopStories } from '../api/home.api.ts';

/** Today's most covered stories (listening), refreshed every few minutes. */
export function useTopStories(period: { from: string; to: string }, enabled = true) {
  return useQuery({ queryKey: ['listening', 'top-stories', period], queryFn: ({ signal }) => fetchTopStories(period, signal), enabled, refetchInterval: 300_000 });
}
