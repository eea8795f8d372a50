import { ConnectorError, type RecentPost } from '@diplodesk/connector-sdk';
import { describe, expect, it } from 'vitest';
import {
  afterPublishFailure,
  classifyFailure,
  composePost,
  decideClaim,
  decideReconcile,
  findMatchingPost,
  RECONCILE_MAX_CHECKS,
  RECONCILE_SKEW_MS,
  reconcileCandidates,
} from './publishing.lifecycle.ts';

const backoff = (n: number) => n * 1000;
const claim = (state: string, owner: string | null, guarded: boolean) => decideClaim({ state, ownerJobId: owner, jobId: 'j1', ready: 'scheduled', inFlight: 'publishing', guarded });

describe('decideClaim', () => {
  it('calls for a scheduled row owned by this job', () => {
    expect(claim('scheduled', 'j1', false)).toEqual({ kind: 'call', repeat: false });
  });
  it('treats its own in-flight row as a crash: repeat only with a duplicate guard, else check first', () => {
    expect(claim('publishing', 'j1', true)).toEqual({ kind: 'call', repeat: true });
    expect(claim('publishing', 'j1', false)).toEqual({ kind: 'unconfirmed' });
  });
  it('does nothing for a row another job owns or one that moved on', () => {
    expect(claim('scheduled', 'j2', false).kind).toBe('skip');
    expect(claim('publishing', null, true).kind).toBe('skip');
    expect(claim('published', 'j1', false).kind).toBe('skip');
    expect(claim('cancelled', 'j1', false).kind).toBe('skip');
  });
});

describe('afterPublishFailure', () => {
  const f = (kind: ConnectorError['kind'], retryAfterMs?: number) => classifyFailure(new ConnectorError(kind, 'x', retryAfterMs === undefined ? {} : { retryAfterMs }));
  it('waits for the platform’s reset on a rate limit', () => {
    expect(afterPublishFailure(f('rate-limited', 42_000), false, 1, backoff)).toEqual({ next: 'retry', state: 'scheduled', delayMs: 42_000 });
  });
  it('never retries an unknown outcome blindly without a guard', () => {
    expect(afterPublishFailure(f('unknown-outcome'), false, 1, backoff).next).toBe('reconcile');
    expect(afterPublishFailure(f('unknown-outcome'), true, 1, backoff).next).toBe('repeat');
  });
  it('fails on rejection and on a dead login (asking for a reconnect)', () => {
    expect(afterPublishFailure(f('rejected'), true, 1, backoff)).toEqual({ next: 'fail', state: 'failed', accountNeedsReconnect: false });
    expect(afterPublishFailure(f('auth-expired'), true, 1, backoff)).toEqual({ next: 'fail', state: 'failed', accountNeedsReconnect: true });
  });
  it('retries a transient error with backoff', () => {
    expect(afterPublishFailure(f('transient'), false, 3, backoff)).toEqual({ next: 'retry', state: 'scheduled', delayMs: 3000 });
  });
  it('counts anything that is not a ConnectorError as an unknown outcome', () => {
    expect(classifyFailure(new TypeError('fetch failed')).kind).toBe('unknown-outcome');
  });
});

describe('composePost', () => {
  it('puts the link in a reply on X and in the text elsewhere', () => {
    expect(composePost('x', ' Hello ', 'https://n.test/1')).toEqual({ text: 'Hello', replyText: 'https://n.test/1' });
    expect(composePost('mastodon', 'Hello', 'https://n.test/1')).toEqual({ text: 'Hello\n\nhttps://n.test/1', replyText: null });
    expect(composePost('bluesky', 'See https://n.test/1', 'https://n.test/1').text).toBe('See https://n.test/1');
  });
});

describe('reconciliation', () => {
  const started = new Date('2026-05-17T10:00:00Z');
  const post = (text: string, at: string, id = '1'): RecentPost => ({ remoteId: id, url: `u/${id}`, text, createdAt: at });
  it('matches the text with links shortened and spacing changed, inside the time window', () => {
    const posts = [post('Joint  statement https://t.co/abc', '2026-05-17T10:00:02Z', '7')];
    expect(findMatchingPost(posts, 'Joint statement https://newsroom.test/s/1', started)?.remoteId).toBe('7');
  });
  it('ignores posts from before the attempt (beyond clock skew) and different texts', () => {
    const old = new Date(started.getTime() - RECONCILE_SKEW_MS - 1000).toISOString();
    expect(findMatchingPost([post('Joint statement', old), post('Other', '2026-05-17T10:00:01Z')], 'Joint statement', started)).toBeNull();
  });
  it("takes a link reply only when it answers this publication's post, where the platform says so", () => {
    const at = '2026-05-17T10:00:02Z';
    const posts: RecentPost[] = [
      { ...post('Statement one', at, 'p1') },
      { ...post('https://t.co/a', at, 'r2'), inReplyTo: 'p2' },
      { ...post('https://t.co/b', at, 'r1'), inReplyTo: 'p1' },
    ];
    const reply = reconcileCandidates(posts, { target: 'reply', postRemoteId: 'p1', known: new Set(['p1']) });
    expect(reply.map((p) => p.remoteId)).toEqual(['r1']);
    expect(findMatchingPost(reply, 'https://newsroom.test/s/1', started)?.remoteId).toBe('r1');
    // A post is never a reply; platforms that do not report parents keep every unknown post.
    expect(reconcileCandidates(posts, { target: 'post', postRemoteId: null, known: new Set() }).map((p) => p.remoteId)).toEqual(['p1']);
    expect(reconcileCandidates([post('https://t.co/c', at, 'r3')], { target: 'reply', postRemoteId: 'p1', known: new Set() })).toHaveLength(1);
  });
  it('publishes when found, retries only after repeated absence on a platform that can list posts', () => {
    expect(decideReconcile({ found: post('a', 'x'), failure: null, checksSoFar: 0, authoritative: true }).next).toBe('published');
    expect(decideReconcile({ found: null, failure: null, checksSoFar: 0, authoritative: true }).next).toBe('recheck');
    expect(decideReconcile({ found: null, failure: null, checksSoFar: 1, authoritative: true }).next).toBe('retry');
  });
  it('leaves it to a person when the platform cannot list posts or cannot be checked', () => {
    expect(decideReconcile({ found: null, failure: null, checksSoFar: 5, authoritative: false }).next).toBe('manual');
    const failure = classifyFailure(new ConnectorError('transient', 'down'));
    expect(decideReconcile({ found: null, failure, checksSoFar: 0, authoritative: true }).next).toBe('recheck');
    expect(decideReconcile({ found: null, failure, checksSoFar: RECONCILE_MAX_CHECKS - 1, authoritative: true }).next).toBe('manual');
    const limited = classifyFailure(new ConnectorError('rate-limited', 'slow', { retryAfterMs: 5000 }));
    expect(decideReconcile({ found: null, failure: limited, checksSoFar: 3, authoritative: true })).toEqual({ next: 'recheck', delayMs: 5000, countsAsCheck: false });
  });
});
