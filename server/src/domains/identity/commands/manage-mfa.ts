import type { Principal } from '../../../platform/authz/principal.ts';
import { type PlatformContext, inTransaction } from '../../../platform/context.ts';
import { identityTransaction } from '../identity-transaction.ts';
import { generateTotpSecret, matchTotp, otpauthUri } from '../../../platform/crypto/totp.ts';
import { AppError } from '../../../platform/errors/app-error.ts';
import { auditIdentity } from '../identity.audit.ts';
import { pendingTotpContext, totpContext } from '../identity.sealed.ts';
import { findUser, type UserRow, updateUserRow } from '../identity.repo.ts';
import { confirmOwnPassword } from './confirm-password.ts';
import type { ClientMeta } from './sign-in.ts';

async function mustFindSelf(ctx: PlatformContext, p: Principal): Promise<UserRow> {
  const user = await findUser(ctx.db, p.userId);
  if (!user) throw new AppError('auth.required');
  return user;
}

/** Step 1 of enrolment: a new secret kept sealed as "pending" until a first code proves the app has it. */
export async function startMfaSetup(ctx: PlatformContext, p: Principal, requestId: string): Promise<{ secret: string; otpauthUri: string }> {
  const user = await mustFindSelf(ctx, p);
  if (user.totpEnabled) throw new AppError('auth.mfa-already-enabled');
  const secret = generateTotpSecret();
  await inTransaction(ctx, async (tx) => {
    await updateUserRow(tx, user.id, { totpPendingEnc: ctx.secretBox.for('totp').seal(secret, pendingTotpContext(user.id)) });
    await auditIdentity(tx, { userId: p.userId, label: p.email, requestId }, { action: 'user.mfa-setup-started', targetType: 'user', targetId: user.id, unitId: null, summary: {} });
  });
  return { secret, otpauthUri: otpauthUri(secret, user.email, ctx.config.orgName ? `DiploDesk (${ctx.config.orgName})` : 'DiploDesk') };
}

export async function enableMfa(ctx: PlatformContext, p: Principal, code: string, requestId: string): Promise<void> {
  const user = await mustFindSelf(ctx, p);
  if (user.totpEnabled) throw new AppError('auth.mfa-already-enabled');
  if (!user.totpPendingEnc) throw new AppError('auth.mfa-setup-missing');
  const secret = ctx.secretBox.for('totp').open(user.totpPendingEnc, pendingTotpContext(user.id));
  const step = matchTotp(secret, code);
  if (step === null) throw new AppError('auth.mfa-invalid');
  await identityTransaction(ctx, null, async (tx) => {
    await updateUserRow(tx, user.id, {
      totpSecretEnc: ctx.secretBox.for('totp').seal(secret, totpContext(user.id)),
      totpPendingEnc: null,
      totpEnabled: true,
      totpLastStep: step,
    });
    await auditIdentity(tx, { userId: p.userId, label: p.email, requestId, tokenId: p.tokenId ?? null }, { action: 'user.mfa-enabled', targetType: 'user', targetId: user.id, unitId: null, summary: {} });
  });
}

export async function disableMfa(ctx: PlatformContext, p: Principal, password: string, meta: ClientMeta): Promise<void> {
  const requestId = meta.requestId;
  const user = await mustFindSelf(ctx, p);
  if (!user.totpEnabled) throw new AppError('auth.mfa-not-enabled');
  await confirmOwnPassword(ctx, user, password, meta);
  await identityTransaction(ctx, null, async (tx) => {
    await updateUserRow(tx, user.id, { totpSecretEnc: null, totpPendingEnc: null, totpEnabled: false, totpLastStep: null });
    await auditIdentity(tx, { userId: p.userId, label: p.email, requestId, tokenId: p.tokenId ?? null }, { action: 'user.mfa-disabled', targetType: 'user', targetId: user.id, unitId: null, summary: { by: 'self' } });
  });
}
