import { describe, expect, it } from 'vitest';
import { describeError, exponentialBackoffMs, retryDelayMs } from './backoff.ts';

describe('exponentialBackoffMs', () => {
  it('doubles from the base, half fixed and half jittered', () => {
    expect(exponentialBackoffMs(1, { random: () => 0 })).toBe(500);
    expect(exponentialBackoffMs(1, { random: () => 1 })).toBe(1000);
    expect(exponentialBackoffMs(3, { random: () => 0 })).toBe(2000);
    expect(exponentialBackoffMs(3, { random: () => 1 })).toBe(4000);
  });

  it('is capped', () => {
    expect(exponentialBackoffMs(40, { random: () => 1 })).toBe(600_000);
    expect(exponentialBackoffMs(40, { random: () => 0, capMs: 10_000 })).toBe(5000);
  });

  it('treats attempt 0 or less as the first', () => {
    expect(exponentialBackoffMs(0, { random: () => 1, baseMs: 100 })).toBe(100);
  });

  it('stays within bounds for random jitter', () => {
    for (let attempt = 1; attempt <= 12; attempt++) {
      const ms = exponentialBackoffMs(attempt);
      const ceiling = Math.min(600_000, 1000 * 2 ** (attempt - 1));
      expect(ms).toBeGreaterThanOrEqual(ceiling / 2);
      expect(ms).toBeLessThanOrEqual(ceiling);
    }
  });
});

describe('retryDelayMs', () => {
  it('uses the definition backoff when present', () => {
    expect(retryDelayMs({ backoffMs: (n) => n * 10 }, 3)).toBe(30);
  });

  it('clamps nonsense to a usable delay', () => {
    expect(retryDelayMs({ backoffMs: () => -5 }, 1)).toBe(0);
    expect(retryDelayMs({ backoffMs: () => Number.NaN }, 1)).toBe(0);
    expect(retryDelayMs({ backoffMs: () => Number.MAX_SAFE_INTEGER }, 1)).toBe(7 * 86_400_000);
  });

  it('defaults to exponential backoff', () => {
    const ms = retryDelayMs({}, 2);
    expect(ms).toBeGreaterThanOrEqual(1000);
    expect(ms).toBeLessThanOrEqual(2000);
  });
});

describe('describeError', () => {
  it('keeps name and message only', () => {
    const err = new TypeError('bad thing');
    Object.assign(err, { token: 'secret-token' });
    expect(describeError(err)).toBe('TypeError: bad thing');
  });

  it('describes non-errors', () => {
    expect(describeError('nope')).toBe('Thrown: nope');
  });

  it('truncates long messages', () => {
    const text = describeError(new Error('x'.repeat(10_000)));
    expect(text).toHaveLength(2000);
    expect(text.endsWith('…')).toBe(true);
  });
});
