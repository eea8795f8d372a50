import type { AuthenticationResponseJSON } from '@simplewebauthn/server';
import { eq } from 'drizzle-orm';
import type { PlatformContext } from '../../../platform/context.ts';
import { AppError } from '../../../platform/errors/app-error.ts';
import { identityTransaction } from '../identity-transaction.ts';
import { deleteSession, findUser, updateUserRow, type UserRow } from '../identity.repo.ts';
import { sessions } from '../identity.tables.ts';
import { assertionOptions, passkeysOf, recordPasskeyUse, verifyAssertion, type VerifiedAssertion } from '../webauthn.ts';
import { type ClientMeta, completeSignIn, refuseFactor, type SignInResult } from './sign-in.ts';

/** Options for the MFA step: only this account's passkeys are allowed. */
export async function passkeySecondFactorOptions(ctx: PlatformContext, pendingSessionId: string) {
  const [pending] = await ctx.db.select().from(sessions).where(eq(sessions.id, pendingSessionId));
  if (!pending) throw new AppError('auth.required');
  const keys = await passkeysOf(ctx.db, pending.userId);
  if (keys.length === 0) throw new AppError('passkey.not-found', 'This account has no passkey.');
  return assertionOptions(ctx.db, ctx.config, 'second-factor', pendingSessionId, keys);
}

/** Options for passwordless sign-in: no account named, the authenticator offers its discoverable passkeys. */
export function passwordlessOptions(ctx: PlatformContext) {
  return assertionOptions(ctx.db, ctx.config, 'passwordless', null, null);
}

/** A failed assertion: audited against its account when the passkey is known, a counter regression flagged. */
async function refuse(ctx: PlatformContext, user: UserRow | undefined, reason: 'unknown' | 'counter' | 'signature', meta: ClientMeta): Promise<never> {
  ctx.metrics.loginAttempts.inc({ outcome: 'bad-passkey' });
  if (user) throw await refuseFactor(ctx, user, reason === 'counter' ? 'passkey-counter' : 'passkey', meta, new AppError('auth.passkey-invalid'));
  throw new AppError('auth.passkey-invalid');
}

async function finish(ctx: PlatformContext, user: UserRow, v: VerifiedAssertion, method: 'password+passkey' | 'passkey', pendingSessionId: string | null, meta: ClientMeta): Promise<SignInResult> {
  return identityTransaction(ctx, user.id, async (tx) => {
    if (!(await recordPasskeyUse(tx, v))) throw new AppError('auth.passkey-invalid');
    await updateUserRow(tx, user.id, { lastLoginAt: new Date() });
    if (pendingSessionId) await deleteSession(tx, pendingSessionId);
    return completeSignIn(ctx, tx, user, method, meta);
  });
}

async function checkAssertion(ctx: PlatformContext, response: AuthenticationResponseJSON, purpose: 'second-factor' | 'passwordless', sessionId: string | null, meta: ClientMeta) {
  const result = await verifyAssertion(ctx.db, ctx.config, response, purpose, sessionId);
  if (!result.ok) return refuse(ctx, result.passkey ? await findUser(ctx.db, result.passkey.userId) : undefined, result.reason, meta);
  const user = await findUser(ctx.db, result.value.passkey.userId);
  if (!user) return refuse(ctx, undefined, 'unknown', meta);
  if (!user.isActive) throw new AppError('auth.user-inactive');
  return { user, value: result.value };
}

/** Second step of sign-in with a passkey of the account that passed the password step. */
export async function completePasskeySecondFactor(ctx: PlatformContext, pendingSessionId: string, response: AuthenticationResponseJSON, meta: ClientMeta): Promise<SignInResult> {
  const [pending] = await ctx.db.select().from(sessions).where(eq(sessions.id, pendingSessionId));
  if (!pending?.mfaPending) throw new AppError('auth.required');
  const { user, value } = await checkAssertion(ctx, response, 'second-factor', pendingSessionId, meta);
  // A valid passkey of someone else proves nothing about this sign-in.
  if (user.id !== pending.userId) return refuse(ctx, await findUser(ctx.db, pending.userId), 'unknown', meta);
  return finish(ctx, user, value, 'password+passkey', pendingSessionId, meta);
}

/**
 * Passwordless sign-in: the passkey names its account (discoverable credential) and proves
 * possession plus user verification (PIN or biometrics): two factors in one gesture.
 */
export async function signInWithPasskey(ctx: PlatformContext, response: AuthenticationResponseJSON, meta: ClientMeta): Promise<SignInResult> {
  const { user, value } = await checkAssertion(ctx, response, 'passwordless', null, meta);
  return finish(ctx, user, value, 'passkey', null, meta);
}

