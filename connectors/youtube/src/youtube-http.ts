// HTTP to Google: network failures and `{ error: { code, message, errors: [{ reason }] } }` bodies
// become ConnectorErrors. Google sends no budget headers, so the rate state is what the last
// quota or rate refusal said.
import { createHash } from 'node:crypto';
import { ConnectorError, type OutboundHttp, type RateLimitState } from '@diplodesk/connector-sdk';

/** Whether a failed request may already have created something. */
export type Effect = 'read' | 'write';

const QUOTA_REASONS = new Set(['quotaExceeded', 'dailyLimitExceeded']);
const RATE_REASONS = new Set(['rateLimitExceeded', 'userRateLimitExceeded', 'uploadRateLimitExceeded']);

/** Milliseconds until the next midnight in America/Los_Angeles, when YouTube quotas reset. */
export function msUntilPacificMidnight(now = new Date()): number {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-US', { timeZone: 'America/Los_Angeles', hour12: false, hour: '2-digit', minute: '2-digit', second: '2-digit' })
      .formatToParts(now)
      .map((p) => [p.type, Number(p.value)]),
  ) as { hour: number; minute: number; second: number };
  const elapsed = ((parts.hour % 24) * 3600 + parts.minute * 60 + parts.second) * 1000 + now.getMilliseconds();
  return Math.max(1000, 24 * 3600 * 1000 - elapsed);
}

export function networkError(error: unknown, effect: Effect): ConnectorError {
  const code = (error as { cause?: { code?: string } })?.cause?.code;
  if (error instanceof ConnectorError) return error;
  if (effect === 'read' || code === 'ECONNREFUSED' || code === 'ENOTFOUND') {
    return new ConnectorError('transient', `Google API unreachable (${code ?? 'network error'})`, { cause: error });
  }
  const timedOut = error instanceof DOMException && error.name === 'TimeoutError';
  return new ConnectorError('unknown-outcome', `YouTube ${timedOut ? 'did not answer in time' : 'connection failed'} while the upload was in flight`, {
    cause: error,
    platformCode: code ?? (timedOut ? 'timeout' : 'network'),
  });
}

/** Reads a 2xx body; a body cut off or garbled after a write leaves the outcome unknown. */
export async function readJson<T>(res: Response, effect: Effect): Promise<T> {
  try {
    return (await res.json()) as T;
  } catch (error) {
    throw new ConnectorError(effect === 'write' ? 'unknown-outcome' : 'transient', `Google sent an unreadable answer (HTTP ${res.status})`, { cause: error });
  }
}

export interface GoogleHttp {
  readonly timeoutMs: number;
  fetch(url: string | URL, init: RequestInit & { effect?: Effect; timeoutMs?: number }): Promise<Response>;
  /** Throws the ConnectorError for a non-2xx answer (and records a rate refusal against `account`). */
  fail(res: Response, effect: Effect, account: string): Promise<never>;
  rateState(account: string): RateLimitState | null;
}

// Hashed, so the map never holds a usable token when the key falls back to one.
const accountKey = (account: string) => createHash('sha256').update(account).digest('hex');

export function createGoogleHttp(outbound: OutboundHttp, timeoutMs: number): GoogleHttp {
  const states = new Map<string, RateLimitState>();
  return {
    timeoutMs,
    async fetch(url, init) {
      try {
        const { effect: _effect, timeoutMs: own, ...rest } = init;
        // Every Google call carries a token (or a client secret): https only, and no redirect is
        // followed (`manual` returns it; an upload's "308 Resume Incomplete" is no redirect at all).
        return await outbound.fetch(url, { ...rest, redirect: 'manual', secure: true, timeoutMs: own ?? timeoutMs });
      } catch (error) {
        throw networkError(error, init.effect ?? 'read');
      }
    },
    async fail(res, effect, account) {
      let message = `HTTP ${res.status}`;
      let reason = String(res.status);
      try {
        const body = (await res.json()) as { error?: { message?: string; errors?: { reason?: string }[] } | string; error_description?: string };
        if (typeof body.error === 'object') {
          message = body.error.message ?? message;
          reason = body.error.errors?.[0]?.reason ?? reason;
        } else if (typeof body.error === 'string') {
          reason = body.error;
          message = body.error_description ?? body.error;
        }
      } catch {
        // Not JSON (a proxy page): the status code decides.
      }
      const text = `YouTube ${reason}: ${message}`;
      if (res.status === 401) throw new ConnectorError('auth-expired', text, { platformCode: reason });
      if (res.status === 429 || QUOTA_REASONS.has(reason) || RATE_REASONS.has(reason)) {
        const retryAfter = Number(res.headers.get('retry-after'));
        const retryAfterMs = Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter * 1000 : QUOTA_REASONS.has(reason) ? msUntilPacificMidnight() : 60_000;
        states.set(accountKey(account), { remaining: 0, limit: null, resetAt: Date.now() + retryAfterMs });
        throw new ConnectorError('rate-limited', text, { platformCode: reason, retryAfterMs });
      }
      if (res.status >= 500) throw new ConnectorError(effect === 'write' ? 'unknown-outcome' : 'transient', text, { platformCode: reason });
      throw new ConnectorError('rejected', text, { platformCode: reason });
    },
    rateState: (account) => states.get(accountKey(account)) ?? null,
  };
}
