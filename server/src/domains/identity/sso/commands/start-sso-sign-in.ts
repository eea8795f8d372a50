import * as oidc from 'openid-client';
import type { PlatformContext } from '../../../../platform/context.ts';
import { discoverProvider } from '../oidc-client.ts';
import { sealFlow, ssoFlowSeconds } from '../sso-flow.ts';
import { callbackPath } from '../sso.presenter.ts';
import { findProviderByKey } from '../sso.repo.ts';
import { secretContext } from './manage-sso-providers.ts';
import { staffUrlOf } from '../../../../platform/config/config.ts';

/** A path on this site only: `//evil.example` and `/\evil.example` are other sites to a browser. */
export function safeNext(next: string | undefined): string {
  if (!next || !/^\/(?![/\\])/.test(next)) return '/';
  // Control characters (a tab or newline inside `/\t/evil`) are dropped by URL parsers: refuse them.
  return [...next].every((c) => c.charCodeAt(0) > 0x1f && c !== '\u007f') ? next : '/';
}

/**
 * First leg of single sign-on: the provider's authorization URL with PKCE (S256), state and nonce,
 * and the sealed flow cookie the callback checks them against. Null when the provider is unknown,
 * disabled or unreachable.
 */
export async function startSsoSignIn(ctx: PlatformContext, key: string, next: string | undefined): Promise<{ url: string; sealedFlow: string } | null> {
  const provider = await findProviderByKey(ctx.db, key);
  if (!provider?.enabled) return null;
  let config: oidc.Configuration;
  try {
    config = await discoverProvider(ctx.config, ctx.outbound, { issuer: provider.issuer, clientId: provider.clientId, clientSecret: ctx.secretBox.for('sso').open(provider.clientSecretEnc, secretContext(provider.id)) });
  } catch {
    return null;
  }
  const verifier = oidc.randomPKCECodeVerifier();
  const state = oidc.randomState();
  const nonce = oidc.randomNonce();
  const url = oidc.buildAuthorizationUrl(config, {
    redirect_uri: `${staffUrlOf(ctx.config)}${callbackPath(provider.key)}`,
    scope: provider.scopes,
    code_challenge: await oidc.calculatePKCECodeChallenge(verifier),
    code_challenge_method: 'S256',
    state,
    nonce,
  });
  const sealedFlow = sealFlow(ctx.secretBox.for('sso'), { providerId: provider.id, state, nonce, verifier, next: safeNext(next), expiresAt: Date.now() + ssoFlowSeconds * 1000 });
  return { url: url.href, sealedFlow };
}
