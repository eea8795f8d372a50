import type { Role, UiLocale } from '@diplodesk/contracts';
import type { Actor } from '../../../platform/audit/audit.ts';
import { type Principal, requirePermission } from '../../../platform/authz/principal.ts';
import { type PlatformContext, inTransaction } from '../../../platform/context.ts';
import { AppError } from '../../../platform/errors/app-error.ts';
import { appendEvents } from '../../../platform/events/outbox.ts';
import { auditIdentity } from '../identity.audit.ts';
import { findRootUnit, findUnit, findUserByEmail, insertMembership, insertUser, type UserRow } from '../identity.repo.ts';

export type CreateUserInput = {
  email: string;
  displayName: string;
  password?: string | undefined;
  locale: UiLocale;
  timeZone: string;
  memberships: { unitId: string; role: Role }[];
};

/**
 * Creates a user with their first roles. `p` null means the system (first run, CLI); otherwise
 * the caller needs `user.create` at every unit the new user joins (or at the root for none).
 */
export async function createUser(ctx: PlatformContext, p: Principal | null, input: CreateUserInput, actor: Actor): Promise<UserRow> {
  if (input.password) await ctx.passwordQuality.requireStrong(input.password, [input.email, input.displayName, ctx.config.orgName]);
  const hash = input.password ? await ctx.passwords.hash(input.password) : null;
  return inTransaction(ctx, async (tx) => {
    if (await findUserByEmail(tx, input.email)) throw new AppError('user.email-taken');
    const targets = [];
    for (const m of input.memberships) {
      const unit = await findUnit(tx, m.unitId);
      if (!unit) throw new AppError('unit.not-found', 'A unit in the memberships does not exist.', { unitId: m.unitId });
      targets.push({ unit, role: m.role });
    }
    if (p) {
      const root = await findRootUnit(tx);
      const paths = targets.length > 0 ? targets.map((t) => t.unit.path) : [root?.path ?? '/'];
      for (const path of paths) {
        requirePermission(p, 'user.create', path);
        if (targets.length > 0) requirePermission(p, 'membership.manage', path);
      }
    }
    // A password typed by an administrator or the CLI is known to someone else: it only opens the
    // door to choosing one's own (ASVS 6.4.1).
    const user = await insertUser(tx, {
      email: input.email.toLowerCase(),
      displayName: input.displayName,
      passwordHash: hash,
      mustChangePassword: hash !== null,
      locale: input.locale,
      timeZone: input.timeZone,
    });
    await auditIdentity(tx, actor, {
      action: 'user.created',
      targetType: 'user',
      targetId: user.id,
      unitId: targets[0]?.unit.id ?? null,
      summary: { email: user.email, displayName: user.displayName, withPassword: hash !== null },
    });
    for (const t of targets) {
      const m = await insertMembership(tx, { userId: user.id, unitId: t.unit.id, role: t.role });
      if (!m) continue;
      await auditIdentity(tx, actor, { action: 'membership.granted', targetType: 'membership', targetId: m.id, unitId: t.unit.id, summary: { userId: user.id, unitId: t.unit.id, role: t.role } });
    }
    await appendEvents(tx, [{ type: 'user.created', unitId: targets[0]?.unit.id ?? null, data: { id: user.id, email: user.email } }]);
    return user;
  });
}
