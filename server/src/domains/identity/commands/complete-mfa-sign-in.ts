import { and, eq, isNull, lt, or } from 'drizzle-orm';
import type { PlatformContext } from '../../../platform/context.ts';
import { identityTransaction } from '../identity-transaction.ts';
import { matchTotp } from '../../../platform/crypto/totp.ts';
import { AppError } from '../../../platform/errors/app-error.ts';
import { deleteSession, findUser, touchSession } from '../identity.repo.ts';
import { totpContext } from '../identity.sealed.ts';
import { sessions, users } from '../identity.tables.ts';
import { clearAttempts } from '../login-throttle.ts';
import { auditFailure, type ClientMeta, claimCheck, completeSignIn, type SignInResult } from './sign-in.ts';

const maxCodeAttempts = 5;

/**
 * Second step of sign-in: a TOTP code within ±1 step, never one already used. On success the
 * pending session is replaced by a fresh one (a new token, so a token seen before MFA is useless).
 */
export async function completeMfaSignIn(ctx: PlatformContext, pendingSessionId: string, code: string, meta: ClientMeta): Promise<SignInResult> {
  const [pending] = await ctx.db.select().from(sessions).where(eq(sessions.id, pendingSessionId));
  const user = pending ? await findUser(ctx.db, pending.userId) : undefined;
  if (!pending || !user?.totpSecretEnc) throw new AppError('auth.required');
  // Codes are throttled like passwords: a million guesses would otherwise find a six-digit code.
  const keys = await claimCheck(ctx, { action: 'auth.sign-in-failed', email: user.email, password: code, user }, meta);
  const secret = ctx.secretBox.for('totp').open(user.totpSecretEnc, totpContext(user.id));
  const step = matchTotp(secret, code, Date.now(), user.totpLastStep);
  if (step === null) {
    ctx.metrics.loginAttempts.inc({ outcome: 'bad-totp' });
    const attempts = pending.mfaAttempts + 1;
    if (attempts >= maxCodeAttempts) await deleteSession(ctx.db, pending.id);
    else await touchSession(ctx.db, pending.id, { mfaAttempts: attempts });
    await auditFailure(ctx, keys, { action: 'auth.sign-in-failed', reason: 'totp', user, typedEmail: user.email }, meta);
    throw new AppError('auth.mfa-invalid', undefined, { attemptsLeft: Math.max(0, maxCodeAttempts - attempts) });
  }
  return identityTransaction(ctx, null, async (tx) => {
    // Claim the step atomically: two requests racing with the same code cannot both succeed.
    const claimed = await tx
      .update(users)
      .set({ totpLastStep: step, lastLoginAt: new Date() })
      .where(and(eq(users.id, user.id), or(isNull(users.totpLastStep), lt(users.totpLastStep, step))))
      .returning({ id: users.id });
    if (claimed.length === 0) throw new AppError('auth.mfa-invalid');
    await clearAttempts(tx, keys);
    await deleteSession(tx, pending.id);
    return completeSignIn(ctx, tx, user, 'password+totp', meta);
  });
}
