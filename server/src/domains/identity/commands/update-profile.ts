import type { UiLocale } from '@diplodesk/contracts';
import type { Principal } from '../../../platform/authz/principal.ts';
import type { PlatformContext } from '../../../platform/context.ts';
import { identityTransaction } from '../identity-transaction.ts';
import { hashPassword, verifyPassword } from '../../../platform/crypto/password.ts';
import { AppError } from '../../../platform/errors/app-error.ts';
import { auditIdentity } from '../identity.audit.ts';
import { deleteSessionsOfUser, findUser, updateUserRow } from '../identity.repo.ts';

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

/** Changing one's password signs out every other session of that user. */
export async function changeOwnPassword(ctx: PlatformContext, p: Principal, current: string, next: string, requestId: string): Promise<void> {
  const user = await findUser(ctx.db, p.userId);
  if (!user?.passwordHash || !(await verifyPassword(current, user.passwordHash))) {
    throw new AppError('auth.invalid-credentials', 'The current password is wrong.');
  }
  const hash = await hashPassword(next);
  await identityTransaction(ctx, null, async (tx) => {
    await updateUserRow(tx, user.id, { passwordHash: hash });
    await deleteSessionsOfUser(tx, user.id, p.sessionId ?? undefined);
    await auditIdentity(tx, { userId: p.userId, label: p.email, requestId, tokenId: p.tokenId ?? null }, { action: 'user.password-set', targetType: 'user', targetId: user.id, unitId: null, summary: { by: 'self' } });
  });
}
