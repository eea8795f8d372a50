// Who a finding may be handed to: an active person who may read findings at its unit — decided by
// `can()` over that person's own roles, the same check their requests will meet.
import { can } from '../../../platform/authz/principal.ts';
import type { Executor } from '../../../platform/db/index.ts';
import { memberPrincipals, rolesReaching } from '../../identity/index.ts';

export type Assignee = { id: string; name: string };

/** The people a finding of the unit at `unitPath` may be assigned to, by name. */
export async function assigneeCandidates(x: Executor, unitPath: string): Promise<Assignee[]> {
  const reaching = await rolesReaching(x, unitPath);
  const people = await memberPrincipals(x, reaching.map((r) => r.userId));
  return [...people.entries()]
    .filter(([, m]) => m.isActive && can(m.principal, 'integrity.read', unitPath))
    .map(([id, m]) => ({ id, name: m.displayName }))
    .sort((a, b) => a.name.localeCompare(b.name) || a.id.localeCompare(b.id));
}

/** Whether this person may be given a finding of the unit at `unitPath`. */
export async function mayBeAssigned(x: Executor, userId: string, unitPath: string): Promise<boolean> {
  const person = (await memberPrincipals(x, [userId])).get(userId);
  return person?.isActive === true && can(person.principal, 'integrity.read', unitPath);
}
