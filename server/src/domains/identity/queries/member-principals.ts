// Another person's rights, as `can()` sees them: a domain that hands work to someone (a finding
// assigned, a task delegated) asks whether that person may see it through the one permission
// check, never by reading their roles itself. Built as a session would build it (no token scopes).
import { inArray } from 'drizzle-orm';
import { createPrincipal, type Principal } from '../../../platform/authz/principal.ts';
import type { Executor } from '../../../platform/db/index.ts';
import { membershipsOf } from '../identity.repo.ts';
import { users } from '../identity.tables.ts';

export type MemberPrincipal = { principal: Principal; displayName: string; isActive: boolean };

/** The principals of these people (an unknown id is left out), with their names and whether the account is active. */
export async function memberPrincipals(x: Executor, userIds: readonly string[]): Promise<Map<string, MemberPrincipal>> {
  const ids = [...new Set(userIds)];
  if (ids.length === 0) return new Map();
  const [people, roles] = await Promise.all([
    x.select({ id: users.id, email: users.email, displayName: users.displayName, isActive: users.isActive }).from(users).where(inArray(users.id, ids)),
    membershipsOf(x, ids),
  ]);
  return new Map(
    people.map((u) => [
      u.id,
      {
        displayName: u.displayName,
        isActive: u.isActive,
        principal: createPrincipal({
          userId: u.id,
          email: u.email,
          displayName: u.displayName,
          via: 'session',
          sessionId: null,
          csrfToken: null,
          tokenScopes: null,
          memberships: roles.filter((m) => m.userId === u.id).map((m) => ({ unitId: m.unitId, unitPath: m.unitPath, role: m.role })),
        }),
      },
    ]),
  );
}
