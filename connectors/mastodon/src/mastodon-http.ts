// HTTP to one Mastodon instance: network failures and error answers become ConnectorErrors, and
// the X-RateLimit-* headers of every answer are remembered per account for `rateLimitState`.
import { createHash } from 'node:crypto';
import { ConnectorError, type OutboundHttp, type RateLimitState } from '@diplodesk/connector-sdk';

/** Whether a failed request may already have changed something on the instance. */
export type Effect = 'read' | 'write';

export interface MastodonHttp {
  request(instanceUrl: string, token: string, path: string, init: { method?: string; body?: BodyInit; headers?: Record<string, string>; effect?: Effect }): Promise<Response>;
  rateState(instanceUrl: string, token: string): RateLimitState | null;
}

// Keyed by a hash so the map never holds a usable token.
const accountKey = (instanceUrl: string, token: string) => createHash('sha256').update(`${instanceUrl}\n${token}`).digest('hex');

function networkError(error: unknown, effect: Effect): ConnectorError {
  // The outbound guard's neutral error already says whether a write may have arrived.
  if (error instanceof ConnectorError) return effect === 'read' && error.kind === 'unknown-outcome' ? new ConnectorError('transient', error.message, { platformCode: error.platformCode }) : error;
  const code = (error as { cause?: { code?: string } })?.cause?.code;
  // A refused connection never carried the request; anything later (reset, timeout) may have.
  if (effect === 'read' || code === 'ECONNREFUSED' || code === 'ENOTFOUND') {
    return new ConnectorError('transient', `Mastodon instance unreachable (${code ?? 'network error'})`, { cause: error });
  }
  const timedOut = error instanceof DOMException && error.name === 'TimeoutError';
  return new ConnectorError('unknown-outcome', `Mastodon ${timedOut ? 'did not answer in time' : 'connection failed'} after the request was sent`, { cause: error, platformCode: code ?? (timedOut ? 'timeout' : 'network') });
}

async function errorMessage(res: Response): Promise<string> {
  try {
    const body = (await res.json()) as { error?: string };
    return typeof body.error === 'string' ? body.error : `HTTP ${res.status}`;
  } catch {
    return `HTTP ${res.status}`;
  }
}

/** Reads a 2xx body; a body cut off or garbled after a write leaves the outcome unknown. */
export async function readJson<T>(res: Response, effect: Effect): Promise<T> {
  try {
    return (await res.json()) as T;
  } catch (error) {
    throw new ConnectorError(effect === 'write' ? 'unknown-outcome' : 'transient', `Mastodon sent an unreadable answer (HTTP ${res.status})`, { cause: error });
  }
}

/** Turns a non-2xx answer into the ConnectorError the publishing job understands. */
export async function toConnectorError(res: Response, effect: Effect): Promise<ConnectorError> {
  const message = await errorMessage(res);
  const platformCode = String(res.status);
  if (res.status === 401) return new ConnectorError('auth-expired', `Mastodon refused the access token: ${message}`, { platformCode });
  if (res.status === 429) {
    const reset = Date.parse(res.headers.get('x-ratelimit-reset') ?? '');
    const retryAfterMs = Number.isFinite(reset) ? Math.max(1000, reset - Date.now()) : 60_000;
    return new ConnectorError('rate-limited', `Mastodon rate limit reached: ${message}`, { platformCode, retryAfterMs });
  }
  if (res.status >= 500) {
    // A 5xx to a write may come from a proxy that gave up while the instance went on to commit.
    return new ConnectorError(effect === 'write' ? 'unknown-outcome' : 'transient', `Mastodon server error: ${message}`, { platformCode });
  }
  return new ConnectorError('rejected', `Mastodon refused the request: ${message}`, { platformCode });
}

export function createMastodonHttp(outbound: OutboundHttp, timeoutMs: number): MastodonHttp {
  const states = new Map<string, RateLimitState>();
  return {
    async request(instanceUrl, token, path, init) {
      const effect = init.effect ?? 'read';
      let res: Response;
      try {
        // The token goes to this instance only: never over plain http to a public host, and a redirect
        // is an error (the guard follows none for a request with credentials).
        res = await outbound.fetch(new URL(path, instanceUrl), {
          method: init.method ?? 'GET',
          headers: { authorization: `Bearer ${token}`, accept: 'application/json', ...init.headers },
          ...(init.body === undefined ? {} : { body: init.body }),
          redirect: 'error',
          secure: true,
          timeoutMs,
        });
      } catch (error) {
        throw networkError(error, effect);
      }
      const limit = res.headers.get('x-ratelimit-limit');
      if (limit !== null) {
        const remaining = res.headers.get('x-ratelimit-remaining');
        const reset = Date.parse(res.headers.get('x-ratelimit-reset') ?? '');
        states.set(accountKey(instanceUrl, token), {
          limit: Number(limit),
          remaining: remaining === null ? null : Number(remaining),
          resetAt: Number.isFinite(reset) ? reset : null,
        });
      }
      return res;
    },
    rateState: (instanceUrl, token) => states.get(accountKey(instanceUrl, token)) ?? null,
  };
}

/** Mastodon `content` is HTML; statuses are matched on their plain text. */
export function htmlToText(html: string): string {
  return html
    .replace(/<br\s*\/?>/gi, '\n')
    .replace(/<\/p>\s*<p>/gi, '\n\n')
    .replace(/<[^>]+>/g, '')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&');
}
