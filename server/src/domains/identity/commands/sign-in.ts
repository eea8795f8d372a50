import { systemActor } from '../../../platform/audit/audit.ts';
import { type PlatformContext, inTransaction } from '../../../platform/context.ts';
import { randomToken, sha256Hex } from '../../../platform/crypto/tokens.ts';
import type { Executor } from '../../../platform/db/index.ts';
import { AppError } from '../../../platform/errors/app-error.ts';
import type { SecondFactor } from '@diplodesk/contracts';
import { auditIdentity, type SignInMethod } from '../identity.audit.ts';
import { secondFactorsOf } from '../webauthn.ts';
import { appendEvents } from '../../../platform/events/outbox.ts';
import { identityChanged } from '../identity-transaction.ts';
import { findUserByEmail, insertSession, trimSessionsOf, updateUserRow, type UserRow } from '../identity.repo.ts';
import { claimAttempt, clearAttempts, countAddressFailure, type ThrottleKeys, throttledError, throttleKeys } from '../login-throttle.ts';

export type ClientMeta = { ip: string | null; userAgent: string | null; requestId: string };
/** `endedSessions`: older sessions the concurrent-session limit ended (their cached callers must go). */
export type IssuedSession = { token: string; csrfToken: string; maxAgeSeconds: number; endedSessions: number };
export type SignInResult = { status: 'signed-in' | 'mfa-required'; session: IssuedSession; factors?: SecondFactor[] };

export type FailureReason = 'password' | 'totp' | 'inactive' | 'unknown-account' | 'throttled' | 'rate-limited' | 'passkey' | 'passkey-counter';

/**
 * Audits a failed check — coalesced per address and minute (see countAddressFailure), so a flood
 * cannot flood the audit chain. An address nobody has is kept only as a hash; the password never.
 */
export async function auditFailure(
  ctx: PlatformContext,
  keys: ThrottleKeys,
  input: { action: 'auth.sign-in-failed' | 'auth.password-check-failed'; reason: FailureReason; user: UserRow | null; typedEmail: string | null },
  meta: ClientMeta,
): Promise<void> {
  const { attemptsThisMinute, audit } = await countAddressFailure(ctx.db, keys);
  if (!audit) return;
  const typed = input.typedEmail?.trim().toLowerCase();
  const label = input.user?.email ?? (typed ? `unknown account ${sha256Hex(typed).slice(0, 16)}` : `address ${meta.ip ?? 'unknown'}`);
  await inTransaction(ctx, (tx) =>
    auditIdentity(tx, { ...systemActor(label), requestId: meta.requestId }, {
      action: input.action,
      targetType: 'user',
      targetId: input.user?.id ?? null,
      unitId: null,
      summary: { reason: input.reason, address: meta.ip, attemptsThisMinute },
    }),
  );
}

/**
 * Claims one password (or code) check for this account from this address; when the account or
 * the address must wait, spends the same hashing time as a real check, audits, and refuses.
 */
export async function claimCheck(
  ctx: PlatformContext,
  input: { action: 'auth.sign-in-failed' | 'auth.password-check-failed'; email: string; password: string; user: UserRow | null },
  meta: ClientMeta,
): Promise<ThrottleKeys> {
  const keys = throttleKeys(input.email, meta.ip);
  const claimed = await claimAttempt(ctx.db, ctx.config, keys);
  if (claimed.allowed) return keys;
  await ctx.passwords.burn(input.password);
  ctx.metrics.loginAttempts.inc({ outcome: 'locked' });
  await auditFailure(ctx, keys, { action: input.action, reason: 'throttled', user: input.user, typedEmail: input.email }, meta);
  throw throttledError(claimed.retryAfterSeconds);
}

/**
 * A failed passkey assertion (or a step-up factor) of a known account counts against the same
 * throttle as a failed password from this address, and is audited the same way. Answers the
 * refusal to throw: `auth.locked` once the account must wait from here, otherwise `fallback`.
 */
export async function refuseFactor(
  ctx: PlatformContext,
  user: UserRow,
  reason: 'password' | 'totp' | 'passkey' | 'passkey-counter',
  meta: ClientMeta,
  fallback: AppError,
): Promise<AppError> {
  const keys = throttleKeys(user.email, meta.ip);
  await auditFailure(ctx, keys, { action: 'auth.sign-in-failed', reason, user, typedEmail: user.email }, meta);
  const claimed = await claimAttempt(ctx.db, ctx.config, keys);
  return claimed.allowed ? fallback : throttledError(claimed.retryAfterSeconds);
}

export async function createSessionFor(ctx: PlatformContext, tx: Executor, user: UserRow, mfaPending: boolean, meta: ClientMeta, opts: { mfaByIdp?: boolean } = {}): Promise<IssuedSession> {
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
    mfaByIdp: opts.mfaByIdp ?? false,
    ip: meta.ip,
    userAgent: meta.userAgent?.slice(0, 400) ?? null,
    expiresAt: new Date(Date.now() + ttlSeconds * 1000),
  });
  // ASVS 7.1.2: a bounded number of concurrent sessions; the new one wins over the oldest.
  const endedSessions = mfaPending ? 0 : await trimSessionsOf(tx, user.id, ctx.config.sessionMaxPerUser);
  // Other instances drop their cached callers when this event reaches them; this one does after commit (see signIn).
  if (endedSessions > 0) await appendEvents(tx, [{ type: identityChanged, unitId: null, data: { userId: user.id } }]);
  return { token, csrfToken, maxAgeSeconds: ttlSeconds, endedSessions };
}

/**
 * Password step of sign-in. Unknown e-mail, wrong password and a throttled address answer alike
 * for every address typed, known or not, and take the same time (each does the hashing work).
 */
export async function signIn(ctx: PlatformContext, input: { email: string; password: string }, meta: ClientMeta): Promise<SignInResult> {
  const user = (await findUserByEmail(ctx.db, input.email)) ?? null;
  const keys = await claimCheck(ctx, { action: 'auth.sign-in-failed', email: input.email, password: input.password, user }, meta);
  if (!user?.passwordHash) {
    await ctx.passwords.burn(input.password);
    ctx.metrics.loginAttempts.inc({ outcome: 'unknown-user' });
    await auditFailure(ctx, keys, { action: 'auth.sign-in-failed', reason: 'unknown-account', user: null, typedEmail: input.email }, meta);
    throw new AppError('auth.invalid-credentials');
  }
  if (!(await ctx.passwords.verify(input.password, user.passwordHash))) {
    ctx.metrics.loginAttempts.inc({ outcome: 'bad-password' });
    await auditFailure(ctx, keys, { action: 'auth.sign-in-failed', reason: 'password', user, typedEmail: input.email }, meta);
    throw new AppError('auth.invalid-credentials');
  }
  await clearAttempts(ctx.db, keys);
  if (!user.isActive) {
    await auditFailure(ctx, keys, { action: 'auth.sign-in-failed', reason: 'inactive', user, typedEmail: input.email }, meta);
    throw new AppError('auth.user-inactive');
  }
  // A hash made at another cost than today's (PASSWORD_HASH_COST was raised) is replaced while the password is at hand.
  const rehashed = ctx.passwords.needsRehash(user.passwordHash) ? await ctx.passwords.hash(input.password) : null;
  const result = await inTransaction(ctx, async (tx) => {
    if (rehashed) await updateUserRow(tx, user.id, { passwordHash: rehashed });
    const factors = await secondFactorsOf(tx, user);
    if (factors.length > 0) {
      const session = await createSessionFor(ctx, tx, user, true, meta);
      ctx.metrics.loginAttempts.inc({ outcome: 'mfa-required' });
      return { status: 'mfa-required' as const, session, factors };
    }
    await updateUserRow(tx, user.id, { lastLoginAt: new Date() });
    return completeSignIn(ctx, tx, user, 'password', meta);
  });
  if (result.session.endedSessions > 0) ctx.signals.emit(identityChanged);
  return result;
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
