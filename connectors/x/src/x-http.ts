// One request to the X API, with failures turned into ConnectorErrors. Kept beside the channel
// because connectors share only the SDK.
import { ConnectorError, type OutboundHttp, type RateLimitState, retryAfterFromResetHeader, type RequestEffect, sendRequest } from '@diplodesk/connector-sdk';

/** Whether the request changes something on X: decides between `transient` and `unknown-outcome`. */
export type Effect = RequestEffect;

/** Reads X's rate-limit headers; null when X sent none (it omits them on some tiers). */
export function rateLimitFromHeaders(headers: Headers): RateLimitState | null {
  const limit = headers.get('x-rate-limit-limit');
  const remaining = headers.get('x-rate-limit-remaining');
  const reset = headers.get('x-rate-limit-reset');
  if (limit === null && remaining === null && reset === null) return null;
  const num = (v: string | null) => (v === null || !Number.isFinite(Number(v)) ? null : Number(v));
  const resetSeconds = num(reset);
  return { limit: num(limit), remaining: num(remaining), resetAt: resetSeconds === null ? null : resetSeconds * 1000 };
}

/** Sends a request with a timeout; network failures map to `transient` or `unknown-outcome` (see `sendRequest`). */
export function sendX(outbound: OutboundHttp, url: string, init: RequestInit, effect: Effect, timeoutMs: number): Promise<Response> {
  return sendRequest(outbound, 'X', url, init, effect, timeoutMs);
}

/** Body of an X v2 problem answer (`{ title, detail, type, status }`), or of an OAuth error. */
interface XProblem {
  title?: string;
  detail?: string;
  type?: string;
  error?: string;
  error_description?: string;
  errors?: { message?: string; detail?: string }[];
}

/** Turns a non-2xx X answer into the ConnectorError the publication job acts on. */
export async function xError(response: Response, effect: Effect, now = Date.now()): Promise<ConnectorError> {
  const problem = (await response.json().catch(() => ({}))) as XProblem;
  const detail = problem.detail ?? problem.error_description ?? problem.errors?.[0]?.detail ?? problem.errors?.[0]?.message ?? problem.title ?? response.statusText;
  const status = response.status;
  const message = `X answered ${status}: ${detail}`;
  if (status === 401) return new ConnectorError('auth-expired', message, { platformCode: '401' });
  if (status === 429) {
    // X sends no Retry-After; the window end is in x-rate-limit-reset. Without it, wait a minute.
    const reset = response.headers.get('x-rate-limit-reset');
    const retryAfterMs = reset === null ? 60_000 : Math.max(1000, retryAfterFromResetHeader(reset, now));
    return new ConnectorError('rate-limited', message, { retryAfterMs, platformCode: '429' });
  }
  if (status === 400 && problem.error === 'invalid_grant') return new ConnectorError('auth-expired', message, { platformCode: 'invalid_grant' });
  if (status === 403 && /duplicate/i.test(detail)) return new ConnectorError('rejected', message, { platformCode: 'duplicate-content' });
  if (status >= 500) {
    // X has no idempotency key and a gateway 5xx can come after the post was stored, so only a
    // read may be retried blindly.
    return new ConnectorError(effect === 'write' ? 'unknown-outcome' : 'transient', message, { platformCode: String(status) });
  }
  return new ConnectorError('rejected', message, { platformCode: String(status) });
}
