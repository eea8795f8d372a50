// Who sees and changes a meeting. `meeting.read` at the meeting's unit (or above) shows it;
// `meeting.manage` there changes it. `meeting.attend` alone (every staff role, and the only right of
// a `meeting-guest` account) shows just the meetings the caller is a participant of. Every check
// goes through `can()`, so a token's scopes bind as everywhere else. A meeting the caller may not
// see is answered 404, as one that does not exist.
import type { Principal } from '../../platform/authz/principal.ts';
import { can, isWithin, reachPaths } from '../../platform/authz/principal.ts';
import type { Executor } from '../../platform/db/index.ts';
import { AppError } from '../../platform/errors/app-error.ts';
import { findUnit, listUnits } from '../identity/index.ts';
import { findMeeting, isParticipant } from './negotiation.repo.ts';
import type { MeetingRow } from './negotiation.tables.ts';

export type MeetingAccess = { meeting: MeetingRow; unitPath: string; manage: boolean };

/** The meeting with the caller's rights on it; 404 when it does not exist or the caller may not see it. */
export async function visibleMeeting(x: Executor, p: Principal, meetingId: string): Promise<MeetingAccess> {
  const meeting = await findMeeting(x, meetingId);
  if (!meeting) throw new AppError('meeting.not-found');
  const unit = await findUnit(x, meeting.unitId);
  if (!unit) throw new AppError('meeting.not-found');
  const manage = can(p, 'meeting.manage', unit.path);
  if (manage || can(p, 'meeting.read', unit.path)) return { meeting, unitPath: unit.path, manage };
  if (can(p, 'meeting.attend') && (await isParticipant(x, meetingId, p.userId))) return { meeting, unitPath: unit.path, manage: false };
  throw new AppError('meeting.not-found');
}

/** As `visibleMeeting`, and the caller must manage it: 404 when unseen, 403 when only seen. */
export async function manageableMeeting(x: Executor, p: Principal, meetingId: string): Promise<MeetingAccess> {
  const access = await visibleMeeting(x, p, meetingId);
  if (!access.manage) throw new AppError('authz.forbidden');
  return access;
}

/** The unit's path when the caller may create meetings there. */
export async function manageableUnit(x: Executor, p: Principal, unitId: string): Promise<string> {
  const unit = await findUnit(x, unitId);
  if (!unit) throw new AppError('unit.not-found');
  if (!can(p, 'meeting.manage', unit.path)) throw new AppError('authz.forbidden');
  return unit.path;
}

/** The units whose meetings the caller reads in full, id → path. */
export async function readableUnits(x: Executor, p: Principal): Promise<Map<string, string>> {
  const reach = reachPaths(p, 'meeting.read');
  if (reach.length === 0) return new Map();
  const units = (await listUnits(x)).filter((u) => reach.some((r) => isWithin(u.path, r)));
  return new Map(units.map((u) => [u.id, u.path]));
}

export const meetingPolicies = (access: Pick<MeetingAccess, 'manage' | 'meeting'>) => {
  const open = access.meeting.status !== 'cancelled' && access.meeting.status !== 'ended';
  return { update: access.manage, delete: access.manage && access.meeting.status === 'draft', removeParticipant: access.manage && open, addDelegation: access.manage && open, addParticipant: access.manage && open, invite: access.manage && open, recordDecision: access.manage };
};
