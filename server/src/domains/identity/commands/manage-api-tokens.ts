import type { Permission } from '@diplodesk/contracts';
import { type Principal, can } from '../../../platform/authz/principal.ts';
import { type PlatformContext, inTransaction } from '../../../platform/context.ts';
import { identityTransaction } from '../identity-transaction.ts';
import { randomToken, sha256Hex } from '../../../platform/crypto/tokens.ts';
import { AppError } from '../../../platform/errors/app-error.ts';
import { auditIdentity } from '../identity.audit.ts';
import { type ApiTokenRow, countActiveTokensForUpdate, findTokenOf, insertToken, revokeToken } from '../identity.repo.ts';

/**
 * A personal API token for scripts. Its scopes cannot exceed what the owner holds, and a person
 * holds at most API_TOKENS_PER_USER working tokens; the secret is returned once and only its
 * SHA-256 is stored.
 */
export async function createApiToken(
  ctx: PlatformContext,
  p: Principal,
  input: { name: string; scopes: Permission[]; expiresInDays: number | null },
  requestId: string,
): Promise<{ token: ApiTokenRow; secret: string }> {
  if (p.via === 'token') throw new AppError('auth.token-scope', 'API tokens cannot create other tokens. Sign in to do this.');
  const notHeld = input.scopes.filter((s) => !can(p, s));
  if (notHeld.length > 0) throw new AppError('authz.forbidden', `You do not hold: ${notHeld.join(', ')}.`, { scopes: notHeld });
  const secret = randomToken(32, 'ddp_');
  const expiresAt = input.expiresInDays ? new Date(Date.now() + input.expiresInDays * 86_400_000) : null;
  const scopes = [...new Set(input.scopes)];
  return inTransaction(ctx, async (tx) => {
    // Counted under a lock on the person's row, so two creations at once cannot both take the last place.
    const held = await countActiveTokensForUpdate(tx, p.userId);
    if (held >= ctx.config.apiTokensPerUser) throw new AppError('token.limit-reached', undefined, { limit: ctx.config.apiTokensPerUser });
    const token = await insertToken(tx, { userId: p.userId, name: input.name, prefix: secret.slice(0, 10), tokenHash: sha256Hex(secret), scopes, expiresAt });
    await auditIdentity(tx, { userId: p.userId, label: p.email, requestId, tokenId: p.tokenId ?? null }, {
      action: 'token.created',
      targetType: 'api-token',
      targetId: token.id,
      unitId: null,
      summary: { name: input.name, scopes, expiresAt: expiresAt?.toISOString() ?? null },
    });
    return { token, secret };
  });
}

export async function revokeApiToken(ctx: PlatformContext, p: Principal, id: string, requestId: string): Promise<void> {
  const token = await findTokenOf(ctx.db, p.userId, id);
  if (!token) throw new AppError('token.not-found');
  await identityTransaction(ctx, p.userId, async (tx) => {
    await revokeToken(tx, id);
    await auditIdentity(tx, { userId: p.userId, label: p.email, requestId, tokenId: p.tokenId ?? null }, { action: 'token.revoked', targetType: 'api-token', targetId: id, unitId: null, summary: { name: token.name } });
  });
}
