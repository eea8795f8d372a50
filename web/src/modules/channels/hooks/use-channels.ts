import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  type ResolvePublicationBody,
  type SaveChainBody,
  type SaveTemplateBody,
  calendarQueryKey,
  calendarRangeQueryKey,
  channelAccountsQueryKey,
  channelsQueryKey,
  clearanceChainsQueryKey,
  deleteClearanceChain,
  disconnectAccount,
  fetchCalendar,
  fetchChannelAccounts,
  fetchClearanceChains,
  fetchPlatforms,
  fetchTemplates,
  platformsQueryKey,
  resolvePublication,
  retryPublication,
  saveClearanceChain,
  saveTemplate,
  startConnect,
  submitConnectForm,
  templatesQueryKey,
} from '../api/channels.api.ts';

export function usePlatforms() {
  return useQuery({ queryKey: platformsQueryKey, queryFn: ({ signal }) => fetchPlatforms(signal), staleTime: 5 * 60_000 });
}

export function useChannelAccounts(unitId: string | null) {
  return useQuery({
    queryKey: channelAccountsQueryKey(unitId ?? ''),
    queryFn: ({ signal }) => fetchChannelAccounts(unitId ?? '', signal),
    enabled: Boolean(unitId),
  });
}

export function useStartConnect() {
  return useMutation({ mutationFn: ({ unitId, platform }: { unitId: string; platform: string }) => startConnect(unitId, platform) });
}

export function useSubmitConnectForm() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ unitId, platform, values }: { unitId: string; platform: string; values: Record<string, string> }) => submitConnectForm(unitId, platform, values),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: channelsQueryKey }),
  });
}

export function useDisconnectAccount() {
  const queryClient = useQueryClient();
  return useMutation({ mutationFn: disconnectAccount, onSuccess: () => queryClient.invalidateQueries({ queryKey: channelsQueryKey }) });
}

export function useCalendar(unitId: string | null, from: string, to: string) {
  return useQuery({
    queryKey: calendarRangeQueryKey(unitId ?? '', from, to),
    queryFn: ({ signal }) => fetchCalendar(unitId ?? '', from, to, signal),
    enabled: Boolean(unitId),
    // Moving a week keeps the old grid on screen instead of flashing a loader.
    placeholderData: keepPreviousData,
  });
}

export function useResolvePublication() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ publicationId, body }: { publicationId: string; body: ResolvePublicationBody }) => resolvePublication(publicationId, body),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: calendarQueryKey }),
  });
}

export function useRetryPublication() {
  const queryClient = useQueryClient();
  return useMutation({ mutationFn: retryPublication, onSuccess: () => queryClient.invalidateQueries({ queryKey: calendarQueryKey }) });
}

export function useClearanceChains(unitId: string | null) {
  return useQuery({
    queryKey: [...clearanceChainsQueryKey, unitId ?? ''],
    queryFn: ({ signal }) => fetchClearanceChains(unitId ?? '', signal),
    enabled: Boolean(unitId),
  });
}

export function useSaveClearanceChain() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ chainId, body }: { chainId: string | null; body: SaveChainBody }) => saveClearanceChain(chainId, body),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: clearanceChainsQueryKey }),
  });
}

export function useDeleteClearanceChain() {
  const queryClient = useQueryClient();
  return useMutation({ mutationFn: deleteClearanceChain, onSuccess: () => queryClient.invalidateQueries({ queryKey: clearanceChainsQueryKey }) });
}

export function useTemplates() {
  return useQuery({ queryKey: templatesQueryKey, queryFn: ({ signal }) => fetchTemplates(signal) });
}

export function useSaveTemplate() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ templateId, body }: { templateId: string | null; body: SaveTemplateBody }) => saveTemplate(templateId, body),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: templatesQueryKey }),
  });
}
