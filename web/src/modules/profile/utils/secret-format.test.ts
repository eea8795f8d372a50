import { describe, expect, it } from 'vitest';
import { groupSecret } from './secret-format.ts';

describe('groupSecret', () => {
  it('groups by four without a trailing space', () => {
    expect(groupSecret('JBSWY3DPEHPK3PXP')).toBe('JBSW Y3DP EHPK 3PXP');
    expect(groupSecret('ABCDEF')).toBe('ABCD EF');
  });
});
