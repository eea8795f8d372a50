// How long a scheduler should wait before polling a feed again. Jitter spreads many feeds on the
// same interval over time (no thundering herd at :00); backoff keeps a failing server from being
// hammered while still checking back on it.

export interface PollDelayInput {
  /** The feed's normal interval. */
  intervalMs: number;
  /** Consecutive failed polls (0 after a success). */
  failures: number;
  /** Fraction of the delay added or removed at random, 0…1 (default 0.1). */
  jitter?: number;
  /** Ceiling for the backed-off delay, before jitter (default 6 h, or the interval if longer). */
  maxMs?: number;
  /** Random source in [0, 1), for tests. */
  random?: () => number;
}

const DEFAULT_MAX_MS = 6 * 60 * 60 * 1000;

/**
 * The delay before the next poll: `intervalMs × 2^failures`, capped at `maxMs`, then ± `jitter`.
 *
 * @example
 * nextPollDelay({ intervalMs: 60_000, failures: 2, jitter: 0 }) // 240000
 */
export function nextPollDelay(input: PollDelayInput): number {
  const interval = Math.max(0, input.intervalMs);
  const cap = Math.max(interval, input.maxMs ?? DEFAULT_MAX_MS);
  const failures = Math.max(0, Math.floor(input.failures));
  // 2^failures overflows to Infinity past ~1000; Math.min still returns the cap.
  const base = Math.min(cap, interval * 2 ** failures);
  const jitter = Math.min(1, Math.max(0, input.jitter ?? 0.1));
  const random = (input.random ?? Math.random)();
  return Math.round(base * (1 + jitter * (2 * random - 1)));
}
