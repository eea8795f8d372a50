import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  type AlertRuleChange,
  acknowledgeAlert,
  alertQueryKey,
  alertRulesQueryKey,
  alertsQueryKey,
  createAlertRule,
  deleteAlertRule,
  fetchAlert,
  fetchAlertRules,
  fetchAlerts,
  fetchRebuild,
  fetchTrend,
  type NewAlertRule,
  rebuildQueryKey,
  startRebuild,
  type TrendRequest,
  trendQueryKey,
  updateAlertRule,
} from '../api/insights.api.ts';

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

/** The alerts inbox (open, acknowledged or all); live events refresh it. */
export function useAlerts(state: 'open' | 'acknowledged' | 'all' = 'all', enabled = true) {
  return useQuery({ queryKey: [...alertsQueryKey, state], queryFn: ({ signal }) => fetchAlerts(state, signal), enabled, refetchInterval: 60_000 });
}

export function useAcknowledgeAlert() {
  const queryClient = useQueryClient();
  return useMutation({ mutationFn: acknowledgeAlert, onSuccess: () => queryClient.invalidateQueries({ queryKey: alertsQueryKey }) });
}

export function useAlertRules(enabled = true) {
  return useQuery({ queryKey: alertRulesQueryKey, queryFn: ({ signal }) => fetchAlertRules(signal), enabled });
}

export function useSaveAlertRule() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: { id: string | null; body: NewAlertRule }) => {
      if (input.id === null) return createAlertRule(input.body);
      const { unitId: _unit, ...change } = input.body;
      return updateAlertRule(input.id, change as AlertRuleChange);
    },
    onSuccess: () => queryClient.invalidateQueries({ queryKey: alertRulesQueryKey }),
  });
}

export function useToggleAlertRule() {
  const queryClient = useQueryClient();
  return useMutation({ mutationFn: (input: { id: string; enabled: boolean }) => updateAlertRule(input.id, { enabled: input.enabled }), onSuccess: () => queryClient.invalidateQueries({ queryKey: alertRulesQueryKey }) });
}

export function useDeleteAlertRule() {
  const queryClient = useQueryClient();
  return useMutation({ mutationFn: deleteAlertRule, onSuccess: () => queryClient.invalidateQueries({ queryKey: alertRulesQueryKey }) });
}

export function useAlert(id: string | null) {
  return useQuery({ queryKey: alertQueryKey(id ?? ''), queryFn: ({ signal }) => fetchAlert(id ?? '', signal), enabled: id !== null });
}
