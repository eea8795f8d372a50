import type { Permission } from '@diplodesk/contracts';

const administrationPermissions: readonly Permission[] = [
  'unit.create',
  'user.create',
  'audit.read',
  'membership.manage',
  'unit.read',
  'user.read',
];

export function hasPermission(permissions: readonly Permission[], permission: Permission): boolean {
  return permissions.includes(permission);
}

export function canSeeAdministration(permissions: readonly Permission[]): boolean {
  return administrationPermissions.some((permission) => permissions.includes(permission));
}
