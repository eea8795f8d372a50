/**
 * How a connector call failed, which decides what the publication job may do next.
 * - `rate-limited`: wait `retryAfterMs`, then retry.
 * - `auth-expired`: refresh the token (or ask a human to reconnect); nothing was posted.
 * - `rejected`: the platform refused the content for good (too long, duplicate, policy); never retry.
 * - `unknown-outcome`: the request may or may not have taken effect (timeout, reset, 5xx after
 *   sending). The caller must reconcile with `checkStatus`/`findRecentPosts` — a blind retry is how
 *   a ministry posts the same statement twice.
 * - `transient`: definitely not applied (e.g. connection refused before sending); safe to retry.
 */
export type ConnectorErrorKind = 'rate-limited' | 'auth-expired' | 'rejected' | 'unknown-outcome' | 'transient';

export interface ConnectorErrorOptions {
  /** For `rate-limited`: how long to wait. X sends no Retry-After; derive it from x-rate-limit-reset. */
  retryAfterMs?: number;
  /** The platform's own error code, for the audit trail and support. */
  platformCode?: string;
  cause?: unknown;
}

/** The one error type connectors throw; anything else escaping a connector is a bug. */
export class ConnectorError extends Error {
  override readonly name = 'ConnectorError';
  readonly kind: ConnectorErrorKind;
  readonly retryAfterMs: number | undefined;
  readonly platformCode: string | undefined;

  constructor(kind: ConnectorErrorKind, message: string, opts: ConnectorErrorOptions = {}) {
    super(message, opts.cause === undefined ? undefined : { cause: opts.cause });
    this.kind = kind;
    this.retryAfterMs = opts.retryAfterMs;
    this.platformCode = opts.platformCode;
  }

  /** Whether the same call may simply be repeated; false for `unknown-outcome`, which needs reconciling first. */
  get isRetryable(): boolean {
    return this.kind === 'rate-limited' || this.kind === 'transient' || this.kind === 'auth-expired';
  }
}

/** Narrows an unknown error to a ConnectorError, optionally of one kind. */
export function isConnectorError(error: unknown, kind?: ConnectorErrorKind): error is ConnectorError {
  return error instanceof ConnectorError && (kind === undefined || error.kind === kind);
}

/**
 * Milliseconds to wait from X's `x-rate-limit-reset` header (unix seconds), since X gives no Retry-After.
 *
 * @example
 * retryAfterFromResetHeader('1767225600', Date.parse('2026-01-01T00:00:00Z') - 30_000) // 30000
 */
export function retryAfterFromResetHeader(resetUnixSeconds: string | number, nowMs: number): number {
  const reset = Number(resetUnixSeconds) * 1000;
  return Number.isFinite(reset) ? Math.max(0, reset - nowMs) : 0;
}
