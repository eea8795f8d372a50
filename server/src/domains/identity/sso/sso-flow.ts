import type { SecretBox } from '../../../platform/crypto/secret-box.ts';

/**
 * What the callback must check against what the login step started: state, nonce and the PKCE
 * verifier. They travel in a short-lived cookie sealed with the secret box (AES-GCM, bound to its
 * purpose), so nothing is stored server-side and the browser cannot read or alter them.
 */
export type SsoFlow = { providerId: string; state: string; nonce: string; verifier: string; next: string; expiresAt: number };

// The cookie's name and path depend on PUBLIC_URL: see cookieNamesFor.
export { ssoFlowCookie } from '../authenticate.ts';
export const ssoFlowSeconds = 10 * 60;
const sealContext = 'sso-flow:v1';

export function sealFlow(box: SecretBox, flow: SsoFlow): string {
  return box.seal(JSON.stringify(flow), sealContext);
}

/** The flow, or null when the cookie is missing, altered, for another purpose or expired. */
export function openFlow(box: SecretBox, sealed: string | undefined, now = Date.now()): SsoFlow | null {
  if (!sealed) return null;
  try {
    const flow = JSON.parse(box.open(sealed, sealContext)) as SsoFlow;
    return flow.expiresAt > now ? flow : null;
  } catch {
    return null;
  }
}
