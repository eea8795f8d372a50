import { type MeResponse, permissions } from '@diplodesk/contracts';
import { type Principal, heldPermissions } from '../../../platform/authz/principal.ts';
import type { Executor } from '../../../platform/db/index.ts';
import { AppError } from '../../../platform/errors/app-error.ts';
import { presentUser } from '../identity.presenter.ts';
import { findRootUnit, findUser, membershipsOf } from '../identity.repo.ts';
import { usersWithPasskeys } from '../webauthn.ts';
import { isSsoLinked } from '../sso/sso.repo.ts';

/** The caller, their roles and every permission they hold somewhere (for navigation). */
export async function buildMe(x: Executor, p: Principal): Promise<MeResponse> {
  const [user, memberships, root, withPasskeys] = await Promise.all([findUser(x, p.userId), membershipsOf(x, [p.userId]), findRootUnit(x), usersWithPasskeys(x, [p.userId])]);
  if (!user) throw new AppError('auth.required');
  return {
    user: presentUser(p, user, memberships, root?.path ?? '/', withPasskeys.has(p.userId)),
    permissions: heldPermissions(p, permissions),
    csrfToken: p.csrfToken ?? '',
    mfaSetupRequired: p.mfaSetupRequired === true,
    ssoLinked: await isSsoLinked(x, p.userId),
  };
}
