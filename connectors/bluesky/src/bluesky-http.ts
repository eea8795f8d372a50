// XRPC over HTTP to a PDS: error bodies `{ error, message }` become ConnectorErrors, and the
// `ratelimit-*` headers (reset in unix seconds) are remembered per account.
import { createHash } from 'node:crypto';
import { ConnectorError, type OutboundHttp, type RateLimitState, retryAfterFromResetHeader } from '@diplodesk/connector-sdk';

/** Whether a failed call may already have changed the repository. */
export type Effect = 'read' | 'write';

export interface XrpcCall {
  method?: 'GET' | 'POST';
  token?: string;
  query?: Record<string, string>;
  json?: unknown;
  body?: Uint8Array;
  contentType?: string;
  effect?: Effect;
}

/** A non-2xx XRPC answer, already read. */
export interface XrpcFailure {
  status: number;
  error: string;
  message: string;
}

export interface BlueskyHttp {
  /** Resolves to the JSON body, or to an `XrpcFailure` for a non-2xx answer; network trouble throws. */
  call<T>(pdsUrl: string, nsid: string, init: XrpcCall): Promise<{ ok: true; data: T } | { ok: false; failure: XrpcFailure }>;
  rateState(pdsUrl: string, did: string): RateLimitState | null;
}

const accountKey = (pdsUrl: string, did: string) => createHash('sha256').update(`${pdsUrl}\n${did}`).digest('hex');

function networkError(error: unknown, effect: Effect): ConnectorError {
  // The outbound guard's neutral error already says whether a write may have arrived.
  if (error instanceof ConnectorError) return effect === 'read' && error.kind === 'unknown-outcome' ? new ConnectorError('transient', error.message, { platformCode: error.platformCode }) : error;
  const code = (error as { cause?: { code?: string } })?.cause?.code;
  if (effect === 'read' || code === 'ECONNREFUSED' || code === 'ENOTFOUND') {
    return new ConnectorError('transient', `Bluesky PDS unreachable (${code ?? 'network error'})`, { cause: error });
  }
  const timedOut = error instanceof DOMException && error.name === 'TimeoutError';
  return new ConnectorError('unknown-outcome', `Bluesky PDS ${timedOut ? 'did not answer in time' : 'connection failed'} after the request was sent`, {
    cause: error,
    platformCode: code ?? (timedOut ? 'timeout' : 'network'),
  });
}

/** Maps an XRPC failure to the error kind the publishing job acts on. */
export function failureToError(failure: XrpcFailure, effect: Effect, state: RateLimitState | null): ConnectorError {
  const { status, error, message } = failure;
  const text = `Bluesky ${error}: ${message}`;
  if (error === 'ExpiredToken' || error === 'InvalidToken' || status === 401) return new ConnectorError('auth-expired', text, { platformCode: error });
  if (status === 429) {
    const retryAfterMs = state?.resetAt ? Math.max(1000, retryAfterFromResetHeader(state.resetAt / 1000, Date.now())) : 60_000;
    return new ConnectorError('rate-limited', text, { platformCode: error, retryAfterMs });
  }
  if (status >= 500) return new ConnectorError(effect === 'write' ? 'unknown-outcome' : 'transient', text, { platformCode: error });
  return new ConnectorError('rejected', text, { platformCode: error });
}

export function createBlueskyHttp(outbound: OutboundHttp, timeoutMs: number): BlueskyHttp {
  const states = new Map<string, RateLimitState>();
  return {
    async call<T>(pdsUrl: string, nsid: string, init: XrpcCall) {
      const url = new URL(`/xrpc/${nsid}`, pdsUrl);
      for (const [k, v] of Object.entries(init.query ?? {})) url.searchParams.set(k, v);
      const headers: Record<string, string> = { accept: 'application/json' };
      if (init.token) headers.authorization = `Bearer ${init.token}`;
      let body: BodyInit | undefined;
      if (init.json !== undefined) {
        headers['content-type'] = 'application/json';
        body = JSON.stringify(init.json);
      } else if (init.body !== undefined) {
        headers['content-type'] = init.contentType ?? 'application/octet-stream';
        body = init.body as BodyInit;
      }
      let res: Response;
      try {
        // The app password and session tokens go to this PDS only: never over plain http to a public
        // host, and a redirect is an error rather than a way to carry them elsewhere.
        res = await outbound.fetch(url, { method: init.method ?? 'GET', headers, ...(body === undefined ? {} : { body }), redirect: 'error', secure: true, timeoutMs });
      } catch (error) {
        throw networkError(error, init.effect ?? 'read');
      }
      const limit = res.headers.get('ratelimit-limit');
      const did = init.token ? didOfJwt(init.token) : null;
      if (limit !== null && did) {
        const remaining = res.headers.get('ratelimit-remaining');
        const reset = Number(res.headers.get('ratelimit-reset'));
        states.set(accountKey(pdsUrl, did), { limit: Number(limit), remaining: remaining === null ? null : Number(remaining), resetAt: Number.isFinite(reset) && reset > 0 ? reset * 1000 : null });
      }
      if (res.ok) {
        try {
          return { ok: true as const, data: (await res.json()) as T };
        } catch (error) {
          // A body cut off after a write leaves the outcome unknown.
          throw new ConnectorError(init.effect === 'write' ? 'unknown-outcome' : 'transient', `Bluesky PDS sent an unreadable answer to ${nsid}`, { cause: error });
        }
      }
      let error = `HTTP${res.status}`;
      let message = res.statusText;
      try {
        const parsed = (await res.json()) as { error?: unknown; message?: unknown };
        if (typeof parsed.error === 'string') error = parsed.error;
        if (typeof parsed.message === 'string') message = parsed.message;
      } catch {
        // Not an XRPC error body (a proxy page); the status code speaks for itself.
      }
      return { ok: false as const, failure: { status: res.status, error, message } };
    },
    rateState: (pdsUrl, did) => states.get(accountKey(pdsUrl, did)) ?? null,
  };
}

function jwtPayload(jwt: string): { sub?: unknown; exp?: unknown } | null {
  const part = jwt.split('.')[1];
  if (!part) return null;
  try {
    return JSON.parse(Buffer.from(part, 'base64url').toString('utf8')) as { sub?: unknown; exp?: unknown };
  } catch {
    return null;
  }
}

/** The DID a session JWT was issued to (its `sub`), read without verifying: only to key local state. */
export function didOfJwt(jwt: string): string | null {
  const sub = jwtPayload(jwt)?.sub;
  return typeof sub === 'string' ? sub : null;
}

/** Expiry of a session JWT in epoch ms, so the server can refresh ahead of it. */
export function expiryOfJwt(jwt: string): number | undefined {
  const exp = jwtPayload(jwt)?.exp;
  return typeof exp === 'number' ? exp * 1000 : undefined;
}
