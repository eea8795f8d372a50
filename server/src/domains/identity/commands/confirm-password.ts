import type { PlatformContext } from '../../../platform/context.ts';
import { AppError } from '../../../platform/errors/app-error.ts';
import type { UserRow } from '../identity.repo.ts';
import { clearAttempts } from '../login-throttle.ts';
import { auditFailure, type ClientMeta, claimCheck } from './sign-in.ts';

/**
 * "Confirm your password" (changing it, turning two-step verification off): throttled and audited
 * like a sign-in for the same account and address, so a borrowed session cannot guess it.
 */
export async function confirmOwnPassword(ctx: PlatformContext, user: UserRow, password: string, meta: ClientMeta): Promise<void> {
  const keys = await claimCheck(ctx, { action: 'auth.password-check-failed', email: user.email, password, user }, meta);
  if (user.passwordHash && (await ctx.passwords.verify(password, user.passwordHash))) {
    await clearAttempts(ctx.db, keys);
    return;
  }
  if (!user.passwordHash) await ctx.passwords.burn(password);
  await auditFailure(ctx, keys, { action: 'auth.password-check-failed', reason: 'password', user, typedEmail: user.email }, meta);
  throw new AppError('auth.invalid-credentials', 'The current password is wrong.');
}
