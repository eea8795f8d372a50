/**
 * Roles are held per organisation unit and apply to that unit and all its sub-units.
 * Permissions are `resource.action`. The matrix below is the single source for the server's
 * checks, the web's menus and the authorization-matrix test.
 */
export const roles = ['admin', 'editor', 'approver', 'analyst', 'negotiator', 'viewer', 'partner', 'meeting-guest'] as const;
export type Role = (typeof roles)[number];
/**
 * The roles a person is given (memberships, SSO rules, the MFA policy). `partner` is not one: it
 * belongs only to a partner organisation's password-less TAXII account (threat sharing, ADR 0025), and
 * `meeting-guest` only to an external delegate's password-less account (negotiation, ADR 0032).
 */
export const staffRoles = ['admin', 'editor', 'approver', 'analyst', 'negotiator', 'viewer'] as const satisfies readonly Role[];
export type StaffRole = (typeof staffRoles)[number];

export const permissions = [
  'unit.read',
  'unit.create',
  'unit.update',
  'user.read',
  'user.create',
  'user.update',
  'membership.manage',
  'audit.read',
  'system.manage',
  'statement.read',
  'statement.draft',
  'statement.approve',
  'listening.read',
  'listening.manage',
  'insight.read',
  'insight.manage',
  'integrity.read',
  'integrity.manage',
  'taxii.read',
  'taxii.write',
  'negotiation.participate',
  'meeting.attend',
  'meeting.read',
  'meeting.manage',
] as const;
export type Permission = (typeof permissions)[number];

// `meeting.attend`: the meetings one takes part in. `meeting.read`: every meeting of the unit.
const everyoneReads: Permission[] = ['unit.read', 'user.read', 'statement.read', 'meeting.attend'];

export const rolePermissions: Record<Role, readonly Permission[]> = {
  admin: [...permissions],
  editor: [...everyoneReads, 'statement.draft', 'listening.read', 'insight.read', 'integrity.read', 'meeting.read'],
  approver: [...everyoneReads, 'statement.approve', 'listening.read', 'insight.read', 'meeting.read'],
  analyst: [...everyoneReads, 'listening.read', 'listening.manage', 'insight.read', 'insight.manage', 'integrity.read'],
  negotiator: [...everyoneReads, 'negotiation.participate', 'meeting.read', 'meeting.manage'],
  viewer: [...everyoneReads],
  // A partner organisation's TAXII account (threat sharing): it reads and writes the collections it
  // is given access to, and nothing else — not even the units and people everyone inside reads.
  partner: ['taxii.read', 'taxii.write'],
  // An external delegate invited to a meeting: the meetings it is a participant of, nothing else.
  'meeting-guest': ['meeting.attend'],
};

export function roleGrants(role: Role, permission: Permission): boolean {
  return rolePermissions[role].includes(permission);
}
