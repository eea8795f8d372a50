/**
 * Roles are held per organisation unit and apply to that unit and all its sub-units.
 * Permissions are `resource.action`. The matrix below is the single source for the server's
 * checks, the web's menus and the authorization-matrix test.
 */
export const roles = ['admin', 'editor', 'approver', 'analyst', 'negotiator', 'viewer', 'partner'] as const;
export type Role = (typeof roles)[number];
/**
 * The roles a person is given (memberships, SSO rules, the MFA policy). `partner` is not one: it
 * belongs only to a partner organisation's password-less TAXII account (threat sharing, ADR 0025).
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
] as const;
export type Permission = (typeof permissions)[number];

const everyoneReads: Permission[] = ['unit.read', 'user.read', 'statement.read'];

export const rolePermissions: Record<Role, readonly Permission[]> = {
  admin: [...permissions],
  editor: [...everyoneReads, 'statement.draft', 'listening.read', 'insight.read', 'integrity.read'],
  approver: [...everyoneReads, 'statement.approve', 'listening.read', 'insight.read'],
  analyst: [...everyoneReads, 'listening.read', 'listening.manage', 'insight.read', 'insight.manage', 'integrity.read'],
  negotiator: [...everyoneReads, 'negotiation.participate'],
  viewer: [...everyoneReads],
  // A partner organisation's TAXII account (threat sharing): it reads and writes the collections it
  // is given access to, and nothing else — not even the units and people everyone inside reads.
  partner: ['taxii.read', 'taxii.write'],
};

export function roleGrants(role: Role, permission: Permission): boolean {
  return rolePermissions[role].includes(permission);
}
