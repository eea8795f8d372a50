import { systemActor } from '../../../platform/audit/audit.ts';
import { type PlatformContext, inTransaction } from '../../../platform/context.ts';
import { burnPasswordCheck, verifyPassword } from '../../../platform/crypto/password.ts';
import { randomToken, sha256Hex } from '../../../platform/crypto/tokens.ts';
import type { Executor } from '../../../platform/db/index.ts';
import { AppError } from '../../../platform/errors/app-error.ts';
import type { SecondFactor } from '@diplodesk/contracts';
import { auditIdentity, type SignInMethod } from '../identity.audit.ts';
import { secondFactorsOf } from '../webauthn.ts';
import { findUserByEmail, insertSession, updateUserRow, type UserRow } from '../identity.repo.ts';

export type ClientMeta = { ip: string | null; userAgent: string | null; requestId: string };
export type IssuedSession = { token: string; csrfToken: string; maxAgeSeconds: number };
export type SignInResult = { status: 'signed-in' | 'mfa-required'; session: IssuedSession; factors?: SecondFactor[] };

/** Minutes left on a lock, for the message and the Retry-After header. */
export function lockedError(until: Date): AppError {
  const retryAfterSeconds = Math.max(1, Math.ceil((until.getTime() - Date.now()) / 1000));
  const minutes = Math.ceil(retryAfterSeconds / 60);
  return new AppError(
    'auth.locked',
    `This account is locked after too many failed sign-ins. Try again in ${minutes} minute${minutes === 1 ? '' : 's'}.`,
    { retryAfterSeconds, lockedUntil: until.toISOString() },
  );
}

/** Counts a failed factor; locks the account once the limit is reached. Returns the lock time, if any. */
export async function recordFailure(ctx: PlatformContext, user: UserRow, reason: 'password' | 'totp' | 'passkey' | 'passkey-counter', meta: ClientMeta): Promise<Date | null> {
  return inTransaction(ctx, async (tx) => {
    const failures = user.failedLogins + 1;
    const lock = failures >= ctx.config.loginMaxFailures ? new Date(Date.now() + ctx.config.loginLockMinutes * 60_000) : null;
    await updateUserRow(tx, user.id, { failedLogins: lock ? 0 : failures, lockedUntil: lock ?? user.lockedUntil });
    await auditIdentity(tx, { ...systemActor(user.email), requestId: meta.requestId }, {
      action: 'auth.sign-in-failed',
      targetType: 'user',
      targetId: user.id,
      unitId: null,
      summary: { reason, failures, locked: lock !== null },
    });
    return lock;
  });
}

export async function createSessionFor(ctx: PlatformContext, tx: Executor, user: UserRow, mfaPending: boolean, meta: ClientMeta): Promise<IssuedSession> {
  const token = randomToken(32);
  const csrfToken = randomToken(24);
  const ttlSeconds = mfaPending ? 10 * 60 : ctx.config.sessionTtlHours * 3600;
  await insertSession(tx, {
    tokenHash: sha256Hex(token),
    userId: user.id,
    csrfToken,
    mfaPending,
    // A full session starts freshly authenticated: sensitive actions need no step-up for its first minutes.
    stepUpAt: mfaPending ? null : new Date(),
    ip: meta.ip,
    userAgent: meta.userAgent?.slice(0, 400) ?? null,
    expiresAt: new Date(Date.now() + ttlSeconds * 1000),
  });
  return { token, csrfToken, maxAgeSeconds: ttlSeconds };
}

/**
 * Password step of sign-in. Unknown e-mail and wrong password answer alike (and take the same
 * time); a locked account is refused before its password is even checked.
 */
export async function signIn(ctx: PlatformContext, input: { email: string; password: string }, meta: ClientMeta): Promise<SignInResult> {
  const user = await findUserByEmail(ctx.db, input.email);
  if (!user?.passwordHash) {
    await burnPasswordCheck(input.password);
    ctx.metrics.loginAttempts.inc({ outcome: 'unknown-user' });
    throw new AppError('auth.invalid-credentials');
  }
  if (user.lockedUntil && user.lockedUntil.getTime() > Date.now()) {
    ctx.metrics.loginAttempts.inc({ outcome: 'locked' });
    throw lockedError(user.lockedUntil);
  }
  if (!(await verifyPassword(input.password, user.passwordHash))) {
    ctx.metrics.loginAttempts.inc({ outcome: 'bad-password' });
    const lock = await recordFailure(ctx, user, 'password', meta);
    throw lock ? lockedError(lock) : new AppError('auth.invalid-credentials');
  }
  if (!user.isActive) throw new AppError('auth.user-inactive');
  return inTransaction(ctx, async (tx) => {
    const factors = await secondFactorsOf(tx, user);
    if (factors.length > 0) {
      const session = await createSessionFor(ctx, tx, user, true, meta);
      ctx.metrics.loginAttempts.inc({ outcome: 'mfa-required' });
      return { status: 'mfa-required' as const, session, factors };
    }
    await updateUserRow(tx, user.id, { failedLogins: 0, lastLoginAt: new Date() });
    return completeSignIn(ctx, tx, user, 'password', meta);
  });
}

/** The last step of every successful sign-in: a full session, its audit entry and the metric. */
export async function completeSignIn(ctx: PlatformContext, tx: Executor, user: UserRow, method: SignInMethod, meta: ClientMeta): Promise<SignInResult> {
  const session = await createSessionFor(ctx, tx, user, false, meta);
  await auditIdentity(tx, { userId: user.id, label: user.email, requestId: meta.requestId }, {
    action: 'auth.signed-in',
    targetType: 'user',
    targetId: user.id,
    unitId: null,
    summary: { method },
  });
  ctx.metrics.loginAttempts.inc({ outcome: 'signed-in' });
  return { status: 'signed-in', session };
}
