import { type Permission, type Role, roleGrants } from '@diplodesk/contracts';

export type PrincipalMembership = { unitId: string; unitPath: string; role: Role };

/** The authenticated caller, built once per request by the identity domain. */
export type Principal = {
  userId: string;
  email: string;
  displayName: string;
  memberships: PrincipalMembership[];
  /** How the caller authenticated. Token callers are limited to the token's scopes. */
  via: 'session' | 'token';
  sessionId: string | null;
  csrfToken: string | null;
  tokenScopes: Permission[] | null;
  /** When the session last proved a fresh factor (sign-in or step-up); null for tokens. */
  stepUpAt?: Date | null;
};

/** `/a/b/` lies within `/a/` — a role at a unit applies to all its sub-units. */
export function isWithin(targetPath: string, ancestorPath: string): boolean {
  return targetPath.startsWith(ancestorPath);
}

function scopeAllows(p: Principal, permission: Permission): boolean {
  return p.tokenScopes === null || p.tokenScopes.includes(permission);
}

/** May the caller do `permission` at the unit with this path (or, without a path, anywhere)? */
export function can(p: Principal, permission: Permission, unitPath?: string): boolean {
  if (!scopeAllows(p, permission)) return false;
  return p.memberships.some((m) => roleGrants(m.role, permission) && (unitPath === undefined || isWithin(unitPath, m.unitPath)));
}

/** Every permission the caller holds at some unit (drives navigation). */
export function heldPermissions(p: Principal, all: readonly Permission[]): Permission[] {
  return all.filter((perm) => can(p, perm));
}

/** Paths of the units at which the caller holds `permission`; their subtrees are in reach. */
export function reachPaths(p: Principal, permission: Permission): string[] {
  if (!scopeAllows(p, permission)) return [];
  const paths = p.memberships.filter((m) => roleGrants(m.role, permission)).map((m) => m.unitPath);
  // Drop paths already covered by an ancestor in the list.
  return paths.filter((path) => !paths.some((other) => other !== path && isWithin(path, other)));
}
