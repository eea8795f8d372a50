import type { SsoFailureReason } from '@diplodesk/contracts';
import * as oidc from 'openid-client';
import { systemActor } from '../../../../platform/audit/audit.ts';
import { type PlatformContext, inTransaction } from '../../../../platform/context.ts';
import { type ClientMeta, createSessionFor, type IssuedSession } from '../../commands/sign-in.ts';
import { identityChanged, identityTransaction } from '../../identity-transaction.ts';
import { findRootUnit, findUser, findUserByEmail, type UserRow, updateUserRow } from '../../identity.repo.ts';
import { type Claims, type Grant, grantsFor, hasProviderMfa } from '../claim-mapping.ts';
import { discoverProvider } from '../oidc-client.ts';
import { openFlow } from '../sso-flow.ts';
import { auditSso } from '../sso.audit.ts';
import { findIdentity, findProviderByKey, insertIdentity, type SsoProviderRow, touchIdentity } from '../sso.repo.ts';
import { applySsoGrants, createSsoUser } from './apply-sso-grants.ts';
import { secretContext } from './manage-sso-providers.ts';

/** A single sign-on that ended without a session; the reason is shown on the sign-in page and audited. */
export class SsoFailure extends Error {
  readonly reason: SsoFailureReason;

  constructor(reason: SsoFailureReason, detail?: string) {
    super(detail ?? reason);
    this.reason = reason;
  }
}

export type SsoSignInResult = { session: IssuedSession; next: string; userId: string };

const str = (v: unknown) => (typeof v === 'string' && v.length > 0 ? v : null);

/** Did openid-client refuse because of this flow's own checks (state, nonce), rather than the provider failing? */
function failedCheck(err: unknown): boolean {
  for (let e = err, depth = 0; e && typeof e === 'object' && depth < 4; e = (e as { cause?: unknown }).cause, depth++) {
    const claim = (e as { claim?: unknown }).claim;
    if (claim === 'nonce' || (e instanceof Error && /\bstate\b/.test(e.message))) return true;
  }
  return false;
}

/** Tokens for the code, the ID token checked (signature, issuer, audience, nonce), then userinfo for claims the ID token leaves out. */
async function exchangeCode(config: oidc.Configuration, callbackUrl: URL, checks: { state: string; nonce: string; verifier: string }): Promise<Claims> {
  let tokens: Awaited<ReturnType<typeof oidc.authorizationCodeGrant>>;
  try {
    tokens = await oidc.authorizationCodeGrant(config, callbackUrl, { pkceCodeVerifier: checks.verifier, expectedState: checks.state, expectedNonce: checks.nonce, idTokenExpected: true });
  } catch (err) {
    throw new SsoFailure(failedCheck(err) ? 'flow-invalid' : 'provider-error', err instanceof Error ? err.message.slice(0, 200) : undefined);
  }
  const idClaims = tokens.claims() as Claims | undefined;
  if (!idClaims) throw new SsoFailure('provider-error', 'no ID token');
  let userinfo: Claims = {};
  if (config.serverMetadata().userinfo_endpoint) {
    try {
      userinfo = (await oidc.fetchUserInfo(config, tokens.access_token, idClaims.sub as string)) as Claims;
    } catch {
      // Userinfo is a complement: the ID token alone is enough when the provider puts the claims there.
    }
  }
  // The ID token is signed and nonce-bound: where both speak, it wins.
  return { ...userinfo, ...idClaims };
}

/** Finds the user for this provider account: known subject, else a linked or new account by e-mail. */
async function resolveUser(ctx: PlatformContext, provider: SsoProviderRow, claims: Claims, grants: Grant[]) {
  const subject = String(claims.sub);
  return identityTransaction(ctx, null, async (tx) => {
    const actor = systemActor(`sso:${provider.key}`);
    const identity = await findIdentity(tx, provider.id, subject);
    let user: UserRow | undefined = identity ? await findUser(tx, identity.userId) : undefined;
    let created = false;
    let linked = false;
    if (!user) {
      const email = str(claims.email)?.toLowerCase();
      if (!email) throw new SsoFailure('email-unverified', 'no email claim');
      const existing = await findUserByEmail(tx, email);
      if (existing) {
        // Linking by e-mail trusts the provider's word that this person owns the address: only with the
        // admin's consent per provider, and only for an address the provider says it verified.
        if (!provider.linkExistingByEmail) throw new SsoFailure('account-exists');
        if (claims.email_verified !== true) throw new SsoFailure('email-unverified');
        user = existing;
        linked = true;
      } else {
        user = await createSsoUser(tx, actor, { email, displayName: str(claims.name) ?? str(claims.preferred_username) ?? email });
        created = true;
      }
      await insertIdentity(tx, { providerId: provider.id, subject, userId: user.id });
    } else if (identity) await touchIdentity(tx, identity.id);
    if (!user.isActive) throw new SsoFailure('inactive');
    const changes = await applySsoGrants(tx, actor, provider.id, user.id, grants);
    await updateUserRow(tx, user.id, { lastLoginAt: new Date() });
    return { user, created, linked, ...changes };
  });
}

/**
 * Second leg of single sign-on (the provider redirected the browser back): checks the flow, trades
 * the code, maps claims to roles and opens a normal DiploDesk session. Every refusal is audited.
 */
export async function completeSsoSignIn(ctx: PlatformContext, key: string, callbackUrl: URL, sealedFlow: string | undefined, meta: ClientMeta): Promise<SsoSignInResult> {
  const provider = await findProviderByKey(ctx.db, key);
  let claims: Claims | null = null;
  try {
    if (!provider?.enabled) throw new SsoFailure('provider-unavailable');
    const flow = openFlow(ctx.secretBox.for('sso'), sealedFlow);
    if (!flow || flow.providerId !== provider.id) throw new SsoFailure('flow-invalid', 'flow cookie missing, expired or for another provider');
    if (callbackUrl.searchParams.get('state') !== flow.state) throw new SsoFailure('flow-invalid', 'state mismatch');
    if (callbackUrl.searchParams.has('error')) throw new SsoFailure('provider-error', str(callbackUrl.searchParams.get('error'))?.slice(0, 100));
    let config: oidc.Configuration;
    try {
      config = await discoverProvider(ctx.config, ctx.outbound, { issuer: provider.issuer, clientId: provider.clientId, clientSecret: ctx.secretBox.for('sso').open(provider.clientSecretEnc, secretContext(provider.id)) });
    } catch {
      throw new SsoFailure('provider-unavailable', 'discovery failed');
    }
    claims = await exchangeCode(config, callbackUrl, flow);
    if (provider.requireMfa && !hasProviderMfa(claims)) throw new SsoFailure('mfa-required', `amr ${JSON.stringify(claims.amr ?? null).slice(0, 100)}`);
    let grants = grantsFor(provider.rules, claims);
    if (grants.length === 0) {
      const root = await findRootUnit(ctx.db);
      if (provider.noMatch === 'refuse' || !root) throw new SsoFailure('no-role');
      grants = [{ unitId: root.id, role: 'viewer' }];
    }
    const result = await resolveUser(ctx, provider, claims, grants);
    const session = await inTransaction(ctx, async (tx) => {
      // For the organisation's MFA policy: the provider proved a second factor for this session.
      const issued = await createSessionFor(ctx, tx, result.user, false, meta, { mfaByIdp: provider.idpEnforcesMfa || hasProviderMfa(claims ?? {}) });
      await auditSso(tx, { userId: result.user.id, label: result.user.email, requestId: meta.requestId }, {
        action: 'auth.sso-signed-in',
        targetType: 'user',
        targetId: result.user.id,
        unitId: null,
        summary: { provider: provider.key, subject: String(claims?.sub), created: result.created, linked: result.linked, added: result.added, removed: result.removed, ...(result.keptLastAdmin > 0 ? { keptLastAdmin: result.keptLastAdmin } : {}) },
      });
      return issued;
    });
    if (session.endedSessions > 0) ctx.signals.emit(identityChanged);
    ctx.metrics.loginAttempts.inc({ outcome: 'signed-in' });
    return { session, next: flow.next, userId: result.user.id };
  } catch (err) {
    if (!(err instanceof SsoFailure)) throw err;
    await inTransaction(ctx, (tx) =>
      auditSso(tx, { ...systemActor(`sso:${key.slice(0, 40)}`), requestId: meta.requestId }, {
        action: 'auth.sso-failed',
        targetType: 'user',
        targetId: null,
        unitId: null,
        summary: { provider: key.slice(0, 40), reason: err.reason, subject: str(claims?.sub), email: str(claims?.email), ...(err.message !== err.reason ? { detail: err.message } : {}) },
      }),
    );
    ctx.metrics.loginAttempts.inc({ outcome: 'sso-failed' });
    throw err;
  }
}
