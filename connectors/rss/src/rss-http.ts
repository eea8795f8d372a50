// One document fetch (a feed, an article page, a robots.txt): conditional GET, redirects followed by
// hand (to count them, notice permanent moves and let the caller vet every hop), decompression by
// fetch itself (gzip, deflate, br), a byte cap enforced while streaming (so a gzip bomb stops at the
// cap instead of filling memory) and one deadline for the whole exchange. Every hop goes through the
// server's outbound guard, which checks the address it connects to; this file refuses a move from
// https to http, which the guard cannot see across hops.
import { ConnectorError, type OutboundHttp, unreachableError } from '@diplodesk/connector-sdk';

export const MAX_REDIRECTS = 5;

export const FEED_ACCEPT = 'application/atom+xml, application/rss+xml, application/rdf+xml;q=0.9, application/xml;q=0.8, text/xml;q=0.8, */*;q=0.5';

export interface FetchDocumentOptions {
  url: string;
  /** The Accept header (default {@link FEED_ACCEPT}). */
  accept?: string;
  /** What the document is, for error messages (default `feed`). */
  subject?: string;
  etag?: string | undefined;
  lastModified?: string | undefined;
  timeoutMs: number;
  maxBytes: number;
  userAgent: string;
  outbound: OutboundHttp;
  /**
   * Asked before each request, the first and every redirect target: a reason to refuse the URL, or
   * null. A refusal throws `rejected` with platformCode `refused`.
   */
  vetUrl?: (url: URL) => Promise<string | null>;
  /** Whether to read a body of this Content-Type; otherwise `rejected` with platformCode `content-type`. */
  acceptsContentType?: (contentType: string | null) => boolean;
}

export type FeedResponse =
  | { status: 'not-modified'; finalUrl: string; permanentRedirect?: string; etag?: string; lastModified?: string }
  | { status: 'ok'; finalUrl: string; permanentRedirect?: string; body: Uint8Array; contentType: string | null; etag?: string; lastModified?: string };

const PERMANENT = new Set([301, 308]);
const REDIRECT = new Set([301, 302, 303, 307, 308]);

function validators(headers: Headers): { etag?: string; lastModified?: string } {
  const etag = headers.get('etag');
  const lastModified = headers.get('last-modified');
  return { ...(etag ? { etag } : {}), ...(lastModified ? { lastModified } : {}) };
}

/**
 * GETs a document (a feed unless `accept` says otherwise), following up to {@link MAX_REDIRECTS} redirects. `permanentRedirect` is the last
 * URL reached through permanent redirects only (301/308), i.e. the address the source should now use.
 * Throws `ConnectorError`: `transient` for timeouts, network errors and 5xx; `rate-limited` for 429/503
 * with Retry-After; `rejected` for other 4xx, too many redirects, or a body over the cap.
 */
export async function fetchDocument(options: FetchDocumentOptions): Promise<FeedResponse> {
  const subject = options.subject ?? 'feed';
  // One deadline for every hop and the body; the guard enforces it, so a silent port fails with the
  // same neutral error as a refused address.
  const deadline = Date.now() + options.timeoutMs;
  let url = options.url;
  let permanentRedirect: string | undefined;
  let onlyPermanent = true;
  try {
    for (let hop = 0; ; hop += 1) {
      const refusal = (await options.vetUrl?.(new URL(url))) ?? null;
      if (refusal !== null) throw new ConnectorError('rejected', `${subject} ${url} not fetched: ${refusal}`, { platformCode: 'refused' });
      const headers: Record<string, string> = {
        accept: options.accept ?? FEED_ACCEPT,
        'accept-encoding': 'gzip, deflate, br',
        'user-agent': options.userAgent,
      };
      if (options.etag) headers['if-none-match'] = options.etag;
      if (options.lastModified) headers['if-modified-since'] = options.lastModified;
      const response = await options.outbound.fetch(url, { headers, redirect: 'manual', timeoutMs: Math.max(1, deadline - Date.now()), maxBytes: Number.POSITIVE_INFINITY });
      if (REDIRECT.has(response.status)) {
        await response.body?.cancel();
        const location = response.headers.get('location');
        if (!location) throw new ConnectorError('rejected', `HTTP ${response.status} without a Location header from ${url}`, { platformCode: `http-${response.status}` });
        if (hop + 1 > MAX_REDIRECTS) throw new ConnectorError('rejected', `more than ${MAX_REDIRECTS} redirects from ${options.url}`, { platformCode: 'too-many-redirects' });
        const next = new URL(location, url);
        if (next.protocol === 'http:' && new URL(url).protocol === 'https:') throw new ConnectorError('rejected', `${subject} ${options.url} redirects from https to http`, { platformCode: 'refused' });
        url = next.href;
        onlyPermanent &&= PERMANENT.has(response.status);
        if (onlyPermanent) permanentRedirect = url;
        continue;
      }
      const extra = { ...validators(response.headers), ...(permanentRedirect ? { permanentRedirect } : {}) };
      if (response.status === 304) {
        await response.body?.cancel();
        return { status: 'not-modified', finalUrl: url, ...extra };
      }
      if (!response.ok) {
        await response.body?.cancel();
        throw statusError(response, url, subject);
      }
      const contentType = response.headers.get('content-type');
      if (options.acceptsContentType && !options.acceptsContentType(contentType)) {
        await response.body?.cancel();
        throw new ConnectorError('rejected', `${subject} ${url} is ${contentType ?? 'of no declared type'}`, { platformCode: 'content-type' });
      }
      const body = await readCapped(response, options.maxBytes, subject);
      return { status: 'ok', finalUrl: url, body, contentType, ...extra };
    }
  } catch (error) {
    if (error instanceof ConnectorError) throw error;
    // Whatever else failed (a reset, a body cut off), the user learns only that it failed.
    throw unreachableError();
  }
}

function statusError(response: Response, url: string, subject: string): ConnectorError {
  const status = response.status;
  const retryAfter = parseRetryAfter(response.headers.get('retry-after'));
  if (status === 429 || (status === 503 && retryAfter !== undefined)) {
    return new ConnectorError('rate-limited', `${subject} ${url} answered HTTP ${status}`, { platformCode: `http-${status}`, retryAfterMs: retryAfter ?? 60_000 });
  }
  // Reading a feed changes nothing, so a 5xx is safe to retry later.
  if (status >= 500) return new ConnectorError('transient', `${subject} ${url} answered HTTP ${status}`, { platformCode: `http-${status}` });
  return new ConnectorError('rejected', `${subject} ${url} answered HTTP ${status}`, { platformCode: `http-${status}` });
}

function parseRetryAfter(value: string | null): number | undefined {
  if (value === null) return undefined;
  if (/^\d+$/.test(value.trim())) return Number(value) * 1000;
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, at - Date.now());
}

async function readCapped(response: Response, maxBytes: number, subject: string): Promise<Uint8Array> {
  const declared = Number(response.headers.get('content-length'));
  // Content-Length is the compressed size when encoded; still a cheap early refusal when it alone exceeds the cap.
  if (Number.isFinite(declared) && declared > maxBytes) {
    await response.body?.cancel();
    throw tooLarge(maxBytes, subject);
  }
  if (!response.body) return new Uint8Array();
  const chunks: Uint8Array[] = [];
  let total = 0;
  const reader = response.body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      await reader.cancel();
      throw tooLarge(maxBytes, subject);
    }
    chunks.push(value);
  }
  const out = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    out.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return out;
}

function tooLarge(maxBytes: number, subject: string): ConnectorError {
  return new ConnectorError('rejected', `${subject} is larger than ${maxBytes} bytes`, { platformCode: 'too-large' });
}
