import type { MeResponse } from '@diplodesk/contracts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type UpdateMeRequest, meQueryKey, updateMe } from '../../session/api/session.api.ts';
import {
  changePassword,
  createApiToken,
  disableMfa,
  enableMfa,
  fetchApiTokens,
  revokeApiToken,
  startMfaSetup,
  tokensQueryKey,
} from '../api/profile.api.ts';

function useMeUpdated() {
  const queryClient = useQueryClient();
  return (me: MeResponse) => queryClient.setQueryData(meQueryKey, me);
}

export function useUpdateMe() {
  const updated = useMeUpdated();
  return useMutation({ mutationFn: (body: UpdateMeRequest) => updateMe(body), onSuccess: updated });
}

export function useChangePassword() {
  return useMutation({
    mutationFn: ({ currentPassword, newPassword }: { currentPassword: string; newPassword: string }) =>
      changePassword(currentPassword, newPassword),
  });
}

export function useStartMfaSetup() {
  return useMutation({ mutationFn: startMfaSetup });
}

export function useEnableMfa() {
  const updated = useMeUpdated();
  return useMutation({ mutationFn: enableMfa, onSuccess: updated });
}

export function useDisableMfa() {
  const updated = useMeUpdated();
  return useMutation({ mutationFn: disableMfa, onSuccess: updated });
}

export function useApiTokens() {
  return useQuery({ queryKey: tokensQueryKey, queryFn: ({ signal }) => fetchApiTokens(signal) });
}

export function useCreateApiToken() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: createApiToken,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: tokensQueryKey }),
  });
}

export function useRevokeApiToken() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: revokeApiToken,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: tokensQueryKey }),
  });
}
