import { type Permission, rolePermissions } from '@diplodesk/contracts';
import type { Actor } from '../../../platform/audit/audit.ts';
import { randomToken, sha256Hex } from '../../../platform/crypto/tokens.ts';
import type { Executor, Tx } from '../../../platform/db/index.ts';
import { newIdFor } from '../../../platform/db/index.ts';
import { AppError } from '../../../platform/errors/app-error.ts';
import { auditIdentity } from '../identity.audit.ts';
import { type ApiTokenRow, findRootUnit, findTokenOf, insertMembership, insertToken, insertUser, listTokensOf, revokeToken, revokeTokensOf, updateUserRow, type UserRow } from '../identity.repo.ts';

// A partner organisation (threat sharing) signs in to nothing: it is an account without a password
// holding the `partner` role at the root unit, reached only through API tokens an administrator
// issues. Its tokens therefore go through the same authenticator and the same `can` (roles ∩ token
// scopes) as everyone's; the sharing domain adds which collections the account may use.
// These run inside the caller's transaction, which must be an `identityTransaction` so that cached
// callers are dropped when a token is revoked or the account disabled.

/** The scopes a partner token may carry: what the partner role grants, nothing more. */
export const partnerScopes: readonly Permission[] = rolePermissions.partner;

/** Creates the account a partner organisation's tokens belong to. */
export async function createPartnerAccount(tx: Tx, actor: Actor, input: { name: string }): Promise<UserRow> {
  const root = await findRootUnit(tx);
  if (!root) throw new AppError('unit.not-found', 'The workspace has no root unit yet.');
  // `.invalid` (RFC 2606) can never receive mail: nothing is ever sent to a partner account.
  const user = await insertUser(tx, { email: `partner-${newIdFor()}@partners.invalid`, displayName: input.name, passwordHash: null, mustChangePassword: false, locale: 'en', timeZone: 'UTC' });
  await auditIdentity(tx, actor, { action: 'user.created', targetType: 'user', targetId: user.id, unitId: root.id, summary: { email: user.email, displayName: user.displayName, withPassword: false } });
  const m = await insertMembership(tx, { userId: user.id, unitId: root.id, role: 'partner' });
  if (m) await auditIdentity(tx, actor, { action: 'membership.granted', targetType: 'membership', targetId: m.id, unitId: root.id, summary: { userId: user.id, unitId: root.id, role: 'partner' } });
  return user;
}

/** Renames or (dis)ables a partner account; disabling also revokes its tokens. */
export async function updatePartnerAccount(tx: Tx, actor: Actor, userId: string, patch: { name?: string; active?: boolean }): Promise<UserRow> {
  const user = await updateUserRow(tx, userId, { ...(patch.name !== undefined ? { displayName: patch.name } : {}), ...(patch.active !== undefined ? { isActive: patch.active } : {}) });
  await auditIdentity(tx, actor, {
    action: 'user.updated',
    targetType: 'user',
    targetId: userId,
    unitId: null,
    summary: { before: {}, after: { ...(patch.name !== undefined ? { displayName: patch.name } : {}), ...(patch.active !== undefined ? { isActive: patch.active } : {}) } },
  });
  if (patch.active === false) {
    const revoked = await revokeTokensOf(tx, userId);
    if (revoked > 0) await auditIdentity(tx, actor, { action: 'user.sessions-ended', targetType: 'user', targetId: userId, unitId: null, summary: { sessionsEnded: 0, tokensRevoked: revoked } });
  }
  return user;
}

/** Issues a token of a partner account; the secret is returned once and only its hash is kept. */
export async function issuePartnerToken(tx: Tx, actor: Actor, input: { userId: string; name: string; scopes: Permission[]; expiresAt: Date | null }): Promise<{ token: ApiTokenRow; secret: string }> {
  const outside = input.scopes.filter((s) => !partnerScopes.includes(s));
  if (outside.length > 0) throw new AppError('authz.forbidden', `A partner token cannot carry: ${outside.join(', ')}.`, { scopes: outside });
  const secret = randomToken(32, 'ddp_');
  const scopes = [...new Set(input.scopes)];
  const token = await insertToken(tx, { userId: input.userId, name: input.name, prefix: secret.slice(0, 10), tokenHash: sha256Hex(secret), scopes, expiresAt: input.expiresAt });
  await auditIdentity(tx, actor, { action: 'token.created', targetType: 'api-token', targetId: token.id, unitId: null, summary: { name: input.name, scopes, expiresAt: input.expiresAt?.toISOString() ?? null } });
  return { token, secret };
}

/** Revokes one token of a partner account; false when it has no such live token. */
export async function revokePartnerToken(tx: Tx, actor: Actor, userId: string, tokenId: string): Promise<ApiTokenRow | null> {
  const token = await findTokenOf(tx, userId, tokenId);
  if (!token) return null;
  await revokeToken(tx, tokenId);
  await auditIdentity(tx, actor, { action: 'token.revoked', targetType: 'api-token', targetId: tokenId, unitId: null, summary: { name: token.name } });
  return token;
}

/** The live tokens of a partner account (never their secrets). */
export function partnerTokens(x: Executor, userId: string): Promise<ApiTokenRow[]> {
  return listTokensOf(x, userId);
}
