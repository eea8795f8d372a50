import { describe, expect, it } from 'vitest';
import { canTakeAction, openStatuses, statusAfter } from './lifecycle.ts';

describe('finding lifecycle', () => {
  it('goes new → triaged → resolved and back by reopening', () => {
    expect(statusAfter('new', 'triage')).toBe('triaged');
    expect(statusAfter('triaged', 'resolve')).toBe('resolved');
    expect(statusAfter('resolved', 'reopen')).toBe('triaged');
    expect(statusAfter('new', 'resolve')).toBe('resolved');
  });
  it('refuses what a state does not allow', () => {
    expect(statusAfter('resolved', 'resolve')).toBeNull();
    expect(statusAfter('resolved', 'assign')).toBeNull();
    expect(statusAfter('new', 'reopen')).toBeNull();
    expect(canTakeAction('resolved', 'comment')).toBe(true);
  });
  it('keeps the status on assignment and comments', () => {
    expect(statusAfter('new', 'assign')).toBe('new');
    expect(statusAfter('triaged', 'comment')).toBe('triaged');
    expect(openStatuses).toEqual(['new', 'triaged']);
  });
});
