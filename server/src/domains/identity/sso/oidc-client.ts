import * as oidc from 'openid-client';
import type { Config } from '../../../platform/config/config.ts';
import { AppError } from '../../../platform/errors/app-error.ts';
import { hostNotAllowedMessage, type Outbound } from '../../../platform/outbound/index.ts';

/**
 * Every request single sign-on makes to an identity provider (discovery, token, JWKS, userinfo)
 * goes through the platform's outbound guard, because the issuer URL is typed in by an admin: the
 * same address checks, pinning, size and time limits as every other user-supplied address (an
 * intranet identity provider needs `OUTBOUND_ALLOW_CIDRS`).
 */
export function fetchForSso(outbound: Pick<Outbound, 'fetch'>): oidc.CustomFetch {
  // openid-client sends strings and URLSearchParams as bodies; its type also names Uint8Array.
  return (url, options) => outbound.fetch(url, { ...options, body: options.body as RequestInit['body'], redirect: 'manual' });
}

export type ProviderConnection = { issuer: string; clientId: string; clientSecret: string };

const cache = new Map<string, { config: oidc.Configuration; until: number }>();
const cacheMs = 10 * 60_000;

/**
 * OpenID Connect discovery for one provider, cached for ten minutes per issuer, client and secret
 * (a changed setting is a different key, so an edit takes effect at once).
 */
export async function discoverProvider(cfg: Pick<Config, 'ssoAllowHttpIssuer'>, outbound: Pick<Outbound, 'fetch' | 'allowsHost'>, conn: ProviderConnection): Promise<oidc.Configuration> {
  const key = JSON.stringify([conn.issuer, conn.clientId, conn.clientSecret]);
  const hit = cache.get(key);
  if (hit && hit.until > Date.now()) return hit.config;
  const issuer = new URL(conn.issuer);
  if (issuer.protocol !== 'https:' && !(issuer.protocol === 'http:' && cfg.ssoAllowHttpIssuer)) {
    throw new AppError('sso.discovery-failed', 'The issuer URL must use https://.');
  }
  // The operator's host list (OUTBOUND_ALLOW_HOSTS) is named as the reason: it says nothing about what listens.
  if (!outbound.allowsHost(issuer)) throw new AppError('outbound.host-not-allowed', hostNotAllowedMessage(issuer.hostname), { field: 'issuer', host: issuer.hostname });
  try {
    const config = await oidc.discovery(issuer, conn.clientId, { client_secret: conn.clientSecret }, oidc.ClientSecretBasic(conn.clientSecret), {
      [oidc.customFetch]: fetchForSso(outbound),
      timeout: 10,
      execute: issuer.protocol === 'http:' ? [oidc.allowInsecureRequests] : [],
    });
    if (cache.size > 100) cache.clear();
    cache.set(key, { config, until: Date.now() + cacheMs });
    return config;
  } catch {
    // One neutral answer: the cause (refused, timed out, not JSON) would tell what listens where.
    throw new AppError('sso.discovery-failed');
  }
}
