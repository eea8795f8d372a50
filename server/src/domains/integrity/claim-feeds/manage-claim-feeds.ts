// Adding, changing, pausing, deleting and polling a ClaimReview feed now. Each is checked with
// `integrity.manage` at the feed's unit, written with its audit entry in one transaction, and
// (re)schedules the poll there: the schedule is the feed's `nextPollAt`, and a queued poll for any
// other time does nothing, so a change never leaves two polls running for one feed.
import type { claimFeedRequest, updateClaimFeedRequest } from '@diplodesk/contracts';
import { and, eq } from 'drizzle-orm';
import type { z } from 'zod';
import { type Actor, appendAudit } from '../../../platform/audit/audit.ts';
import type { Principal } from '../../../platform/authz/principal.ts';
import { inTransaction, type PlatformContext } from '../../../platform/context.ts';
import { type Executor, newIdFor } from '../../../platform/db/index.ts';
import { AppError } from '../../../platform/errors/app-error.ts';
import { hostNotAllowedMessage } from '../../../platform/outbound/index.ts';
import { manageablePath } from '../integrity.policy.ts';
import { integrityClaimFeeds } from '../integrity.tables.ts';
import { enqueueFeedPoll } from './poll-claim-feed.job.ts';

export type ClaimFeedRow = typeof integrityClaimFeeds.$inferSelect;
type CreateInput = z.output<typeof claimFeedRequest>;
type UpdateInput = z.output<typeof updateClaimFeedRequest>;

export async function findClaimFeed(x: Executor, id: string): Promise<ClaimFeedRow | null> {
  const [row] = await x.select().from(integrityClaimFeeds).where(eq(integrityClaimFeeds.id, id));
  return row ?? null;
}

/**
 * With OUTBOUND_ALLOW_HOSTS set, a feed at any other host could never be read: refused when added
 * or re-addressed, with the reason. The guard refuses it again at every request and redirect.
 */
function refuseUnlistedHost(ctx: Pick<PlatformContext, 'outbound'>, url: string): void {
  const parsed = new URL(url);
  if (!ctx.outbound.allowsHost(parsed)) throw new AppError('outbound.host-not-allowed', hostNotAllowedMessage(parsed.hostname), { field: 'url', host: parsed.hostname });
}

async function refuseDuplicate(x: Executor, unitId: string, url: string, exceptId: string | null): Promise<void> {
  const [row] = await x.select({ id: integrityClaimFeeds.id }).from(integrityClaimFeeds).where(and(eq(integrityClaimFeeds.unitId, unitId), eq(integrityClaimFeeds.url, url)));
  if (row && row.id !== exceptId) throw new AppError('integrity-claim-feed.exists', undefined, { feedId: row.id });
}

const summaryOf = (r: Pick<ClaimFeedRow, 'name' | 'url' | 'intervalSeconds' | 'enabled'>) => ({ name: r.name, url: r.url, intervalSeconds: r.intervalSeconds, enabled: r.enabled });

/** Moves the feed's schedule to `at` and queues that poll (a poll queued for another time then does nothing). */
async function scheduleAt(tx: Executor, id: string, at: Date): Promise<void> {
  await tx.update(integrityClaimFeeds).set({ nextPollAt: at, updatedAt: new Date() }).where(eq(integrityClaimFeeds.id, id));
  await enqueueFeedPoll(tx, id, at);
}

export async function createClaimFeed(ctx: PlatformContext, p: Principal, input: CreateInput, actor: Actor): Promise<ClaimFeedRow> {
  await manageablePath(ctx.db, p, input.unitId);
  refuseUnlistedHost(ctx, input.url);
  return inTransaction(ctx, async (tx) => {
    await refuseDuplicate(tx, input.unitId, input.url, null);
    const now = new Date();
    const [row] = await tx
      .insert(integrityClaimFeeds)
      .values({ id: newIdFor(), unitId: input.unitId, name: input.name, url: input.url, intervalSeconds: input.intervalSeconds, enabled: input.enabled, nextPollAt: input.enabled ? now : null, createdBy: p.userId })
      .returning();
    if (!row) throw new Error('claim feed not stored');
    // The first poll at once: the person who added it wants to see whether it reads.
    if (row.enabled) await enqueueFeedPoll(tx, row.id, now);
    await appendAudit(tx, actor, { action: 'integrity-claim-feed.created', targetType: 'integrity-claim-feed', targetId: row.id, unitId: row.unitId, summary: summaryOf(row) });
    return row;
  });
}

/** A change of name or interval keeps the schedule; a new address forgets the old validators and is polled at once, as is a feed resumed. */
export async function changeClaimFeed(ctx: PlatformContext, p: Principal, id: string, input: UpdateInput, actor: Actor): Promise<ClaimFeedRow> {
  const existing = await findClaimFeed(ctx.db, id);
  if (!existing) throw new AppError('integrity-claim-feed.not-found');
  await manageablePath(ctx.db, p, existing.unitId);
  if (input.url !== undefined && input.url !== existing.url) refuseUnlistedHost(ctx, input.url);
  return inTransaction(ctx, async (tx) => {
    const [locked] = await tx.select().from(integrityClaimFeeds).where(eq(integrityClaimFeeds.id, id)).for('update');
    if (!locked) throw new AppError('integrity-claim-feed.not-found');
    const readdressed = input.url !== undefined && input.url !== locked.url;
    if (readdressed) await refuseDuplicate(tx, locked.unitId, input.url as string, id);
    const enabled = input.enabled ?? locked.enabled;
    const resumed = enabled && !locked.enabled;
    const [row] = await tx
      .update(integrityClaimFeeds)
      .set({
        ...(input.name !== undefined ? { name: input.name } : {}),
        ...(input.intervalSeconds !== undefined ? { intervalSeconds: input.intervalSeconds } : {}),
        ...(readdressed ? { url: input.url, etag: null, lastModified: null, consecutiveFailures: 0 } : {}),
        enabled,
        ...(enabled ? {} : { nextPollAt: null }),
        updatedAt: new Date(),
      })
      .where(eq(integrityClaimFeeds.id, id))
      .returning();
    if (!row) throw new AppError('integrity-claim-feed.not-found');
    if (enabled && (readdressed || resumed || row.nextPollAt === null)) await scheduleAt(tx, id, new Date());
    await appendAudit(tx, actor, { action: 'integrity-claim-feed.updated', targetType: 'integrity-claim-feed', targetId: id, unitId: row.unitId, summary: { ...summaryOf(row), changed: Object.keys(input), previousUrl: readdressed ? locked.url : undefined } });
    return (await findClaimFeed(tx, id)) ?? row;
  });
}

/** Deletes the feed; the claims it brought stay in the registry (they are claims like any other now). */
export async function deleteClaimFeed(ctx: PlatformContext, p: Principal, id: string, actor: Actor): Promise<void> {
  const existing = await findClaimFeed(ctx.db, id);
  if (!existing) throw new AppError('integrity-claim-feed.not-found');
  await manageablePath(ctx.db, p, existing.unitId);
  await inTransaction(ctx, async (tx) => {
    const deleted = await tx.delete(integrityClaimFeeds).where(eq(integrityClaimFeeds.id, id)).returning({ id: integrityClaimFeeds.id });
    if (deleted.length === 0) throw new AppError('integrity-claim-feed.not-found');
    await appendAudit(tx, actor, { action: 'integrity-claim-feed.deleted', targetType: 'integrity-claim-feed', targetId: id, unitId: existing.unitId, summary: { ...summaryOf(existing), claimsCreated: existing.claimsCreated } });
  });
}

/** Polls the feed at once (a paused feed too: the person asked for it), without waiting for its interval or a backoff. */
export async function pollClaimFeedNow(ctx: PlatformContext, p: Principal, id: string, actor: Actor): Promise<ClaimFeedRow> {
  const existing = await findClaimFeed(ctx.db, id);
  if (!existing) throw new AppError('integrity-claim-feed.not-found');
  await manageablePath(ctx.db, p, existing.unitId);
  return inTransaction(ctx, async (tx) => {
    const [locked] = await tx.select().from(integrityClaimFeeds).where(eq(integrityClaimFeeds.id, id)).for('update');
    if (!locked) throw new AppError('integrity-claim-feed.not-found');
    await scheduleAt(tx, id, new Date());
    await appendAudit(tx, actor, { action: 'integrity-claim-feed.poll-requested', targetType: 'integrity-claim-feed', targetId: id, unitId: locked.unitId, summary: summaryOf(locked) });
    return (await findClaimFeed(tx, id)) ?? locked;
  });
}
