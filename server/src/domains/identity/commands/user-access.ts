import type { Principal } from '../../../platform/authz/principal.ts';
import type { Executor } from '../../../platform/db/index.ts';
import { AppError } from '../../../platform/errors/app-error.ts';
import { canActOnUser } from '../identity.policy.ts';
import { findRootUnit, findUser, type MembershipWithUnit, membershipsOf, type UserRow } from '../identity.repo.ts';

export type UserInReach = { user: UserRow; memberships: MembershipWithUnit[]; rootPath: string };

/**
 * Loads a user the caller may see; a user out of reach reads as not found (no existence leak),
 * and `needs` checks the stronger permission on top.
 */
export async function loadUserInReach(x: Executor, p: Principal, id: string, needs?: 'user.update'): Promise<UserInReach> {
  const user = await findUser(x, id);
  const root = await findRootUnit(x);
  const rootPath = root?.path ?? '/';
  if (!user) throw new AppError('user.not-found');
  const memberships = await membershipsOf(x, [id]);
  if (p.userId !== id && !canActOnUser(p, 'user.read', memberships, rootPath)) throw new AppError('user.not-found');
  if (needs && !canActOnUser(p, needs, memberships, rootPath)) throw new AppError('authz.forbidden');
  return { user, memberships, rootPath };
}
