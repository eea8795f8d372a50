import { describe, expect, it } from 'vitest';
import { can, createPrincipal, denialCode, heldPermissions, type Principal, type PrincipalMembership, reachPaths, rolesAt } from './principal.ts';

const principal = (memberships: PrincipalMembership[], tokenScopes: Principal['tokenScopes'] = null): Principal =>
  createPrincipal({ userId: 'u', email: 'u@x', displayName: 'U', memberships, via: tokenScopes ? 'token' : 'session', sessionId: null, csrfToken: null, tokenScopes });

describe('can', () => {
  const missionAdmin = principal([{ unitId: 'm', unitPath: '/r/m/', role: 'admin' }]);
  it('applies a role to the unit and its sub-units, not to ancestors or siblings', () => {
    expect(can(missionAdmin, 'unit.update', '/r/m/')).toBe(true);
    expect(can(missionAdmin, 'unit.update', '/r/m/consulate/')).toBe(true);
    expect(can(missionAdmin, 'unit.update', '/r/')).toBe(false);
    expect(can(missionAdmin, 'unit.update', '/r/other/')).toBe(false);
  });
  it('grants only what the role carries', () => {
    const viewer = principal([{ unitId: 'r', unitPath: '/r/', role: 'viewer' }]);
    expect(can(viewer, 'unit.read', '/r/m/')).toBe(true);
    expect(can(viewer, 'unit.create')).toBe(false);
    expect(heldPermissions(viewer, ['unit.read', 'audit.read'])).toEqual(['unit.read']);
  });
  it('limits a token to its scopes', () => {
    const token = principal([{ unitId: 'r', unitPath: '/r/', role: 'admin' }], ['unit.read']);
    expect(can(token, 'unit.read', '/r/')).toBe(true);
    expect(can(token, 'unit.update', '/r/')).toBe(false);
  });
  it('reduces reach to the top-most units', () => {
    const p = principal([
      { unitId: 'r', unitPath: '/r/', role: 'viewer' },
      { unitId: 'm', unitPath: '/r/m/', role: 'viewer' },
      { unitId: 'x', unitPath: '/x/', role: 'viewer' },
    ]);
    expect(reachPaths(p, 'unit.read')).toEqual(['/r/', '/x/']);
  });
  it('grants the system scope only through a role at the root unit', () => {
    const missionAdmin = principal([{ unitId: 'm', unitPath: '/r/m/', role: 'admin' }]);
    expect(can(missionAdmin, 'system.manage')).toBe(false);
    expect(can(missionAdmin, 'system.manage', '/r/m/')).toBe(false);
    expect(heldPermissions(missionAdmin, ['unit.update', 'system.manage'])).toEqual(['unit.update']);
    expect(reachPaths(missionAdmin, 'system.manage')).toEqual([]);
    const rootAdmin = principal([{ unitId: 'r', unitPath: '/r/', role: 'admin' }]);
    expect(can(rootAdmin, 'system.manage')).toBe(true);
    expect(reachPaths(rootAdmin, 'system.manage')).toEqual(['/r/']);
  });
  it('lends roles only through a permission the token allows', () => {
    const admin = [{ unitId: 'r', unitPath: '/r/', role: 'admin' as const }, { unitId: 'm', unitPath: '/r/m/', role: 'approver' as const }];
    expect([...rolesAt(principal(admin), 'statement.approve', '/r/m/')].sort()).toEqual(['admin', 'approver']);
    expect([...rolesAt(principal(admin), 'statement.approve', '/r/')]).toEqual(['admin']);
    const readOnly = principal(admin, ['statement.read']);
    expect(rolesAt(readOnly, 'statement.approve', '/r/m/').size).toBe(0);
    expect(denialCode(readOnly, 'statement.approve')).toBe('auth.token-scope');
    expect(denialCode(principal([{ unitId: 'r', unitPath: '/r/', role: 'viewer' }]), 'statement.approve')).toBe('authz.forbidden');
  });
});
