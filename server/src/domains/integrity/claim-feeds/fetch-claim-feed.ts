// One fetch of a claim feed, through the outbound guard (private and reserved addresses refused,
// the resolved address pinned, every redirect hop checked again), with a conditional GET, a byte
// cap enforced while the body streams, one deadline and a Content-Type check before the body is
// read. Failures come back as values with a code the screen can word: a poll never throws.
import type { ClaimFeedErrorCode } from '@diplodesk/contracts';
import type { Outbound } from '../../../platform/outbound/index.ts';
import { feedKindOf } from './read-claim-feed.ts';

/** A fact-checker's page or feed is small; 8 MiB is far above any seen and well below memory trouble. */
export const CLAIM_FEED_MAX_BYTES = 8 * 1024 * 1024;
export const CLAIM_FEED_TIMEOUT_MS = 20_000;
const ACCEPT = 'application/ld+json, application/json;q=0.9, text/html;q=0.8, application/xhtml+xml;q=0.8, */*;q=0.1';
const USER_AGENT = 'DiploDesk claim-feed poller (+https://github.com/diplodesk)';

export type FeedFetchOptions = { outbound: Pick<Outbound, 'fetch'>; maxBytes?: number; timeoutMs?: number; signal?: AbortSignal };

export type FeedFetch =
  | { status: 'not-modified'; etag: string | null; lastModified: string | null }
  | { status: 'ok'; text: string; contentType: string | null; etag: string | null; lastModified: string | null }
  | { status: 'failed'; code: ClaimFeedErrorCode; detail: string | null; retryAfterMs: number | null };

/** Retry-After as milliseconds (seconds or an HTTP date); null when absent or unreadable. */
export function retryAfterMs(value: string | null, now = Date.now()): number | null {
  if (value === null) return null;
  if (/^\s*\d+\s*$/.test(value)) return Number(value) * 1000;
  const at = Date.parse(value);
  return Number.isNaN(at) ? null : Math.max(0, at - now);
}

const platformCodeOf = (error: unknown): string | null => {
  const code = (error as { platformCode?: unknown } | null)?.platformCode;
  return typeof code === 'string' ? code : null;
};

const failed = (code: ClaimFeedErrorCode, detail: string | null = null, retry: number | null = null): FeedFetch => ({ status: 'failed', code, detail, retryAfterMs: retry });

/** GETs the feed with its validators; reads the body only when it is JSON or HTML and within the cap. */
export async function fetchClaimFeed(url: string, validators: { etag: string | null; lastModified: string | null }, opts: FeedFetchOptions): Promise<FeedFetch> {
  const maxBytes = opts.maxBytes ?? CLAIM_FEED_MAX_BYTES;
  const headers: Record<string, string> = { accept: ACCEPT, 'user-agent': USER_AGENT };
  if (validators.etag) headers['if-none-match'] = validators.etag;
  if (validators.lastModified) headers['if-modified-since'] = validators.lastModified;
  let response: Response;
  try {
    response = await opts.outbound.fetch(url, { headers, timeoutMs: opts.timeoutMs ?? CLAIM_FEED_TIMEOUT_MS, maxBytes, ...(opts.signal ? { signal: opts.signal } : {}) });
  } catch (error) {
    // The guard's message is deliberately neutral (a refused address reads like a silent one).
    const code = platformCodeOf(error);
    return failed('unreachable', code === 'host-not-allowed' || code === 'plain-http' ? code : null);
  }
  const etag = response.headers.get('etag');
  const lastModified = response.headers.get('last-modified');
  if (response.status === 304) return { status: 'not-modified', etag, lastModified };
  if (!response.ok) {
    await response.body?.cancel();
    const retry = retryAfterMs(response.headers.get('retry-after'));
    if (response.status === 429 || (response.status === 503 && retry !== null)) return failed('rate-limited', `HTTP ${response.status}`, retry);
    return failed('http-status', `HTTP ${response.status}`);
  }
  const contentType = response.headers.get('content-type');
  const declared = Number(response.headers.get('content-length'));
  if (Number.isFinite(declared) && declared > maxBytes) {
    await response.body?.cancel();
    return failed('too-large', String(maxBytes));
  }
  // A declared type that is neither JSON nor HTML is refused before its body is read.
  if (contentType && feedKindOf(contentType, '{') === null) {
    await response.body?.cancel();
    return failed('content-type', contentType.split(';')[0]?.trim() ?? null);
  }
  try {
    const text = new TextDecoder('utf-8').decode(await response.arrayBuffer());
    return { status: 'ok', text, contentType, etag, lastModified };
  } catch (error) {
    if (platformCodeOf(error) === 'too-large' || platformCodeOf((error as { cause?: unknown })?.cause) === 'too-large') return failed('too-large', String(maxBytes));
    return failed('unreachable');
  }
}
