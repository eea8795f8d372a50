import { type MeResponse, permissions } from '@diplodesk/contracts';
import { type Principal, heldPermissions } from '../../../platform/authz/principal.ts';
import type { Executor } from '../../../platform/db/index.ts';
import { AppError } from '../../../platform/errors/app-error.ts';
import { presentUser } from '../identity.presenter.ts';
import { findRootUnit, findUser, membershipsOf } from '../identity.repo.ts';

/** The caller, their roles and every permission they hold somewhere (for navigation). */
export async function buildMe(x: Executor, p: Principal): Promise<MeResponse> {
  const [user, memberships, root] = await Promise.all([findUser(x, p.userId), membershipsOf(x, [p.userId]), findRootUnit(x)]);
  if (!user) throw new AppError('auth.required');
  return {
    user: presentUser(p, user, memberships, root?.path ?? '/'),
    permissions: heldPermissions(p, permissions),
    csrfToken: p.csrfToken ?? '',
  };
}
