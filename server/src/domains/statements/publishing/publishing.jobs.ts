// The publishing jobs. Each is an effect job (platform/jobs/effect.ts): claim and commit, call the
// platform with no transaction open, record the outcome with the job's completion. Every row names
// the one job allowed to act on it (`job_id`); a job finding another id there does nothing.
import type { MediaRef, PublishedPost, RateLimitState, RecentPost } from '@diplodesk/connector-sdk';
import { eq } from 'drizzle-orm';
import { z } from 'zod';
import type { Actor } from '../../../platform/audit/audit.ts';
import type { Executor, Tx } from '../../../platform/db/index.ts';
import { defineEffectJob, type EffectOutcome, enqueueJob, type JobDefinition } from '../../../platform/jobs/index.ts';
import {
  afterPublishFailure,
  classifyFailure,
  composePost,
  decideClaim,
  decideReconcile,
  type FailureClass,
  findMatchingPost,
  hasDuplicateGuard,
  publishBackoffMs,
  RECENT_POSTS_AUTHORITATIVE,
  RECONCILE_FIRST_CHECK_MS,
  RECONCILE_SKEW_MS,
  reconcileCandidates,
} from './publishing.lifecycle.ts';
import { type AccountHandle, channelFor, notePublicationChange, type PublishingDeps, ReconnectNeededError, withCredentials } from './publishing.effects.ts';
import { findAccount, lockPublication, updatePublication } from './publishing.repo.ts';
import { channelAccounts, type PublicationRow, publications } from './publishing.tables.ts';

const publicationPayload = z.object({ publicationId: z.uuid() });
const reconcilePayload = z.object({ publicationId: z.uuid(), target: z.enum(['post', 'reply']) });
type PublicationPayload = z.output<typeof publicationPayload>;

// Each crash mid-call costs a job attempt; a generous budget keeps a publication from being
// abandoned by the runner while its row still says `publishing`.
const EFFECT_JOB_ATTEMPTS = 100;

/** Name, payload and budget of a job, for enqueueing where the handlers (which need connectors) are not at hand. */
function jobSpec<S extends z.ZodType>(name: JobDefinition['name'], payload: S): JobDefinition<S> {
  return {
    name,
    payload,
    maxAttempts: EFFECT_JOB_ATTEMPTS,
    async handler() {
      throw new Error(`${name}: enqueue-only spec; the runner must hold the definition from publishingJobs()`);
    },
  };
}

export const publishJobSpec = jobSpec('statements.publish-publication@1', publicationPayload);
export const replyJobSpec = jobSpec('statements.publish-reply@1', publicationPayload);
export const reconcileJobSpec = jobSpec('statements.reconcile-publication@1', reconcilePayload);
export const withdrawJobSpec = jobSpec('statements.withdraw-publication@1', publicationPayload);

const after = (ms: number) => new Date(Date.now() + Math.max(0, Math.round(ms)));
const reason = (f: FailureClass) => (f.platformCode ? `${f.message} (${f.platformCode})` : f.message);

/** Hands the row to a new job, enqueued in the same transaction. */
export async function handOver(tx: Executor, spec: JobDefinition, payload: Record<string, unknown>, runAt: Date): Promise<string> {
  return enqueueJob(tx, spec, payload, { runAt });
}

async function failForAccount(tx: Tx, deps: PublishingDeps, row: PublicationRow, message: string): Promise<null> {
  await updatePublication(tx, row.id, { state: 'failed', jobId: null, lastError: message });
  await notePublicationChange(tx, deps, row, { audit: { action: 'publication.failed', summary: { reason: message } } });
  return null;
}

async function markNeedsReconnect(tx: Executor, accountId: string, message: string): Promise<void> {
  await tx.update(channelAccounts).set({ status: 'needs_reconnect', statusReason: message, updatedAt: new Date() }).where(eq(channelAccounts.id, accountId));
}

async function saveRateLimit(tx: Executor, accountId: string, state: RateLimitState | null): Promise<void> {
  if (state) await tx.update(channelAccounts).set({ rateLimit: state }).where(eq(channelAccounts.id, accountId));
}

/** The post is up: record it, start the reply where the link goes there, or withdraw at once if that was asked meanwhile. */
async function markPublished(tx: Tx, deps: PublishingDeps, row: PublicationRow, post: PublishedPost, via: 'call' | 'reconciliation' | 'manual', actor?: Actor) {
  const { replyText } = composePost(row.platform, row.text, row.linkUrl);
  let jobId: string | null = null;
  let replyState: PublicationRow['replyState'] = null;
  let state: PublicationRow['state'] = 'published';
  if (row.withdrawnAt) {
    state = 'withdrawing';
    jobId = await handOver(tx, withdrawJobSpec, { publicationId: row.id }, new Date());
  } else if (replyText) {
    replyState = 'pending';
    jobId = await handOver(tx, replyJobSpec, { publicationId: row.id }, new Date());
  }
  await updatePublication(tx, row.id, { state, remoteId: post.remoteId, remoteUrl: post.url, publishedAt: new Date(), lastError: null, reconcileChecks: 0, replyState, jobId, nextAttemptAt: null });
  await notePublicationChange(tx, deps, row, {
    ...(actor ? { actor } : {}),
    audit: { action: via === 'call' ? 'publication.published' : 'publication.resolved', summary: { remoteId: post.remoteId, url: post.url, via } },
  });
}

type PublishPlan = {
  publicationId: string;
  account: AccountHandle;
  idempotencyKey: string;
  text: string;
  title: string | null;
  language: string;
  media: MediaRef[];
  checkpoint: string | null;
  /** For the reply: the post it answers. */
  replyTo: string | null;
};

type CallResult = { ok: true; post: PublishedPost; rateLimit: RateLimitState | null } | { ok: false; failure: FailureClass; reconnect: boolean; rateLimit: RateLimitState | null };

async function callPublish(deps: PublishingDeps, db: Parameters<typeof withCredentials>[1], plan: PublishPlan): Promise<CallResult> {
  const channel = channelFor(deps, plan.account.platform);
  if (!channel) return { ok: false, failure: { kind: 'rejected', message: `The ${plan.account.platform} connector is not configured on this server.`, retryAfterMs: null, platformCode: null }, reconnect: false, rateLimit: null };
  let rateLimit: RateLimitState | null = null;
  try {
    const { value } = await withCredentials(deps, db, plan.account, channel, async (credentials) => {
      try {
        return await channel.publish(credentials, {
          idempotencyKey: plan.idempotencyKey,
          text: plan.text,
          media: plan.media,
          ...(plan.replyTo ? { replyTo: plan.replyTo } : {}),
          language: plan.language,
          ...(plan.title ? { title: plan.title } : {}),
          openMedia: (m) => deps.storage.open(m.storageKey),
          checkpoint: {
            saved: plan.checkpoint,
            // Saved at once (no transaction is open during the call): the next attempt resumes from it.
            save: async (value) => {
              plan.checkpoint = value;
              await updatePublication(db, plan.publicationId, { checkpoint: value });
            },
          },
        });
      } finally {
        rateLimit = channel.rateLimitState(credentials);
      }
    });
    return { ok: true, post: value, rateLimit };
  } catch (error) {
    if (error instanceof ReconnectNeededError) return { ok: false, failure: { kind: 'auth-expired', message: error.message, retryAfterMs: null, platformCode: null }, reconnect: true, rateLimit };
    return { ok: false, failure: classifyFailure(error), reconnect: false, rateLimit };
  }
}

function asCallResult(outcome: EffectOutcome<CallResult>): CallResult {
  return outcome.ok ? outcome.value : { ok: false, failure: classifyFailure(outcome.error), reconnect: false, rateLimit: null };
}

async function accountHandle(tx: Executor, row: PublicationRow): Promise<AccountHandle | string> {
  const account = await findAccount(tx, row.channelAccountId);
  if (!account || account.status === 'disconnected' || !account.credentialsSealed) return 'The channel account was disconnected.';
  if (account.status === 'needs_reconnect') return `The channel account needs to be reconnected${account.statusReason ? `: ${account.statusReason}` : '.'}`;
  return { accountId: account.id, platform: account.platform, credentialsSealed: account.credentialsSealed };
}

export function publishingJobs(deps: PublishingDeps): JobDefinition[] {
  const publishJob = defineEffectJob({
    name: publishJobSpec.name,
    payload: publicationPayload,
    maxAttempts: EFFECT_JOB_ATTEMPTS,
    async prepare({ publicationId }, ctx): Promise<PublishPlan | null> {
      const row = await lockPublication(ctx.tx, publicationId);
      if (!row) return null;
      const guarded = hasDuplicateGuard(row.platform);
      const decision = decideClaim({ state: row.state, ownerJobId: row.jobId, jobId: ctx.jobId, ready: 'scheduled', inFlight: 'publishing', guarded });
      if (decision.kind === 'skip') return null;
      if (decision.kind === 'unconfirmed') {
        const jobId = await handOver(ctx.tx, reconcileJobSpec, { publicationId, target: 'post' }, after(RECONCILE_FIRST_CHECK_MS));
        await updatePublication(ctx.tx, row.id, { state: 'unconfirmed', jobId, reconcileChecks: 0, lastError: 'The previous attempt stopped mid-call; checking the platform before any retry.' });
        await notePublicationChange(ctx.tx, deps, row, { audit: { action: 'publication.unconfirmed', summary: { reason: 'interrupted', attempt: row.attempts } } });
        return null;
      }
      const account = await accountHandle(ctx.tx, row);
      if (typeof account === 'string') return failForAccount(ctx.tx, deps, row, account);
      const startedAt = new Date();
      await updatePublication(ctx.tx, row.id, {
        state: 'publishing',
        attempts: row.attempts + 1,
        // A repeat keeps the first start: reconciliation by time must cover every attempt.
        attemptStartedAt: decision.repeat && row.attemptStartedAt ? row.attemptStartedAt : startedAt,
        nextAttemptAt: null,
      });
      if (row.attempts === 0) await notePublicationChange(ctx.tx, deps, row);
      const { text } = composePost(row.platform, row.text, row.linkUrl);
      return { publicationId, account, idempotencyKey: row.idempotencyKey, text, title: row.title, language: row.language, media: row.media, checkpoint: row.checkpoint, replyTo: null };
    },
    perform: (plan, ctx) => callPublish(deps, ctx.db, plan),
    async record({ publicationId }: PublicationPayload, plan, outcome, ctx) {
      const row = await lockPublication(ctx.tx, publicationId);
      if (!row || row.jobId !== ctx.jobId || row.state !== 'publishing') return;
      const result = asCallResult(outcome);
      await saveRateLimit(ctx.tx, plan.account.accountId, result.rateLimit);
      if (result.ok) return markPublished(ctx.tx, deps, row, result.post, 'call');
      const next = afterPublishFailure(result.failure, hasDuplicateGuard(row.platform), row.attempts, publishBackoffMs);
      const lastError = reason(result.failure);
      if (next.next === 'fail') {
        if (next.accountNeedsReconnect || result.reconnect) await markNeedsReconnect(ctx.tx, plan.account.accountId, lastError);
        await updatePublication(ctx.tx, row.id, { state: 'failed', jobId: null, lastError });
        await notePublicationChange(ctx.tx, deps, row, { audit: { action: 'publication.failed', summary: { reason: lastError, kind: result.failure.kind } } });
        return;
      }
      const spec = next.next === 'reconcile' ? reconcileJobSpec : publishJobSpec;
      const payload = next.next === 'reconcile' ? { publicationId, target: 'post' } : { publicationId };
      const jobId = await handOver(ctx.tx, spec, payload, after(next.delayMs));
      await updatePublication(ctx.tx, row.id, { state: next.state, jobId, lastError, nextAttemptAt: after(next.delayMs), reconcileChecks: 0 });
      await notePublicationChange(ctx.tx, deps, row, next.next === 'reconcile' ? { audit: { action: 'publication.unconfirmed', summary: { reason: lastError } } } : {});
    },
  });

  const replyJob = defineEffectJob({
    name: replyJobSpec.name,
    payload: publicationPayload,
    maxAttempts: EFFECT_JOB_ATTEMPTS,
    async prepare({ publicationId }, ctx): Promise<PublishPlan | null> {
      const row = await lockPublication(ctx.tx, publicationId);
      if (row?.state !== 'published' || !row.remoteId) return null;
      const decision = decideClaim({ state: row.replyState ?? '', ownerJobId: row.jobId, jobId: ctx.jobId, ready: 'pending', inFlight: 'posting', guarded: hasDuplicateGuard(row.platform) });
      if (decision.kind === 'skip') return null;
      if (decision.kind === 'unconfirmed') {
        const jobId = await handOver(ctx.tx, reconcileJobSpec, { publicationId, target: 'reply' }, after(RECONCILE_FIRST_CHECK_MS));
        await updatePublication(ctx.tx, row.id, { replyState: 'unconfirmed', jobId, reconcileChecks: 0 });
        return null;
      }
      const account = await accountHandle(ctx.tx, row);
      if (typeof account === 'string') {
        await updatePublication(ctx.tx, row.id, { replyState: 'failed', jobId: null, lastError: `The link reply was not posted: ${account}` });
        return null;
      }
      await updatePublication(ctx.tx, row.id, { replyState: 'posting', attemptStartedAt: decision.repeat && row.attemptStartedAt ? row.attemptStartedAt : new Date() });
      const { replyText } = composePost(row.platform, row.text, row.linkUrl);
      return { publicationId, account, idempotencyKey: `${row.idempotencyKey}:reply`, text: replyText ?? row.linkUrl, title: null, language: row.language, media: [], checkpoint: null, replyTo: row.remoteId };
    },
    perform: (plan, ctx) => callPublish(deps, ctx.db, plan),
    async record({ publicationId }, plan, outcome, ctx) {
      const row = await lockPublication(ctx.tx, publicationId);
      if (!row || row.jobId !== ctx.jobId || row.replyState !== 'posting') return;
      const result = asCallResult(outcome);
      await saveRateLimit(ctx.tx, plan.account.accountId, result.rateLimit);
      if (result.ok) {
        await updatePublication(ctx.tx, row.id, { replyState: 'posted', replyRemoteId: result.post.remoteId, jobId: row.withdrawnAt ? row.jobId : null });
        if (row.withdrawnAt) await startWithdraw(ctx.tx, row);
        return notePublicationChange(ctx.tx, deps, row);
      }
      const next = afterPublishFailure(result.failure, hasDuplicateGuard(row.platform), row.attempts, publishBackoffMs);
      const lastError = `The link reply: ${reason(result.failure)}`;
      if (next.next === 'fail') {
        if (result.reconnect) await markNeedsReconnect(ctx.tx, plan.account.accountId, reason(result.failure));
        await updatePublication(ctx.tx, row.id, { replyState: 'failed', jobId: null, lastError });
        return notePublicationChange(ctx.tx, deps, row);
      }
      const toReconcile = next.next === 'reconcile';
      const jobId = toReconcile
        ? await handOver(ctx.tx, reconcileJobSpec, { publicationId, target: 'reply' }, after(next.delayMs))
        : await handOver(ctx.tx, replyJobSpec, { publicationId }, after(next.delayMs));
      await updatePublication(ctx.tx, row.id, { replyState: toReconcile ? 'unconfirmed' : next.next === 'repeat' ? 'posting' : 'pending', jobId, lastError, reconcileChecks: 0 });
    },
  });

  type ReconcilePlan = { publicationId: string; target: 'post' | 'reply'; account: AccountHandle; text: string; since: string; checks: number };
  type ReconcileResult = { posts: RecentPost[]; failure: FailureClass | null };

  const reconcileJob = defineEffectJob({
    name: reconcileJobSpec.name,
    payload: reconcilePayload,
    maxAttempts: EFFECT_JOB_ATTEMPTS,
    async prepare({ publicationId, target }, ctx): Promise<ReconcilePlan | null> {
      const row = await lockPublication(ctx.tx, publicationId);
      if (!row || row.jobId !== ctx.jobId) return null;
      if (target === 'post' ? row.state !== 'unconfirmed' : row.replyState !== 'unconfirmed') return null;
      const account = await accountHandle(ctx.tx, row);
      if (typeof account === 'string') {
        await updatePublication(ctx.tx, row.id, { jobId: null, lastError: `Cannot check the platform: ${account} Resolve this publication by hand.` });
        await notePublicationChange(ctx.tx, deps, row);
        return null;
      }
      const composed = composePost(row.platform, row.text, row.linkUrl);
      const since = new Date((row.attemptStartedAt ?? row.scheduledAt).getTime());
      return { publicationId, target, account, text: target === 'post' ? composed.text : (composed.replyText ?? row.linkUrl), since: since.toISOString(), checks: row.reconcileChecks };
    },
    async perform(plan, ctx): Promise<ReconcileResult> {
      const channel = channelFor(deps, plan.account.platform);
      if (!channel) return { posts: [], failure: { kind: 'rejected', message: 'connector not configured', retryAfterMs: null, platformCode: null } };
      try {
        const since = new Date(Date.parse(plan.since) - RECONCILE_SKEW_MS);
        const { value } = await withCredentials(deps, ctx.db, plan.account, channel, (c) => channel.findRecentPosts(c, since));
        return { posts: value, failure: null };
      } catch (error) {
        return { posts: [], failure: classifyFailure(error) };
      }
    },
    async record({ publicationId, target }, plan, outcome, ctx) {
      const row = await lockPublication(ctx.tx, publicationId);
      if (!row || row.jobId !== ctx.jobId) return;
      if (target === 'post' ? row.state !== 'unconfirmed' : row.replyState !== 'unconfirmed') return;
      const result: ReconcileResult = outcome.ok ? outcome.value : { posts: [], failure: classifyFailure(outcome.error) };
      // Posts already known as another publication's (or this one's post, for its reply) are not candidates:
      // two link replies on one account can read alike.
      const known = await knownRemoteIds(ctx.tx, row);
      const found = findMatchingPost(
        reconcileCandidates(result.posts, { target, postRemoteId: row.remoteId, known }),
        plan.text,
        new Date(plan.since),
      );
      const decision = decideReconcile({ found, failure: result.failure, checksSoFar: plan.checks, authoritative: RECENT_POSTS_AUTHORITATIVE.has(row.platform) });
      if (decision.next === 'published') {
        const post = { remoteId: decision.remoteId, url: decision.url };
        if (target === 'post') return markPublished(ctx.tx, deps, row, post, 'reconciliation');
        await updatePublication(ctx.tx, row.id, { replyState: 'posted', replyRemoteId: post.remoteId, jobId: null, reconcileChecks: 0, lastError: null });
        if (row.withdrawnAt) await startWithdraw(ctx.tx, row);
        return notePublicationChange(ctx.tx, deps, row);
      }
      if (decision.next === 'recheck') {
        const jobId = await handOver(ctx.tx, reconcileJobSpec, { publicationId, target }, after(decision.delayMs));
        await updatePublication(ctx.tx, row.id, { jobId, reconcileChecks: plan.checks + (decision.countsAsCheck ? 1 : 0), nextAttemptAt: after(decision.delayMs), ...(result.failure ? { lastError: reason(result.failure) } : {}) });
        return;
      }
      if (decision.next === 'retry') {
        // Seen absent on every check since the attempt began: it never landed, so it is sent again.
        const spec = target === 'post' ? publishJobSpec : replyJobSpec;
        const jobId = await handOver(ctx.tx, spec, { publicationId }, new Date());
        await updatePublication(ctx.tx, row.id, target === 'post' ? { state: 'scheduled', jobId, reconcileChecks: 0 } : { replyState: 'pending', jobId, reconcileChecks: 0 });
        return notePublicationChange(ctx.tx, deps, row);
      }
      await updatePublication(ctx.tx, row.id, { jobId: null, lastError: decision.reason });
      await notePublicationChange(ctx.tx, deps, row);
    },
  });

  type WithdrawPlan = { publicationId: string; account: AccountHandle; remoteIds: string[] };
  const withdrawJob = defineEffectJob({
    name: withdrawJobSpec.name,
    payload: publicationPayload,
    maxAttempts: EFFECT_JOB_ATTEMPTS,
    async prepare({ publicationId }, ctx): Promise<WithdrawPlan | null> {
      const row = await lockPublication(ctx.tx, publicationId);
      if (!row || row.jobId !== ctx.jobId || row.state !== 'withdrawing') return null;
      const account = await accountHandle(ctx.tx, row);
      if (typeof account === 'string') {
        await updatePublication(ctx.tx, row.id, { state: 'published', jobId: null, lastError: `Not withdrawn: ${account}` });
        await notePublicationChange(ctx.tx, deps, row);
        return null;
      }
      // Deleting is idempotent on every platform ("already gone" is success), so no claim step is needed.
      return { publicationId, account, remoteIds: [row.replyRemoteId, row.remoteId].filter((id): id is string => Boolean(id)) };
    },
    async perform(plan, ctx): Promise<{ failure: FailureClass | null; reconnect: boolean }> {
      const channel = channelFor(deps, plan.account.platform);
      if (!channel) return { failure: { kind: 'rejected', message: 'connector not configured', retryAfterMs: null, platformCode: null }, reconnect: false };
      try {
        for (const remoteId of plan.remoteIds) await withCredentials(deps, ctx.db, plan.account, channel, (c) => channel.withdraw(c, remoteId));
        return { failure: null, reconnect: false };
      } catch (error) {
        return { failure: classifyFailure(error), reconnect: error instanceof ReconnectNeededError };
      }
    },
    async record({ publicationId }, plan, outcome, ctx) {
      const row = await lockPublication(ctx.tx, publicationId);
      if (!row || row.jobId !== ctx.jobId || row.state !== 'withdrawing') return;
      const result = outcome.ok ? outcome.value : { failure: classifyFailure(outcome.error), reconnect: false };
      if (!result.failure) {
        await updatePublication(ctx.tx, row.id, { state: 'withdrawn', jobId: null, withdrawnAt: row.withdrawnAt ?? new Date(), lastError: null });
        return notePublicationChange(ctx.tx, deps, row, { audit: { action: 'publication.withdrawn', summary: { remoteId: row.remoteId } } });
      }
      const f = result.failure;
      if (f.kind === 'rejected' || f.kind === 'auth-expired') {
        if (result.reconnect) await markNeedsReconnect(ctx.tx, plan.account.accountId, reason(f));
        await updatePublication(ctx.tx, row.id, { state: 'published', jobId: null, lastError: `Not withdrawn: ${reason(f)}` });
        return notePublicationChange(ctx.tx, deps, row, { audit: { action: 'publication.failed', summary: { reason: `withdraw: ${reason(f)}` } } });
      }
      // Rate limits, transient errors and unknown outcomes: deleting again is harmless.
      const delay = f.kind === 'rate-limited' ? Math.max(1000, f.retryAfterMs ?? 1000) : publishBackoffMs(ctx.attempt);
      const jobId = await handOver(ctx.tx, withdrawJobSpec, { publicationId }, after(delay));
      await updatePublication(ctx.tx, row.id, { jobId, lastError: reason(f), nextAttemptAt: after(delay) });
    },
  });

  return [publishJob, replyJob, reconcileJob, withdrawJob];
}

async function knownRemoteIds(tx: Executor, row: PublicationRow): Promise<Set<string>> {
  const rows = await tx
    .select({ remoteId: publications.remoteId, replyRemoteId: publications.replyRemoteId, id: publications.id })
    .from(publications)
    .where(eq(publications.channelAccountId, row.channelAccountId));
  const known = new Set<string>();
  for (const r of rows) {
    if (r.remoteId && (r.id !== row.id || row.state === 'published')) known.add(r.remoteId);
    if (r.replyRemoteId) known.add(r.replyRemoteId);
  }
  return known;
}

/** Moves a published row to `withdrawing` and enqueues the delete. */
export async function startWithdraw(tx: Executor, row: Pick<PublicationRow, 'id'>): Promise<void> {
  const jobId = await handOver(tx, withdrawJobSpec, { publicationId: row.id }, new Date());
  await updatePublication(tx, row.id, { state: 'withdrawing', jobId });
}
