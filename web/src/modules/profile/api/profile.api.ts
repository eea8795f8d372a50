import type {
  MeResponse,
  apiTokenDto,
  apiTokenListResponse,
  createApiTokenRequest,
  createApiTokenResponse,
  mfaSetupResponse,
  sessionListResponse,
} from '@diplodesk/contracts';
import type { z } from 'zod';
import { apiRequest } from '../../../lib/api-client.ts';

export type ApiToken = z.infer<typeof apiTokenDto>;
export type ApiTokenList = z.infer<typeof apiTokenListResponse>;
export type CreateApiTokenRequest = z.input<typeof createApiTokenRequest>;
export type CreatedApiToken = z.infer<typeof createApiTokenResponse>;
export type MfaSetup = z.infer<typeof mfaSetupResponse>;

export type SessionList = z.infer<typeof sessionListResponse>;
export type OwnSession = SessionList['items'][number];

export const tokensQueryKey = ['api-tokens'] as const;
export const sessionsQueryKey = ['own-sessions'] as const;

export function changePassword(body: { currentPassword: string; newPassword: string; revokeTokens: boolean }): Promise<{ ok: true }> {
  return apiRequest<{ ok: true }>('/me/password', { method: 'POST', body });
}

export function fetchSessions(signal?: AbortSignal): Promise<SessionList> {
  return apiRequest<SessionList>('/me/sessions', { signal });
}

export function endSession(id: string): Promise<{ ok: true }> {
  return apiRequest<{ ok: true }>(`/me/sessions/${encodeURIComponent(id)}`, { method: 'DELETE' });
}

export function startMfaSetup(): Promise<MfaSetup> {
  return apiRequest<MfaSetup>('/me/mfa/setup', { method: 'POST' });
}

export function enableMfa(code: string): Promise<MeResponse> {
  return apiRequest<MeResponse>('/me/mfa/enable', { method: 'POST', body: { code } });
}

export function disableMfa(password: string): Promise<MeResponse> {
  return apiRequest<MeResponse>('/me/mfa/disable', { method: 'POST', body: { password } });
}

export function fetchApiTokens(signal?: AbortSignal): Promise<ApiTokenList> {
  return apiRequest<ApiTokenList>('/me/tokens', { signal });
}

export function createApiToken(body: CreateApiTokenRequest): Promise<CreatedApiToken> {
  return apiRequest<CreatedApiToken>('/me/tokens', { method: 'POST', body });
}

export function revokeApiToken(id: string): Promise<{ ok: true }> {
  return apiRequest<{ ok: true }>(`/me/tokens/${encodeURIComponent(id)}`, { method: 'DELETE' });
}
