import type { JobDefinition } from './types.ts';

export type BackoffOptions = { baseMs?: number; capMs?: number; random?: () => number };

/**
 * Delay before retry `attempt` (1-based): doubling from `baseMs`, capped, with "equal jitter"
 * (half fixed, half random) so that jobs failing together do not retry together.
 * @example exponentialBackoffMs(3) // between 2000 and 4000
 */
export function exponentialBackoffMs(attempt: number, opts: BackoffOptions = {}): number {
  const { baseMs = 1000, capMs = 600_000, random = Math.random } = opts;
  const ceiling = Math.min(capMs, baseMs * 2 ** Math.max(0, attempt - 1));
  return Math.round(ceiling / 2 + random() * (ceiling / 2));
}

/** The definition's own backoff when it has one, clamped to a sane range. */
export function retryDelayMs(def: Pick<JobDefinition, 'backoffMs'>, attempt: number): number {
  const ms = def.backoffMs ? def.backoffMs(attempt) : exponentialBackoffMs(attempt);
  return Number.isFinite(ms) ? Math.min(Math.max(0, Math.round(ms)), 7 * 86_400_000) : 0;
}

const MAX_ERROR_LENGTH = 2000;

/**
 * What is kept of a failure in `jobs.last_error`: name and message only, bounded. Stacks and
 * error properties stay out of the table (they may carry request bodies or tokens).
 */
export function describeError(err: unknown): string {
  const text = err instanceof Error ? `${err.name}: ${err.message}` : `Thrown: ${String(err)}`;
  return text.length > MAX_ERROR_LENGTH ? `${text.slice(0, MAX_ERROR_LENGTH - 1)}…` : text;
}
