import { describe, expect, it } from 'vitest';
import { nextPollDelay } from './poll-delay.ts';

describe('nextPollDelay', () => {
  it('returns the interval when healthy and without jitter', () => {
    expect(nextPollDelay({ intervalMs: 900_000, failures: 0, jitter: 0 })).toBe(900_000);
  });

  it('doubles per failure up to the cap', () => {
    expect([0, 1, 2, 3].map((failures) => nextPollDelay({ intervalMs: 60_000, failures, jitter: 0 }))).toEqual([60_000, 120_000, 240_000, 480_000]);
    expect(nextPollDelay({ intervalMs: 60_000, failures: 50, jitter: 0, maxMs: 3_600_000 })).toBe(3_600_000);
    expect(nextPollDelay({ intervalMs: 60_000, failures: 5000, jitter: 0 })).toBe(6 * 3_600_000);
  });

  it('spreads the delay by ± jitter', () => {
    expect(nextPollDelay({ intervalMs: 100_000, failures: 0, jitter: 0.2, random: () => 0 })).toBe(80_000);
    expect(nextPollDelay({ intervalMs: 100_000, failures: 0, jitter: 0.2, random: () => 0.999999 })).toBe(120_000);
    for (let i = 0; i < 200; i += 1) {
      const delay = nextPollDelay({ intervalMs: 100_000, failures: 1, jitter: 0.1 });
      expect(delay).toBeGreaterThanOrEqual(180_000);
      expect(delay).toBeLessThanOrEqual(220_000);
    }
  });
});
