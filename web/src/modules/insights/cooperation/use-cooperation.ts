import type { UnVotesImport } from '@diplodesk/contracts';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { fetchCountryProfile, fetchRanking, fetchUnVotesImports, fetchUnVotesStatus, profileKey, rankingKey, unVotesImportsKey, unVotesStatusKey } from './cooperation.api.ts';

/** What UN votes are stored; checked every two seconds while the ideal points are being computed. */
export function useUnVotesStatus(enabled = true) {
  return useQuery({ queryKey: unVotesStatusKey, queryFn: ({ signal }) => fetchUnVotesStatus(signal), enabled, refetchInterval: (query) => (query.state.data?.idealPoints.state === 'running' ? 2000 : false) });
}

/** Whether an import is still going (its figures change). */
export const isRunning = (i: UnVotesImport) => i.status !== 'done' && i.status !== 'failed';

/** The latest imports; asked for every second while one of them is still going. */
export function useUnVotesImports(enabled = true) {
  return useQuery({ queryKey: unVotesImportsKey, queryFn: ({ signal }) => fetchUnVotesImports(signal), enabled, refetchInterval: (query) => (query.state.data?.items.some(isRunning) ? 1000 : false) });
}

export function useRanking(topic: string, enabled = true) {
  return useQuery({ queryKey: rankingKey(topic), queryFn: ({ signal }) => fetchRanking(topic, signal), enabled, placeholderData: keepPreviousData });
}

export function useCountryProfile(code: string, topic: string | null, enabled = true) {
  return useQuery({ queryKey: profileKey(code, topic), queryFn: ({ signal }) => fetchCountryProfile(code, topic, signal), enabled });
}
