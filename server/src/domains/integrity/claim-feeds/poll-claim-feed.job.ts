// Polls one claim feed, as listening polls a source: the fetch happens outside any transaction
// (a feed may take seconds; on PGlite a transaction holds the only connection), then the reviews,
// the feed's validators and health, the audit entry and the next poll are written together with
// the job's completion. A crash before that repeats the fetch: the import is idempotent (a review
// already registered at the unit is updated, not doubled), so nothing is lost or counted twice.
import { eq } from 'drizzle-orm';
import { z } from 'zod';
import { appendAudit, systemActor } from '../../../platform/audit/audit.ts';
import type { Executor } from '../../../platform/db/index.ts';
import { defineEffectJob, defineJob, enqueueJob } from '../../../platform/jobs/index.ts';
import type { Outbound } from '../../../platform/outbound/index.ts';
import { importClaimReviews } from '../claims/import-claims.ts';
import { type ClaimFeedResult, integrityClaimFeeds } from '../integrity.tables.ts';
import { type FeedFetch, fetchClaimFeed } from './fetch-claim-feed.ts';
import { type FeedRead, readClaimFeed } from './read-claim-feed.ts';

const payload = z.object({ feedId: z.uuid(), at: z.iso.datetime({ offset: true }) });
const jobName = 'integrity.poll-claim-feed@1';

/** Name and payload for enqueueing; the steps are bound to the process's outbound guard by `createPollClaimFeedJob`. */
export const pollClaimFeedJob = defineJob({
  name: jobName,
  payload,
  async handler() {
    throw new Error(`${jobName} runs through createPollClaimFeedJob`);
  },
});

/** At most 50 skipped entries are kept with the feed (the count says how many there were). */
const MAX_PROBLEMS_KEPT = 50;
/** A failing feed is looked at again at most a day later (or its interval, when longer). */
const MAX_BACKOFF_MS = 24 * 3600_000;

/** The interval ±10 %; after failures, doubled per failure up to a day. */
export function nextFeedPollDelayMs(intervalSeconds: number, failures: number, random = Math.random): number {
  const interval = intervalSeconds * 1000;
  const base = Math.min(Math.max(interval, MAX_BACKOFF_MS), interval * 2 ** Math.min(failures, 16));
  return Math.round(base * (0.9 + random() * 0.2));
}

/** Queues a poll of the feed at `at` (the feed's `nextPollAt` must say the same, or the poll does nothing). */
export function enqueueFeedPoll(tx: Executor, feedId: string, at: Date) {
  return enqueueJob(tx, pollClaimFeedJob, { feedId, at: at.toISOString() }, { runAt: at, idempotencyKey: `${jobName}:${feedId}:${at.toISOString()}` });
}

type Plan = { feedId: string; url: string; etag: string | null; lastModified: string | null };
type Polled = { fetched: FeedFetch; read: FeedRead | null };

function resultOf(polled: Polled, imported: { created: number; updated: number }): ClaimFeedResult {
  const problems = polled.read?.problems ?? [];
  const reviews = polled.read?.ok ? polled.read.reviews : 0;
  return { notModified: polled.fetched.status === 'not-modified', reviews, ...imported, skipped: problems.length, problems: problems.slice(0, MAX_PROBLEMS_KEPT) };
}

/** The job, bound to the guard every user-supplied address goes through. */
export function createPollClaimFeedJob(deps: { outbound: Pick<Outbound, 'fetch'>; maxBytes?: number; timeoutMs?: number }) {
  return defineEffectJob({
    name: jobName,
    payload,
    maxAttempts: 3,
    async prepare(input, { tx }): Promise<Plan | null> {
      const [feed] = await tx.select().from(integrityClaimFeeds).where(eq(integrityClaimFeeds.id, input.feedId));
      if (!feed) return null;
      // A poll for a time that is no longer the feed's (polled now, paused, re-addressed) does nothing.
      // A paused feed has no time, unless someone asked to poll it now.
      if (feed.nextPollAt?.toISOString() !== new Date(input.at).toISOString()) return null;
      return { feedId: feed.id, url: feed.url, etag: feed.etag, lastModified: feed.lastModified };
    },
    async perform(plan, { signal }): Promise<Polled> {
      const fetched = await fetchClaimFeed(plan.url, plan, { ...deps, signal });
      return { fetched, read: fetched.status === 'ok' ? readClaimFeed(fetched.text, fetched.contentType, plan.url) : null };
    },
    async record(input, plan, outcome, { tx }) {
      const [feed] = await tx.select().from(integrityClaimFeeds).where(eq(integrityClaimFeeds.id, plan.feedId)).for('update');
      if (!feed) return;
      const now = new Date();
      const polled: Polled = outcome.ok ? outcome.value : { fetched: { status: 'failed', code: 'unreachable', detail: null, retryAfterMs: null }, read: null };
      const { fetched, read } = polled;
      const failure = fetched.status === 'failed' ? fetched : read && !read.ok ? { code: read.code, detail: read.detail, retryAfterMs: null } : null;
      let imported = { created: 0, updated: 0 };
      if (read?.ok) {
        imported = await importClaimReviews(tx, feed.unitId, read.entries, null);
        if (imported.created + imported.updated > 0) {
          await appendAudit(tx, systemActor(`claim feed ${feed.name}`.slice(0, 200)), {
            action: 'integrity-claim-feed.imported',
            targetType: 'integrity-claim-feed',
            targetId: feed.id,
            unitId: feed.unitId,
            summary: { reviews: read.reviews, created: imported.created, updated: imported.updated, skipped: read.problems.length },
          });
        }
      }
      const failures = failure ? feed.consecutiveFailures + 1 : 0;
      const delay = Math.max(nextFeedPollDelayMs(feed.intervalSeconds, failures), failure?.retryAfterMs ?? 0);
      // Rescheduled meanwhile (polled now, paused, re-addressed): that schedule stands.
      const stillOurs = feed.enabled && feed.nextPollAt?.toISOString() === new Date(input.at).toISOString() && feed.url === plan.url;
      const nextPollAt = stillOurs ? new Date(now.getTime() + delay) : feed.enabled ? feed.nextPollAt : null;
      const validators = fetched.status === 'failed' || failure ? {} : { etag: fetched.etag ?? feed.etag, lastModified: fetched.lastModified ?? feed.lastModified };
      await tx
        .update(integrityClaimFeeds)
        .set({
          ...(feed.url === plan.url ? validators : {}),
          lastPolledAt: now,
          ...(failure ? { lastErrorAt: now, lastError: failure.code, lastErrorDetail: failure.detail?.slice(0, 500) ?? null } : { lastOkAt: now, lastError: null, lastErrorDetail: null }),
          consecutiveFailures: failures,
          nextPollAt,
          claimsCreated: feed.claimsCreated + imported.created,
          claimsUpdated: feed.claimsUpdated + imported.updated,
          lastResult: resultOf(polled, imported),
          updatedAt: now,
        })
        .where(eq(integrityClaimFeeds.id, feed.id));
      if (stillOurs && nextPollAt) await enqueueFeedPoll(tx, feed.id, nextPollAt);
    },
  });
}
