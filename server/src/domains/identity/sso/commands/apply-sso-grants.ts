import type { Actor } from '../../../../platform/audit/audit.ts';
import type { Executor } from '../../../../platform/db/index.ts';
import { appendEvents } from '../../../../platform/events/outbox.ts';
import { auditIdentity } from '../../identity.audit.ts';
import { countRootAdmins, deleteMembership, findRootUnit, insertMembership, insertUser, type UserRow } from '../../identity.repo.ts';
import { type Grant, planGrantChanges } from '../claim-mapping.ts';
import { markSsoMembership, ssoGrantedMemberships } from '../sso.repo.ts';

/** A user who signs in only through the provider: no password, so the password form cannot be used for them. */
export async function createSsoUser(tx: Executor, actor: Actor, input: { email: string; displayName: string }): Promise<UserRow> {
  const user = await insertUser(tx, { email: input.email, displayName: input.displayName.slice(0, 120), passwordHash: null });
  await auditIdentity(tx, actor, { action: 'user.created', targetType: 'user', targetId: user.id, unitId: null, summary: { email: user.email, displayName: user.displayName, withPassword: false } });
  await appendEvents(tx, [{ type: 'user.created', unitId: null, data: { id: user.id, email: user.email } }]);
  return user;
}

/**
 * Re-applies the provider's rules at each sign-in: roles the rules now give are added and marked
 * as granted by this provider; roles it granted earlier that no rule gives any more are removed.
 * A role an admin granted by hand is never marked, so it is never removed here.
 */
export async function applySsoGrants(
  tx: Executor,
  actor: Actor,
  providerId: string,
  userId: string,
  grants: Grant[],
): Promise<{ added: number; removed: number; keptLastAdmin: number }> {
  const current = await ssoGrantedMemberships(tx, providerId, userId);
  const plan = planGrantChanges(grants, current);
  const root = await findRootUnit(tx);
  let removed = 0;
  let keptLastAdmin = 0;
  for (const membershipId of plan.remove) {
    const m = current.find((c) => c.membershipId === membershipId)!;
    // The same rule as an administrator revoking the role: the organisation keeps one root admin,
    // even when a change of claims or rules would take the role away (it stays until someone else is admin).
    if (root && m.unitId === root.id && m.role === 'admin' && (await countRootAdmins(tx, root.id)) <= 1) {
      keptLastAdmin++;
      continue;
    }
    removed++;
    await deleteMembership(tx, membershipId);
    await auditIdentity(tx, actor, { action: 'membership.revoked', targetType: 'membership', targetId: membershipId, unitId: m.unitId, summary: { userId, unitId: m.unitId, role: m.role } });
    await appendEvents(tx, [{ type: 'membership.revoked', unitId: m.unitId, data: { id: membershipId, userId, role: m.role } }]);
  }
  let added = 0;
  for (const g of plan.add) {
    // Already held by hand: left as it is (and unmarked), so it survives the rule changing.
    const m = await insertMembership(tx, { userId, unitId: g.unitId, role: g.role });
    if (!m) continue;
    await markSsoMembership(tx, m.id, providerId);
    await auditIdentity(tx, actor, { action: 'membership.granted', targetType: 'membership', targetId: m.id, unitId: g.unitId, summary: { userId, unitId: g.unitId, role: g.role } });
    await appendEvents(tx, [{ type: 'membership.granted', unitId: g.unitId, data: { id: m.id, userId, role: g.role } }]);
    added++;
  }
  return { added, removed, keptLastAdmin };
}
