import type { UiLocale } from '@diplodesk/contracts';
import type { Principal } from '../../../platform/authz/principal.ts';
import type { PlatformContext } from '../../../platform/context.ts';
import { identityTransaction } from '../identity-transaction.ts';
import { AppError } from '../../../platform/errors/app-error.ts';
import { auditIdentity } from '../identity.audit.ts';
import { deleteSessionsOfUser, findUser, revokeTokensOf, updateUserRow } from '../identity.repo.ts';
import { confirmOwnPassword } from './confirm-password.ts';
import type { ClientMeta } from './sign-in.ts';

type ProfilePatch = { displayName?: string | undefined; locale?: UiLocale | undefined; timeZone?: string | undefined };

/** The caller's own name, interface language and time zone. */
export async function updateProfile(ctx: PlatformContext, p: Principal, patch: ProfilePatch, requestId: string): Promise<void> {
  const user = await findUser(ctx.db, p.userId);
  if (!user) throw new AppError('auth.required');
  const changed = Object.fromEntries(
    Object.entries(patch).filter(([k, v]) => v !== undefined && v !== user[k as keyof ProfilePatch]),
  ) as ProfilePatch;
  if (Object.keys(changed).length === 0) return;
  const before = Object.fromEntries(Object.keys(changed).map((k) => [k, user[k as keyof ProfilePatch]]));
  await identityTransaction(ctx, null, async (tx) => {
    await updateUserRow(tx, user.id, changed);
    await auditIdentity(tx, { userId: p.userId, label: p.email, requestId, tokenId: p.tokenId ?? null }, {
      action: 'user.updated',
      targetType: 'user',
      targetId: user.id,
      unitId: null,
      summary: { before, after: changed },
    });
  });
}

/**
 * Changing one's password signs out every other session of that user and, unless the user
 * keeps them, revokes the account's API tokens too.
 */
export async function changeOwnPassword(
  ctx: PlatformContext,
  p: Principal,
  input: { currentPassword: string; newPassword: string; revokeTokens: boolean },
  meta: ClientMeta,
): Promise<void> {
  const user = await findUser(ctx.db, p.userId);
  if (!user) throw new AppError('auth.required');
  await confirmOwnPassword(ctx, user, input.currentPassword, meta);
  // A password someone else chose must not become the long-term one (ASVS 6.4.1).
  if (user.mustChangePassword && input.newPassword === input.currentPassword) throw new AppError('auth.password-unchanged');
  await ctx.passwordQuality.requireStrong(input.newPassword, [user.email, user.displayName, ctx.config.orgName]);
  const hash = await ctx.passwords.hash(input.newPassword);
  await identityTransaction(ctx, user.id, async (tx) => {
    await updateUserRow(tx, user.id, { passwordHash: hash, mustChangePassword: false });
    await deleteSessionsOfUser(tx, user.id, p.sessionId ?? undefined);
    const tokensRevoked = input.revokeTokens ? await revokeTokensOf(tx, user.id) : 0;
    await auditIdentity(tx, { userId: p.userId, label: p.email, requestId: meta.requestId, tokenId: p.tokenId ?? null }, {
      action: 'user.password-set',
      targetType: 'user',
      targetId: user.id,
      unitId: null,
      summary: { by: 'self', tokensRevoked },
    });
  });
}
