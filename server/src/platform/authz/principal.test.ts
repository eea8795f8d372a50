import { describe, expect, it } from 'vitest';
import { can, heldPermissions, type Principal, reachPaths } from './principal.ts';

const principal = (memberships: Principal['memberships'], tokenScopes: Principal['tokenScopes'] = null): Principal => ({
  userId: 'u',
  email: 'u@x',
  displayName: 'U',
  memberships,
  via: tokenScopes ? 'token' : 'session',
  sessionId: null,
  csrfToken: null,
  tokenScopes,
});

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
});
