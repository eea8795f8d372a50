import { type Permission, type Role, roleGrants } from '@diplodesk/contracts';
import { AppError } from '../errors/app-error.ts';

export type PrincipalMembership = { unitId: string; unitPath: string; role: Role };

// The caller's roles live under a key no code outside this folder can name: every decision goes
// through `can` (or the helpers below), which always intersects the roles with a token's scopes.
// Reading roles directly is how a command once let a `statement.read` token approve a statement.
const grants: unique symbol = Symbol('principal.grants');

/** The authenticated caller, built once per request by the identity domain (`createPrincipal`). */
export type Principal = {
  userId: string;
  email: string;
  displayName: string;
  /** How the caller authenticated. Token callers are limited to the token's scopes. */
  via: 'session' | 'token';
  sessionId: string | null;
  csrfToken: string | null;
  tokenScopes: Permission[] | null;
  /** The account still has a generated first password: only /me, /me/password and sign-out work. */
  mustChangePassword?: true;
  /** A role of the account requires a second factor it does not have: only enrolment and sign-out work. */
  mfaSetupRequired?: true;
  readonly [grants]: readonly PrincipalMembership[];
  /** The API token used, so audit entries of its actions name it; null for a session. */
  tokenId?: string | null;
  /** When the session last proved a fresh factor (sign-in or step-up); null for tokens. */
  stepUpAt?: Date | null;
};

export type PrincipalInput = Omit<Principal, typeof grants> & { memberships: readonly PrincipalMembership[] };

export function createPrincipal(input: PrincipalInput): Principal {
  const { memberships, ...rest } = input;
  return { ...rest, [grants]: memberships.map((m) => ({ ...m })) };
}

/** `/a/b/` lies within `/a/` — a role at a unit applies to all its sub-units. */
export function isWithin(targetPath: string, ancestorPath: string): boolean {
  return targetPath.startsWith(ancestorPath);
}

/** The root unit's path has one segment (`/id/`); every other unit's has more. */
function isRootPath(path: string): boolean {
  return /^\/[^/]+\/$/.test(path);
}

/** Whether the caller's token (if any) carries this scope — for rights that come from ownership, not a role. */
export function scopeAllows(p: Principal, permission: Permission): boolean {
  return p.tokenScopes === null || p.tokenScopes.includes(permission);
}

// The system scope belongs to the organisation as a whole, so only a role held at the root grants
// it: a mission's admin administers the mission, not the installation.
function membershipGrants(m: PrincipalMembership, permission: Permission): boolean {
  return roleGrants(m.role, permission) && (permission !== 'system.manage' || isRootPath(m.unitPath));
}

/** May the caller do `permission` at the unit with this path (or, without a path, anywhere)? */
export function can(p: Principal, permission: Permission, unitPath?: string): boolean {
  if (!scopeAllows(p, permission)) return false;
  return p[grants].some((m) => membershipGrants(m, permission) && (unitPath === undefined || isWithin(unitPath, m.unitPath)));
}

/** Why `can` said no: the token's scope, or the caller's roles. */
export function denialCode(p: Principal, permission: Permission): 'auth.token-scope' | 'authz.forbidden' {
  return scopeAllows(p, permission) ? 'authz.forbidden' : 'auth.token-scope';
}

/** Throws the fitting 403 unless the caller may do `permission` at the unit (or anywhere). */
export function requirePermission(p: Principal, permission: Permission, unitPath?: string): void {
  if (!can(p, permission, unitPath)) throw new AppError(denialCode(p, permission));
}

/** Every permission the caller holds at some unit (drives navigation). */
export function heldPermissions(p: Principal, all: readonly Permission[]): Permission[] {
  return all.filter((perm) => can(p, perm));
}

/** Paths of the units at which the caller holds `permission`; their subtrees are in reach. */
export function reachPaths(p: Principal, permission: Permission): string[] {
  if (!scopeAllows(p, permission)) return [];
  const paths = p[grants].filter((m) => membershipGrants(m, permission)).map((m) => m.unitPath);
  // Drop paths already covered by an ancestor in the list.
  return paths.filter((path) => !paths.some((other) => other !== path && isWithin(path, other)));
}

/**
 * The roles through which the caller holds `permission` at a unit (inherited from ancestors) —
 * empty when the token's scope excludes it. Clearance chains name roles; a role counts for a step
 * only through the permission it lends, never as a bare label.
 */
export function rolesAt(p: Principal, permission: Permission, unitPath: string): Set<Role> {
  if (!scopeAllows(p, permission)) return new Set();
  return new Set(p[grants].filter((m) => membershipGrants(m, permission) && isWithin(unitPath, m.unitPath)).map((m) => m.role));
}
