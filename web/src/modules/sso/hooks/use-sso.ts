import type { UpdateSsoProviderRequest } from '@diplodesk/contracts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { createSsoProvider, deleteSsoProvider, fetchPublicSsoProviders, fetchSsoProviders, publicSsoProvidersQueryKey, ssoProvidersQueryKey, updateSsoProvider } from '../api/sso.api.ts';

export function usePublicSsoProviders() {
  return useQuery({ queryKey: publicSsoProvidersQueryKey, queryFn: ({ signal }) => fetchPublicSsoProviders(signal) });
}

export function useSsoProviders() {
  return useQuery({ queryKey: ssoProvidersQueryKey, queryFn: ({ signal }) => fetchSsoProviders(signal) });
}

export function useSaveSsoProvider() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: { id: string | null; body: UpdateSsoProviderRequest }) =>
      input.id ? updateSsoProvider(input.id, input.body) : createSsoProvider(input.body as Parameters<typeof createSsoProvider>[0]),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['sso'] }),
  });
}

export function useDeleteSsoProvider() {
  const queryClient = useQueryClient();
  return useMutation({ mutationFn: deleteSsoProvider, onSuccess: () => queryClient.invalidateQueries({ queryKey: ['sso'] }) });
}
