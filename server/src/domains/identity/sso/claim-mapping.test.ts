import type { SsoRule } from '@diplodesk/contracts';
import { describe, expect, it } from 'vitest';
import { claimValue, grantsFor, hasProviderMfa, planGrantChanges, ruleMatches } from './claim-mapping.ts';

const tokyo = '0190d1c2-0000-7000-8000-000000000001';
const root = '0190d1c2-0000-7000-8000-000000000002';
const rules: SsoRule[] = [
  { claim: 'groups', match: 'contains', value: 'kemlu-approvers', unitId: tokyo, role: 'approver' },
  { claim: 'dept', match: 'equals', value: 'public-diplomacy', unitId: root, role: 'editor' },
  { claim: 'realm_access.roles', match: 'contains', value: 'analyst', unitId: root, role: 'analyst' },
];

describe('claim mapping', () => {
  it('matches a value inside a list claim with contains', () => {
    expect(grantsFor(rules, { groups: ['staff', 'kemlu-approvers'] })).toEqual([{ unitId: tokyo, role: 'approver' }]);
    expect(grantsFor(rules, { groups: ['kemlu-approvers-old'] })).toEqual([]);
  });

  it('treats a lone string as a list of one for contains, but equals never looks inside a list', () => {
    expect(ruleMatches(rules[0]!, { groups: 'kemlu-approvers' })).toBe(true);
    expect(ruleMatches(rules[1]!, { dept: ['public-diplomacy'] })).toBe(false);
    expect(ruleMatches(rules[1]!, { dept: 'public-diplomacy' })).toBe(true);
    expect(ruleMatches(rules[1]!, { dept: 'Public-Diplomacy' })).toBe(false);
  });

  it('walks a dotted claim name into nested objects, but an exact claim name wins', () => {
    expect(claimValue({ realm_access: { roles: ['analyst'] } }, 'realm_access.roles')).toEqual(['analyst']);
    expect(claimValue({ 'realm_access.roles': 'x', realm_access: { roles: ['y'] } }, 'realm_access.roles')).toBe('x');
    expect(claimValue({ realm_access: ['roles'] }, 'realm_access.roles')).toBeUndefined();
    expect(grantsFor(rules, { realm_access: { roles: ['analyst'] } })).toEqual([{ unitId: root, role: 'analyst' }]);
  });

  it('gives each unit and role once even when several rules match', () => {
    const twice = [...rules, { ...rules[0]!, claim: 'dept', match: 'equals' as const, value: 'x' }];
    expect(grantsFor(twice, { groups: ['kemlu-approvers'], dept: 'x' })).toEqual([{ unitId: tokyo, role: 'approver' }]);
  });

  it('ignores claims that are objects, null or missing', () => {
    expect(grantsFor(rules, { groups: { a: 1 }, dept: null })).toEqual([]);
    expect(grantsFor(rules, {})).toEqual([]);
  });

  it('plans which SSO-granted roles to add and to remove', () => {
    const current = [
      { membershipId: 'm1', unitId: tokyo, role: 'approver' as const },
      { membershipId: 'm2', unitId: root, role: 'viewer' as const },
    ];
    expect(planGrantChanges([{ unitId: tokyo, role: 'approver' }, { unitId: root, role: 'editor' }], current)).toEqual({ add: [{ unitId: root, role: 'editor' }], remove: ['m2'] });
    expect(planGrantChanges([], current)).toEqual({ add: [], remove: ['m1', 'm2'] });
  });

  it('accepts multi-factor at the provider only from amr', () => {
    expect(hasProviderMfa({ amr: ['mfa'] })).toBe(true);
    expect(hasProviderMfa({ amr: ['pwd', 'otp'] })).toBe(true);
    expect(hasProviderMfa({ amr: ['pwd'] })).toBe(false);
    expect(hasProviderMfa({ amr: ['otp', 'hwk'] })).toBe(false);
    expect(hasProviderMfa({ acr: 'urn:mace:incommon:iap:silver' })).toBe(false);
    expect(hasProviderMfa({ amr: 'mfa' })).toBe(false);
  });
});
