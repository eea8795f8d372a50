// Who may change what the insights of a unit watch and whom they notify: `insight.manage` at the
// unit (alert rules, threat monitors and their recipients alike).
import { can, isWithin, type Principal } from '../../platform/authz/principal.ts';
import type { Executor } from '../../platform/db/index.ts';
import { AppError } from '../../platform/errors/app-error.ts';
import { findUnit, mailContactsOf } from '../identity/index.ts';

/** The unit's path when the caller may manage its insights there. */
export async function manageablePath(x: Executor, p: Principal, unitId: string): Promise<string> {
  const unit = await findUnit(x, unitId);
  if (!unit) throw new AppError('unit.not-found');
  if (!can(p, 'insight.manage', unit.path)) throw new AppError('authz.forbidden');
  return unit.path;
}

/** E-mail recipients chosen by id must be active people with a role at the unit or above it. */
export async function checkRecipients(x: Executor, unitPath: string, userIds: readonly string[]): Promise<void> {
  if (userIds.length === 0) return;
  const contacts = await mailContactsOf(x, userIds);
  const reaching = new Set(contacts.filter((c) => c.isActive && c.unitPaths.some((p) => isWithin(unitPath, p))).map((c) => c.id));
  const outside = userIds.filter((id) => !reaching.has(id));
  if (outside.length > 0) throw new AppError('request.invalid', 'Every e-mail recipient must be an active member of this unit or of a unit above it.', { issues: [{ path: 'emailUserIds', message: 'not a member of this unit' }], userIds: outside });
}

/** What an audit entry says about whom a rule or monitor notifies: how many, not who. */
export const notifySummary = (r: { emailUserIds: readonly string[]; emailAddresses: readonly string[]; notifyWebhooks: boolean; quietFrom: string | null }) => ({
  emailRecipients: r.emailUserIds.length + r.emailAddresses.length,
  notifyWebhooks: r.notifyWebhooks,
  quietHours: r.quietFrom !== null,
});
