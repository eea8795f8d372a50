import type { MeResponse, loginRequest, loginResponse, updateMeRequest } from '@diplodesk/contracts';
import type { z } from 'zod';
import { apiRequest, isApiError, setCsrfToken } from '../../../lib/api-client.ts';

export type LoginRequest = z.input<typeof loginRequest>;
export type LoginResponse = z.infer<typeof loginResponse>;
export type UpdateMeRequest = z.input<typeof updateMeRequest>;

export const meQueryKey = ['me'] as const;

/** The signed-in person, or `null` when nobody is signed in. */
export async function fetchMe(signal?: AbortSignal): Promise<MeResponse | null> {
  try {
    const me = await apiRequest<MeResponse>('/me', { signal });
    setCsrfToken(me.csrfToken);
    return me;
  } catch (error) {
    if (isApiError(error) && error.status === 401) {
      setCsrfToken(null);
      return null;
    }
    throw error;
  }
}

export function login(body: LoginRequest): Promise<LoginResponse> {
  return apiRequest<LoginResponse>('/auth/login', { method: 'POST', body });
}

export function submitMfaCode(code: string): Promise<LoginResponse> {
  return apiRequest<LoginResponse>('/auth/mfa', { method: 'POST', body: { code } });
}

export function logout(): Promise<{ ok: true }> {
  return apiRequest<{ ok: true }>('/auth/logout', { method: 'POST' });
}

export async function updateMe(body: UpdateMeRequest): Promise<MeResponse> {
  const me = await apiRequest<MeResponse>('/me', { method: 'PATCH', body });
  setCsrfToken(me.csrfToken);
  return me;
}
