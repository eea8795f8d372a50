import type { MeResponse } from '@diplodesk/contracts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type UpdateMeRequest, meQueryKey, updateMe } from '../../session/api/session.api.ts';
import {
  changePassword,
  createApiToken,
  disableMfa,
  enableMfa,
  endSession,
  fetchApiTokens,
  fetchSessions,
  revokeApiToken,
  sessionsQueryKey,
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
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: changePassword,
    // Other sessions are ended, tokens may be revoked, and a forced change is now done.
    onSuccess: () => queryClient.invalidateQueries(),
  });
}

export function useSessions() {
  return useQuery({ queryKey: sessionsQueryKey, queryFn: ({ signal }) => fetchSessions(signal) });
}

export function useEndSession() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: endSession,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: sessionsQueryKey }),
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
