import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { createMonitor, fetchMonitor, fetchMonitors, type MonitorChange, monitorQueryKey, monitorsQueryKey, type NewMonitor, updateMonitor } from '../api/monitors.api.ts';

/** The monitors with their sparklines and warnings; refreshed every minute (they are evaluated every minute). */
export function useMonitors(enabled = true) {
  return useQuery({ queryKey: monitorsQueryKey, queryFn: ({ signal }) => fetchMonitors(signal), enabled, refetchInterval: 60_000 });
}

/** One monitor's charts over `days` days, with its bands, countries and event groups. */
export function useMonitor(id: string | null, days: number) {
  return useQuery({ queryKey: monitorQueryKey(id ?? '', days), queryFn: ({ signal }) => fetchMonitor(id ?? '', days, signal), enabled: id !== null, placeholderData: keepPreviousData, refetchInterval: 60_000 });
}

export function useSaveMonitor() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: { id: string | null; body: NewMonitor }) => {
      if (input.id === null) return createMonitor(input.body);
      const { unitId: _unit, ...change } = input.body;
      return updateMonitor(input.id, change as MonitorChange);
    },
    onSuccess: () => queryClient.invalidateQueries({ queryKey: monitorsQueryKey }),
  });
}

export function useToggleMonitor() {
  const queryClient = useQueryClient();
  return useMutation({ mutationFn: (input: { id: string; enabled: boolean }) => updateMonitor(input.id, { enabled: input.enabled }), onSuccess: () => queryClient.invalidateQueries({ queryKey: monitorsQueryKey }) });
}
