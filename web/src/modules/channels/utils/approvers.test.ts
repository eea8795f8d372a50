import { describe, expect, it } from 'vitest';
import { decodeApprover, encodeApprover } from './approvers.ts';

describe('approver encoding', () => {
  it('round-trips roles and users', () => {
    expect(decodeApprover(encodeApprover({ kind: 'role', role: 'approver' }))).toEqual({ kind: 'role', role: 'approver' });
    const id = '3f1c0a52-7c1b-4a5e-9a57-0d9c6f1e2b10';
    expect(decodeApprover(encodeApprover({ kind: 'user', userId: id }))).toEqual({ kind: 'user', userId: id });
  });

  it('refuses unknown roles and empty values', () => {
    expect(decodeApprover('role:owner')).toBeNull();
    // Roles that cannot approve are never offered nor saved: an editor clears nothing.
    expect(decodeApprover('role:editor')).toBeNull();
    expect(decodeApprover('role:viewer')).toBeNull();
    expect(decodeApprover('role:admin')).toEqual({ kind: 'role', role: 'admin' });
    expect(decodeApprover('user:')).toBeNull();
    expect(decodeApprover('nonsense')).toBeNull();
  });
});
