// One Graph API request, with Graph's error JSON and usage headers turned into what the
// publication job needs. Kept beside the channel because connectors share only the SDK.
import { ConnectorError, type OutboundHttp, type RateLimitState, type RequestEffect, sendRequest } from '@diplodesk/connector-sdk';

export type Effect = RequestEffect;

/** Graph's error body: `{ error: { message, type, code, error_subcode, fbtrace_id, is_transient } }`. */
export interface GraphErrorBody {
  error?: { message?: string; type?: string; code?: number; error_subcode?: number; fbtrace_id?: string; is_transient?: boolean };
}

// Throttling codes: 4 app, 17 user, 32 page (user + page), 613 call-rate, 80001 Pages business use case.
const THROTTLE_CODES = new Set([4, 17, 32, 613, 80001]);
/** Graph's "object does not exist / cannot be loaded" (code 100, subcode 33). */
export const GRAPH_NOT_FOUND_SUBCODE = 33;

type Usage = { call_count?: number; total_time?: number; total_cputime?: number; estimated_time_to_regain_access?: number };

/**
 * Budget from `X-Business-Use-Case-Usage` (Pages calls with a Page token) or else `X-App-Usage`.
 * Both give percentages of the allowance used; the BUC header also says how many minutes until
 * calls are allowed again.
 */
export function usageFromHeaders(headers: Headers, now = Date.now()): RateLimitState | null {
  let usage: Usage | undefined;
  const buc = headers.get('x-business-use-case-usage');
  if (buc) {
    try {
      const parsed = JSON.parse(buc) as Record<string, Usage[]>;
      const all = Object.values(parsed).flat();
      usage = all.reduce<Usage | undefined>((worst, u) => (!worst || percent(u) > percent(worst) ? u : worst), undefined);
    } catch {
      usage = undefined;
    }
  }
  const app = headers.get('x-app-usage');
  if (!usage && app) {
    try {
      usage = JSON.parse(app) as Usage;
    } catch {
      usage = undefined;
    }
  }
  if (!usage) return null;
  const wait = usage.estimated_time_to_regain_access ?? 0;
  return { limit: 100, remaining: Math.max(0, 100 - percent(usage)), resetAt: wait > 0 ? now + wait * 60_000 : null };
}

function percent(u: Usage): number {
  return Math.max(u.call_count ?? 0, u.total_time ?? 0, u.total_cputime ?? 0);
}

/** Sends a request with a timeout; network failures map to `transient` or `unknown-outcome` (see `sendRequest`). */
export function sendGraph(outbound: OutboundHttp, url: string, init: RequestInit, effect: Effect, timeoutMs: number): Promise<Response> {
  return sendRequest(outbound, 'Graph', url, init, effect, timeoutMs);
}

/** Maps a Graph error answer to a ConnectorError. */
export function graphError(status: number, body: GraphErrorBody, effect: Effect, usage: RateLimitState | null, now = Date.now()): ConnectorError {
  const e = body.error ?? {};
  const code = e.code ?? 0;
  const platformCode = e.error_subcode ? `${code}/${e.error_subcode}` : String(code || status);
  // Graph messages name the object and the problem, never the token; fbtrace_id is for Meta support.
  const message = `Facebook answered ${status} (code ${platformCode}${e.fbtrace_id ? `, trace ${e.fbtrace_id}` : ''}): ${e.message ?? 'no message'}`;
  if (code === 190 || code === 102 || status === 401) return new ConnectorError('auth-expired', message, { platformCode });
  if (THROTTLE_CODES.has(code) || status === 429) {
    const fromUsage = usage?.resetAt ? usage.resetAt - now : 0;
    // Without a BUC estimate, Graph's app-level window is a rolling hour; a few minutes is a fair first wait.
    return new ConnectorError('rate-limited', message, { platformCode, retryAfterMs: fromUsage > 0 ? fromUsage : 5 * 60_000 });
  }
  if (code === 506) return new ConnectorError('rejected', message, { platformCode: 'duplicate-post' });
  if (status >= 500 || code === 1 || code === 2 || e.is_transient) {
    // Graph has no idempotency key: a failed write may still have created the post.
    return new ConnectorError(effect === 'write' ? 'unknown-outcome' : 'transient', message, { platformCode });
  }
  return new ConnectorError('rejected', message, { platformCode });
}
