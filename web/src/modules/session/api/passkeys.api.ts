import type { PasskeyDto, SecurityPolicyDto, StepUpRequest } from '@diplodesk/contracts';
import { startAuthentication, startRegistration } from '@simplewebauthn/browser';
import { apiRequest } from '../../../lib/api-client.ts';
import type { LoginResponse } from './session.api.ts';

// The server's options are the W3C JSON forms @simplewebauthn/browser expects.
type CreationOptions = Parameters<typeof startRegistration>[0]['optionsJSON'];
type RequestOptionsJson = Parameters<typeof startAuthentication>[0]['optionsJSON'];

export const passkeysQueryKey = ['me', 'passkeys'] as const;

export function listPasskeys(signal?: AbortSignal): Promise<{ items: PasskeyDto[] }> {
  return apiRequest('/me/passkeys', { signal });
}

/** Asks the browser (and its authenticator) for a new passkey and registers it under a name. */
export async function addPasskey(name: string): Promise<PasskeyDto> {
  const options = await apiRequest<CreationOptions>('/me/passkeys/options', { method: 'POST' });
  const response = await startRegistration({ optionsJSON: options });
  return apiRequest('/me/passkeys', { method: 'POST', body: { name, response } });
}

export function renamePasskey(id: string, name: string): Promise<PasskeyDto> {
  return apiRequest(`/me/passkeys/${id}`, { method: 'PATCH', body: { name } });
}

export function removePasskey(id: string, password: string): Promise<{ ok: true }> {
  return apiRequest(`/me/passkeys/${id}`, { method: 'DELETE', body: { password } });
}

async function assert(optionsPath: string): Promise<unknown> {
  const options = await apiRequest<RequestOptionsJson>(optionsPath, { method: 'POST' });
  return startAuthentication({ optionsJSON: options });
}

/** Passwordless sign-in: the authenticator offers its passkeys for this site. */
export async function signInWithPasskey(): Promise<LoginResponse> {
  const response = await assert('/auth/passkey/options');
  return apiRequest('/auth/passkey', { method: 'POST', body: { response } });
}

/** The second sign-in step with a passkey of the account that gave its password. */
export async function passkeySecondFactor(): Promise<LoginResponse> {
  const response = await assert('/auth/mfa/passkey/options');
  return apiRequest('/auth/mfa/passkey', { method: 'POST', body: { response } });
}

export async function stepUp(input: { method: 'totp'; code: string } | { method: 'password'; password: string } | { method: 'passkey' }): Promise<{ stepUpUntil: string }> {
  const body: StepUpRequest | { method: 'passkey'; response: unknown } = input.method === 'passkey' ? { method: 'passkey', response: await assert('/auth/step-up/options') } : input;
  return apiRequest('/auth/step-up', { method: 'POST', body });
}

export function fetchSecurityPolicy(signal?: AbortSignal): Promise<SecurityPolicyDto> {
  return apiRequest('/security-policy', { signal });
}

export function saveSecurityPolicy(body: SecurityPolicyDto): Promise<SecurityPolicyDto> {
  return apiRequest('/security-policy', { method: 'PUT', body });
}

export function rotateSigningKey(): Promise<{ kid: string; previousKid: string | null }> {
  return apiRequest('/system/signing-keys/rotate', { method: 'POST' });
}
