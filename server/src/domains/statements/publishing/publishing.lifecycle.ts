// The publication state machine, as pure decisions. The jobs do the I/O; everything they decide
// about what a state or an error means lives here, so it can be tested without a platform.
//
//   scheduled ──claim──▶ publishing ──▶ published ──withdraw──▶ withdrawing ──▶ withdrawn
//       ▲                   │  │  └──▶ failed (rejected, auth lost)
//       │ rate limit,       │  └──▶ unconfirmed ──check──▶ published | scheduled (not found twice)
//       └── transient ──────┘
import { ConnectorError, type ConnectorErrorKind, type RecentPost } from '@diplodesk/connector-sdk';
import type { PublicationState } from './publishing.tables.ts';

/**
 * Platforms whose API drops a repeated request with the same key (Mastodon's Idempotency-Key,
 * Bluesky's record key derived from it, YouTube's saved resumable-upload session): after an unknown
 * outcome the same call may be made again. Every other platform must be checked first.
 */
export const DUPLICATE_GUARDED_PLATFORMS: ReadonlySet<string> = new Set(['mastodon', 'bluesky', 'youtube']);

/** Platforms where the statement link goes in a reply to the post rather than in its text. */
export const LINK_IN_REPLY_PLATFORMS: ReadonlySet<string> = new Set(['x']);

export const hasDuplicateGuard = (platform: string) => DUPLICATE_GUARDED_PLATFORMS.has(platform);

/**
 * Platforms whose `findRecentPosts` lists the account's posts, so "not among them" means "not
 * posted". Telegram bots cannot read channel history (the connector returns nothing): an unknown
 * Telegram outcome is left to a person rather than risk a second post.
 */
export const RECENT_POSTS_AUTHORITATIVE: ReadonlySet<string> = new Set(['x', 'facebook', 'mastodon', 'bluesky', 'youtube']);

/** The post's text and, where the link goes in a reply, the reply's text. */
export function composePost(platform: string, text: string, linkUrl: string): { text: string; replyText: string | null } {
  const body = text.trim();
  if (LINK_IN_REPLY_PLATFORMS.has(platform)) return { text: body, replyText: linkUrl };
  if (body.includes(linkUrl)) return { text: body, replyText: null };
  return { text: body.length === 0 ? linkUrl : `${body}\n\n${linkUrl}`, replyText: null };
}

/** What a job does when it finds its effect's row in `state`. */
export type ClaimDecision =
  /** Nothing to do: the row moved on, or another job owns it now. */
  | { kind: 'skip'; reason: string }
  /** Make the call; `repeat` when an earlier attempt may already have landed (guarded platform). */
  | { kind: 'call'; repeat: boolean }
  /** An earlier attempt may have landed and the platform has no guard: check before anything else. */
  | { kind: 'unconfirmed' };

/**
 * `inFlight` is the state step 1 writes before a call (`publishing`, the reply's `posting`, …);
 * finding the row already in it under this same job means the run that wrote it died mid-call.
 */
export function decideClaim(input: { state: string; ownerJobId: string | null; jobId: string; ready: string; inFlight: string; guarded: boolean }): ClaimDecision {
  if (input.ownerJobId !== input.jobId) return { kind: 'skip', reason: 'another job owns this publication now' };
  if (input.state === input.ready) return { kind: 'call', repeat: false };
  if (input.state === input.inFlight) return input.guarded ? { kind: 'call', repeat: true } : { kind: 'unconfirmed' };
  return { kind: 'skip', reason: `publication is ${input.state}` };
}

export type FailureClass = { kind: ConnectorErrorKind; message: string; retryAfterMs: number | null; platformCode: string | null };

/**
 * Anything that is not a ConnectorError escaped a connector by mistake (or the call was aborted);
 * the request may have been sent, so it counts as an unknown outcome.
 */
export function classifyFailure(error: unknown): FailureClass {
  if (error instanceof ConnectorError) {
    return { kind: error.kind, message: error.message, retryAfterMs: error.retryAfterMs ?? null, platformCode: error.platformCode ?? null };
  }
  const message = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  return { kind: 'unknown-outcome', message, retryAfterMs: null, platformCode: null };
}

/** What follows a failed publish call. */
export type AfterFailure =
  | { next: 'retry'; state: 'scheduled'; delayMs: number }
  | { next: 'repeat'; state: 'publishing'; delayMs: number }
  | { next: 'reconcile'; state: 'unconfirmed'; delayMs: number }
  | { next: 'fail'; state: 'failed'; accountNeedsReconnect: boolean };

const MIN_RATE_LIMIT_WAIT_MS = 1000;

/** `auth-expired` arrives here only after the one refresh was tried (or was impossible). */
export function afterPublishFailure(failure: FailureClass, guarded: boolean, attempt: number, backoff: (attempt: number) => number): AfterFailure {
  switch (failure.kind) {
    case 'rate-limited':
      return { next: 'retry', state: 'scheduled', delayMs: Math.max(MIN_RATE_LIMIT_WAIT_MS, failure.retryAfterMs ?? backoff(attempt)) };
    case 'transient':
      return { next: 'retry', state: 'scheduled', delayMs: backoff(attempt) };
    case 'unknown-outcome':
      return guarded ? { next: 'repeat', state: 'publishing', delayMs: backoff(attempt) } : { next: 'reconcile', state: 'unconfirmed', delayMs: RECONCILE_FIRST_CHECK_MS };
    case 'auth-expired':
      return { next: 'fail', state: 'failed', accountNeedsReconnect: true };
    case 'rejected':
      return { next: 'fail', state: 'failed', accountNeedsReconnect: false };
  }
}

/** Wait before the first status check, so a post still being written is visible when we look. */
export const RECONCILE_FIRST_CHECK_MS = 1500;
/** "Not found" must be seen this many times, spaced, before the publication is retried. */
export const RECONCILE_NOT_FOUND_CHECKS = 2;
export const RECONCILE_RECHECK_MS = 2000;
/** After this many checks that could not answer, a person decides (resolve unconfirmed). */
export const RECONCILE_MAX_CHECKS = 6;
/** Clock skew allowed between DiploDesk and the platform when matching by time. */
export const RECONCILE_SKEW_MS = 5 * 60_000;

/** Compares post texts as platforms return them: whitespace collapsed, links (often shortened, e.g. t.co) reduced to a marker. */
export function normaliseForMatch(text: string): string {
  return text
    .normalize('NFC')
    .replace(/https?:\/\/\S+/g, '<link>')
    .replace(/\s+/g, ' ')
    .trim()
    .toLowerCase();
}

/**
 * Recent posts that may be the unconfirmed post or link reply: not already another publication's,
 * and — where the platform says what a post replies to — a reply to this publication's post for the
 * reply, a post that replies to nothing for the post. Link replies normalise alike (every link is
 * `<link>`), so without the parent id one statement's reply could be taken for another's.
 */
export function reconcileCandidates(posts: readonly RecentPost[], of: { target: 'post' | 'reply'; postRemoteId: string | null; known: ReadonlySet<string> }): RecentPost[] {
  return posts.filter((p) => !of.known.has(p.remoteId) && (p.inReplyTo === undefined || (of.target === 'reply' && p.inReplyTo === of.postRemoteId)));
}

/** The recent post that is our unconfirmed publication: same text, created after the attempt started (less skew). Oldest first. */
export function findMatchingPost(posts: readonly RecentPost[], text: string, attemptStartedAt: Date): RecentPost | null {
  const wanted = normaliseForMatch(text);
  const from = attemptStartedAt.getTime() - RECONCILE_SKEW_MS;
  const matches = posts
    .filter((p) => normaliseForMatch(p.text) === wanted && Date.parse(p.createdAt) >= from)
    .sort((a, b) => Date.parse(a.createdAt) - Date.parse(b.createdAt));
  return matches[0] ?? null;
}

export type ReconcileDecision =
  | { next: 'published'; remoteId: string; url: string }
  | { next: 'recheck'; delayMs: number; countsAsCheck: boolean }
  | { next: 'retry' }
  | { next: 'manual'; reason: string };

/** After one status check of an unconfirmed publication (`checksSoFar` excludes this one). */
export function decideReconcile(input: { found: RecentPost | null; failure: FailureClass | null; checksSoFar: number; authoritative: boolean }): ReconcileDecision {
  const checks = input.checksSoFar + 1;
  if (input.found) return { next: 'published', remoteId: input.found.remoteId, url: input.found.url };
  if (input.failure) {
    if (input.failure.kind === 'rate-limited') return { next: 'recheck', delayMs: Math.max(MIN_RATE_LIMIT_WAIT_MS, input.failure.retryAfterMs ?? RECONCILE_RECHECK_MS), countsAsCheck: false };
    if (input.failure.kind === 'rejected' || input.failure.kind === 'auth-expired' || checks >= RECONCILE_MAX_CHECKS) {
      return { next: 'manual', reason: `The platform could not be checked (${input.failure.message}). Look at the account and resolve this publication by hand.` };
    }
    return { next: 'recheck', delayMs: RECONCILE_RECHECK_MS * checks, countsAsCheck: true };
  }
  if (!input.authoritative) return { next: 'manual', reason: 'This platform cannot list recent posts, so DiploDesk cannot tell whether the post went out. Look at the channel and resolve it by hand.' };
  if (checks >= RECONCILE_NOT_FOUND_CHECKS) return { next: 'retry' };
  return { next: 'recheck', delayMs: RECONCILE_RECHECK_MS, countsAsCheck: true };
}

/** States a person may still cancel: nothing has been sent for them. */
export const CANCELLABLE_STATES: readonly PublicationState[] = ['scheduled'];
/** States that show on the calendar. */
export const CALENDAR_STATES: readonly PublicationState[] = ['scheduled', 'publishing', 'unconfirmed', 'published', 'failed'];

/** Backoff for publish retries: 2 s doubling to 5 min. */
export function publishBackoffMs(attempt: number): number {
  return Math.min(300_000, 2000 * 2 ** Math.max(0, attempt - 1));
}
