import type { UiLocale } from '@diplodesk/contracts';
import type { Actor } from '../../../platform/audit/audit.ts';
import type { Principal } from '../../../platform/authz/principal.ts';
import type { PlatformContext } from '../../../platform/context.ts';
import { identityTransaction } from '../identity-transaction.ts';
import { AppError } from '../../../platform/errors/app-error.ts';
import { appendEvents } from '../../../platform/events/outbox.ts';
import { auditIdentity } from '../identity.audit.ts';
import { eq } from 'drizzle-orm';
import { webauthnCredentials } from '../identity.tables.ts';
import { countRootAdmins, deleteSessionsOfUser, findRootUnit, findUser, type UserRow, updateUserRow } from '../identity.repo.ts';
import { loadUserInReach } from './user-access.ts';

type UserPatch = { displayName?: string | undefined; isActive?: boolean | undefined; locale?: UiLocale | undefined; timeZone?: string | undefined };

/** An administrator edits a user; deactivating signs them out everywhere and keeps one root admin. */
export async function updateUser(ctx: PlatformContext, p: Principal, id: string, patch: UserPatch, actor: Actor): Promise<UserRow> {
  return identityTransaction(ctx, null, async (tx) => {
    const { user, memberships } = await loadUserInReach(tx, p, id, 'user.update');
    const changed = Object.fromEntries(Object.entries(patch).filter(([k, v]) => v !== undefined && v !== user[k as keyof UserPatch])) as UserPatch;
    if (Object.keys(changed).length === 0) return user;
    if (changed.isActive === false) {
      const root = await findRootUnit(tx);
      const isRootAdmin = memberships.some((m) => m.unitId === root?.id && m.role === 'admin');
      if (root && isRootAdmin && (await countRootAdmins(tx, root.id)) <= 1) throw new AppError('user.last-admin');
      await deleteSessionsOfUser(tx, id);
    }
    const updated = await updateUserRow(tx, id, changed);
    const before = Object.fromEntries(Object.keys(changed).map((k) => [k, user[k as keyof UserPatch]]));
    await auditIdentity(tx, actor, { action: 'user.updated', targetType: 'user', targetId: id, unitId: memberships[0]?.unitId ?? null, summary: { before, after: changed } });
    await appendEvents(tx, [{ type: 'user.updated', unitId: memberships[0]?.unitId ?? null, data: { id, changed: Object.keys(changed) } }]);
    return updated;
  });
}

/**
 * An administrator (or the CLI) sets a temporary password: the user's sessions end, and at the
 * next sign-in they must replace it with one only they know (ASVS 6.4.1).
 */
export async function setUserPassword(ctx: PlatformContext, p: Principal | null, id: string, password: string, actor: Actor, by: 'admin' | 'cli' = 'admin'): Promise<void> {
  const target = await findUser(ctx.db, id);
  await ctx.passwordQuality.requireStrong(password, target ? [target.email, target.displayName, ctx.config.orgName] : [ctx.config.orgName]);
  const hash = await ctx.passwords.hash(password);
  await identityTransaction(ctx, null, async (tx) => {
    if (p) {
      if (p.userId === id) throw new AppError('authz.forbidden', 'Change your own password from your profile.');
      await loadUserInReach(tx, p, id, 'user.update');
    }
    await updateUserRow(tx, id, { passwordHash: hash, mustChangePassword: true });
    await deleteSessionsOfUser(tx, id);
    await auditIdentity(tx, actor, { action: 'user.password-set', targetType: 'user', targetId: id, unitId: null, summary: { by } });
  });
}

/**
 * An administrator turns off a colleague's second factors (a lost phone or key): TOTP and every
 * passkey, since a passkey left behind would still be asked for at sign-in and could be the lost
 * one. The person signs in with their password alone until they enrol again; their sessions end now.
 */
export async function resetUserMfa(ctx: PlatformContext, p: Principal, id: string, actor: Actor): Promise<void> {
  await identityTransaction(ctx, id, async (tx) => {
    if (p.userId === id) throw new AppError('authz.forbidden', 'Turn off your own two-step verification from your profile.');
    const { user, memberships } = await loadUserInReach(tx, p, id, 'user.update');
    const passkeys = await tx.delete(webauthnCredentials).where(eq(webauthnCredentials.userId, id)).returning({ id: webauthnCredentials.id, name: webauthnCredentials.name });
    if (!user.totpEnabled && passkeys.length === 0) throw new AppError('auth.mfa-not-enabled');
    const unitId = memberships[0]?.unitId ?? null;
    if (user.totpEnabled || user.totpPendingEnc) {
      await updateUserRow(tx, id, { totpSecretEnc: null, totpPendingEnc: null, totpEnabled: false, totpLastStep: null });
      await auditIdentity(tx, actor, { action: 'user.mfa-disabled', targetType: 'user', targetId: id, unitId, summary: { by: 'admin' } });
    }
    for (const k of passkeys) {
      await auditIdentity(tx, actor, { action: 'passkey.removed', targetType: 'passkey', targetId: k.id, unitId, summary: { name: k.name, by: 'admin', userId: id } });
    }
    await deleteSessionsOfUser(tx, id);
  });
}
