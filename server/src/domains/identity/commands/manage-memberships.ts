import type { Role } from '@diplodesk/contracts';
import type { Actor } from '../../../platform/audit/audit.ts';
import type { Principal } from '../../../platform/authz/principal.ts';
import type { PlatformContext } from '../../../platform/context.ts';
import { identityTransaction } from '../identity-transaction.ts';
import { AppError } from '../../../platform/errors/app-error.ts';
import { appendEvents } from '../../../platform/events/outbox.ts';
import { auditIdentity } from '../identity.audit.ts';
import { canManageMembershipAt } from '../identity.policy.ts';
import { countRootAdmins, deleteMembership, findMembership, findRootUnit, findUnit, insertMembership } from '../identity.repo.ts';
import { loadUserInReach } from './user-access.ts';

export async function grantMembership(ctx: PlatformContext, p: Principal | null, userId: string, input: { unitId: string; role: Role }, actor: Actor): Promise<void> {
  await identityTransaction(ctx, null, async (tx) => {
    const unit = await findUnit(tx, input.unitId);
    if (!unit) throw new AppError('unit.not-found');
    if (p) {
      if (!canManageMembershipAt(p, unit.path)) throw new AppError('authz.forbidden');
      await loadUserInReach(tx, p, userId);
    }
    const m = await insertMembership(tx, { userId, unitId: unit.id, role: input.role });
    if (!m) throw new AppError('membership.exists');
    await auditIdentity(tx, actor, { action: 'membership.granted', targetType: 'membership', targetId: m.id, unitId: unit.id, summary: { userId, unitId: unit.id, role: input.role } });
    await appendEvents(tx, [{ type: 'membership.granted', unitId: unit.id, data: { id: m.id, userId, role: input.role } }]);
  });
}

/** Revokes a role; the organisation always keeps at least one active administrator at its root. */
export async function revokeMembership(ctx: PlatformContext, p: Principal, userId: string, membershipId: string, actor: Actor): Promise<void> {
  await identityTransaction(ctx, null, async (tx) => {
    const m = await findMembership(tx, membershipId);
    if (!m || m.userId !== userId) throw new AppError('membership.not-found');
    if (!canManageMembershipAt(p, m.unitPath)) throw new AppError('authz.forbidden');
    const root = await findRootUnit(tx);
    if (root && m.unitId === root.id && m.role === 'admin' && (await countRootAdmins(tx, root.id)) <= 1) throw new AppError('user.last-admin');
    await deleteMembership(tx, membershipId);
    await auditIdentity(tx, actor, { action: 'membership.revoked', targetType: 'membership', targetId: m.id, unitId: m.unitId, summary: { userId, unitId: m.unitId, role: m.role } });
    await appendEvents(tx, [{ type: 'membership.revoked', unitId: m.unitId, data: { id: m.id, userId, role: m.role } }]);
  });
}
