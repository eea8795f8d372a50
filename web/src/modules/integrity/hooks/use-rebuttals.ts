import { useQuery } from '@tanstack/react-query';
import { fetchRebuttals, type RebuttalSubject, rebuttalsQueryKey } from '../api/rebuttals.api.ts';

/** The statements rebutting a finding or a claim, with their state (refreshed while one is in progress). */
export function useRebuttals(subject: RebuttalSubject) {
  return useQuery({
    queryKey: rebuttalsQueryKey(subject),
    queryFn: ({ signal }) => fetchRebuttals(subject, signal),
    enabled: subject.id !== '',
    refetchInterval: (q) => (q.state.data?.items.some((r) => r.status !== 'published' && r.status !== 'withdrawn' && r.status !== 'rejected') ? 30_000 : false),
  });
}
