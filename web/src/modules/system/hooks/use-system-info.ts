import { useQuery } from '@tanstack/react-query';
import { fetchSystemInfo, systemQueryKey } from '../api/system.api.ts';

export function useSystemInfo() {
  return useQuery({
    queryKey: systemQueryKey,
    queryFn: ({ signal }) => fetchSystemInfo(signal),
    staleTime: 10 * 60_000,
  });
}
