import type { StepUpRequest } from '@diplodesk/contracts';
import type { AuthenticationResponseJSON } from '@simplewebauthn/server';
import { and, eq, isNull, lt, or } from 'drizzle-orm';
import type { Principal } from '../../../platform/authz/principal.ts';
import type { PlatformContext } from '../../../platform/context.ts';
import { matchTotp } from '../../../platform/crypto/totp.ts';
import { AppError } from '../../../platform/errors/app-error.ts';
import { identityTransaction } from '../identity-transaction.ts';
import { auditIdentity } from '../identity.audit.ts';
import { totpContext } from '../identity.sealed.ts';
import { findUser, type UserRow } from '../identity.repo.ts';
import { sessions, users } from '../identity.tables.ts';
import { assertionOptions, passkeysOf, recordPasskeyUse, secondFactorsOf, verifyAssertion } from '../webauthn.ts';
import { clearAttempts } from '../login-throttle.ts';
import { auditFailure, type ClientMeta, claimCheck, refuseFactor } from './sign-in.ts';

export type StepUpFactor = 'totp' | 'passkey' | 'password';

/**
 * What this user can step up with. A user with a second factor must use it; one without any
 * re-enters the password (ASVS 5.0 L2 6.3.2 expects every user to have MFA: this path exists so
 * such accounts are not locked out of administration, and the audit entry names the method).
 */
export async function stepUpFactorsOf(ctx: PlatformContext, userId: string): Promise<StepUpFactor[]> {
  const user = await findUser(ctx.db, userId);
  if (!user) return [];
  const factors = await secondFactorsOf(ctx.db, user);
  return factors.length > 0 ? factors : user.passwordHash ? ['password'] : [];
}

function sessionOf(p: Principal): string {
  if (p.via !== 'session' || !p.sessionId) throw new AppError('auth.session-required');
  return p.sessionId;
}

export async function stepUpPasskeyOptions(ctx: PlatformContext, p: Principal) {
  const keys = await passkeysOf(ctx.db, p.userId);
  if (keys.length === 0) throw new AppError('passkey.not-found', 'This account has no passkey.');
  return assertionOptions(ctx.db, ctx.config, 'step-up', sessionOf(p), keys);
}

async function checkTotp(ctx: PlatformContext, user: UserRow, code: string): Promise<number | null> {
  if (!user.totpEnabled || !user.totpSecretEnc) return null;
  return matchTotp(ctx.secretBox.for('totp').open(user.totpSecretEnc, totpContext(user.id)), code, Date.now(), user.totpLastStep);
}

/** Proves a fresh factor for this session; sensitive actions then pass for STEP_UP_WINDOW_SECONDS. */
export async function stepUp(ctx: PlatformContext, p: Principal, input: StepUpRequest, meta: ClientMeta): Promise<{ stepUpUntil: string }> {
  const sessionId = sessionOf(p);
  const user = await findUser(ctx.db, p.userId);
  if (!user) throw new AppError('auth.required');
  const allowed = await stepUpFactorsOf(ctx, user.id);
  if (!allowed.includes(input.method)) throw new AppError('auth.step-up-required', 'Use one of the factors this account has.', { factors: allowed, windowSeconds: ctx.config.stepUpWindowSeconds });

  let totpStep: number | null = null;
  let passkeyUse: Parameters<typeof recordPasskeyUse>[1] | null = null;
  // A code or a password can be guessed: each try claims an attempt of the sign-in throttle first.
  const keys =
    input.method === 'passkey' ? null : await claimCheck(ctx, { action: 'auth.password-check-failed', email: user.email, password: input.method === 'password' ? input.password : input.code, user }, meta);
  const refuse = async (reason: 'totp' | 'password', error: AppError) => {
    if (keys) await auditFailure(ctx, keys, { action: 'auth.password-check-failed', reason, user, typedEmail: user.email }, meta);
    return error;
  };
  if (input.method === 'totp') {
    totpStep = await checkTotp(ctx, user, input.code);
    if (totpStep === null) throw await refuse('totp', new AppError('auth.mfa-invalid'));
  } else if (input.method === 'passkey') {
    const result = await verifyAssertion(ctx.db, ctx.config, input.response as AuthenticationResponseJSON, 'step-up', sessionId);
    if (!result.ok || result.value.passkey.userId !== user.id) {
      throw await refuseFactor(ctx, user, !result.ok && result.reason === 'counter' ? 'passkey-counter' : 'passkey', meta, new AppError('auth.passkey-invalid'));
    }
    passkeyUse = result.value;
  } else if (!user.passwordHash || !(await ctx.passwords.verify(input.password, user.passwordHash))) {
    throw await refuse('password', new AppError('auth.invalid-credentials', 'The password is wrong.'));
  }
  if (keys) await clearAttempts(ctx.db, keys);

  const now = new Date();
  await identityTransaction(ctx, user.id, async (tx) => {
    if (totpStep !== null) {
      // Claim the step atomically, as at sign-in: a code works once.
      const claimed = await tx
        .update(users)
        .set({ totpLastStep: totpStep })
        .where(and(eq(users.id, user.id), or(isNull(users.totpLastStep), lt(users.totpLastStep, totpStep))))
        .returning({ id: users.id });
      if (claimed.length === 0) throw new AppError('auth.mfa-invalid');
    }
    if (passkeyUse && !(await recordPasskeyUse(tx, passkeyUse))) throw new AppError('auth.passkey-invalid');
    await tx.update(sessions).set({ stepUpAt: now }).where(eq(sessions.id, sessionId));
    await auditIdentity(tx, { userId: user.id, label: user.email, requestId: meta.requestId }, {
      action: 'auth.stepped-up',
      targetType: 'user',
      targetId: user.id,
      unitId: null,
      summary: { method: input.method },
    });
  });
  return { stepUpUntil: new Date(now.getTime() + ctx.config.stepUpWindowSeconds * 1000).toISOString() };
}
