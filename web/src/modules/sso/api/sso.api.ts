import type { CreateSsoProviderRequest, PublicSsoProvider, SsoProviderDto, UpdateSsoProviderRequest } from '@diplodesk/contracts';
import { apiRequest } from '../../../lib/api-client.ts';

export const ssoProvidersQueryKey = ['sso', 'providers'] as const;
export const publicSsoProvidersQueryKey = ['sso', 'public'] as const;

export function fetchPublicSsoProviders(signal?: AbortSignal): Promise<{ items: PublicSsoProvider[] }> {
  return apiRequest<{ items: PublicSsoProvider[] }>('/auth/sso/providers', { signal });
}

export function fetchSsoProviders(signal?: AbortSignal): Promise<{ items: SsoProviderDto[] }> {
  return apiRequest<{ items: SsoProviderDto[] }>('/sso/providers', { signal });
}

export function createSsoProvider(body: CreateSsoProviderRequest): Promise<SsoProviderDto> {
  return apiRequest<SsoProviderDto>('/sso/providers', { method: 'POST', body });
}

export function updateSsoProvider(id: string, body: UpdateSsoProviderRequest): Promise<SsoProviderDto> {
  return apiRequest<SsoProviderDto>(`/sso/providers/${encodeURIComponent(id)}`, { method: 'PATCH', body });
}

export function deleteSsoProvider(id: string): Promise<{ ok: true }> {
  return apiRequest<{ ok: true }>(`/sso/providers/${encodeURIComponent(id)}`, { method: 'DELETE' });
}
