import { describe, expect, it } from 'vitest';
import { canMove, isClosed } from './lifecycle.ts';

describe('meeting lifecycle', () => {
  it('lets a draft be scheduled or cancelled, and a scheduled meeting end', () => {
    expect(canMove('draft', 'scheduled')).toBe(true);
    expect(canMove('draft', 'cancelled')).toBe(true);
    expect(canMove('scheduled', 'ended')).toBe(true);
    expect(canMove('scheduled', 'draft')).toBe(true);
  });
  it('never reopens a cancelled or ended meeting, nor ends a draft', () => {
    expect(canMove('cancelled', 'scheduled')).toBe(false);
    expect(canMove('ended', 'draft')).toBe(false);
    expect(canMove('draft', 'ended')).toBe(false);
    expect(isClosed('cancelled') && isClosed('ended') && !isClosed('scheduled')).toBe(true);
  });
});
