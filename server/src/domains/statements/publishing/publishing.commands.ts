// Commands of the publishing engine: what statements core calls inside its own transactions, and
// what the routes call for channel accounts and for people resolving publications.
import { ConnectorError, type MediaRef } from '@diplodesk/connector-sdk';
import { and, eq, inArray, lt } from 'drizzle-orm';
import { type Actor, appendAudit } from '../../../platform/audit/audit.ts';
import type { ConnectorRegistry } from '../../../platform/connectors/index.ts';
import type { PlatformContext } from '../../../platform/context.ts';
import { type Executor, newIdFor, type Tx } from '../../../platform/db/index.ts';
import { AppError } from '../../../platform/errors/app-error.ts';
import { enqueueJob } from '../../../platform/jobs/index.ts';
import { notePublicationChange, type PublishingDeps } from './publishing.effects.ts';
import { handOver, publishJobSpec, startWithdraw } from './publishing.jobs.ts';
import { CANCELLABLE_STATES } from './publishing.lifecycle.ts';
import { type ChannelAccountView, presentAccount, presentPublication, type PublicationView } from './publishing.presenter.ts';
import { connectStateContext, findAccount, listAccountsOfUnits, lockPublication, publicationsOfStatements, sealCredentials, updatePublication } from './publishing.repo.ts';
import { type ChannelAccountRow, channelAccounts, channelConnectStates, publications } from './publishing.tables.ts';

export type PublicationItem = { channelAccountId: string; text: string; title?: string; language: string; media: MediaRef[]; linkUrl: string };

/**
 * Creates one publication per item and its job, due at `scheduledAt`, in the caller's transaction:
 * nothing is published unless the statement's change commits. The idempotency key is fixed here
 * and sent with every attempt.
 */
export async function schedulePublications(
  tx: Tx,
  input: { statementId: string; unitId: string; scheduledAt: Date; actorId: string; items: PublicationItem[] },
): Promise<{ publicationIds: string[] }> {
  const ids: string[] = [];
  for (const item of input.items) {
    const account = await findAccount(tx, item.channelAccountId);
    if (!account || account.status === 'disconnected') throw new AppError('channel.account-not-found');
    const id = newIdFor();
    await tx.insert(publications).values({
      id,
      statementId: input.statementId,
      unitId: input.unitId,
      channelAccountId: account.id,
      platform: account.platform,
      idempotencyKey: `dd-${id}`,
      scheduledAt: input.scheduledAt,
      text: item.text,
      title: item.title ?? null,
      language: item.language,
      media: item.media,
      linkUrl: item.linkUrl,
      createdBy: input.actorId,
    });
    const jobId = await enqueueJob(tx, publishJobSpec, { publicationId: id }, { runAt: input.scheduledAt, idempotencyKey: `statements.publish:${id}` });
    await updatePublication(tx, id, { jobId });
    ids.push(id);
  }
  return { publicationIds: ids };
}

/** Cancels the statement's publications that have not started; returns how many. */
export async function cancelPendingPublications(tx: Tx, input: { statementId: string; reason: string }): Promise<number> {
  const rows = await tx
    .update(publications)
    .set({ state: 'cancelled', jobId: null, lastError: input.reason, updatedAt: new Date() })
    .where(and(eq(publications.statementId, input.statementId), inArray(publications.state, [...CANCELLABLE_STATES])))
    .returning({ id: publications.id });
  return rows.length;
}

/**
 * Withdraws the statement everywhere: not-yet-started publications are cancelled, published ones
 * get a delete job, and ones whose outcome is still open are flagged so they are deleted as soon
 * as they turn out to be published.
 */
export async function withdrawPublications(tx: Tx, input: { statementId: string; reason: string; actorId: string }, deps: Pick<PublishingDeps, 'statementStatus'> = {}): Promise<void> {
  await cancelPendingPublications(tx, { statementId: input.statementId, reason: input.reason });
  const rows = await tx.select().from(publications).where(eq(publications.statementId, input.statementId)).for('update');
  const now = new Date();
  for (const row of rows) {
    if (row.state === 'published') {
      await updatePublication(tx, row.id, { withdrawnAt: now, lastError: null });
      await startWithdraw(tx, row);
    } else if (row.state === 'publishing' || row.state === 'unconfirmed') {
      await updatePublication(tx, row.id, { withdrawnAt: now });
    } else continue;
    await notePublicationChange(tx, deps, row, { actor: { userId: input.actorId, label: 'withdraw', requestId: null } });
  }
}

export async function listPublications(db: Executor, statementIds: string[]): Promise<PublicationView[]> {
  return (await publicationsOfStatements(db, statementIds)).map(presentPublication);
}

export async function listChannelAccounts(db: Executor, input: { unitIds: string[] }): Promise<ChannelAccountView[]> {
  return (await listAccountsOfUnits(db, input.unitIds)).filter((a) => a.status !== 'disconnected').map(presentAccount);
}

// ── Channel accounts ──────────────────────────────────────────────────────────

const CONNECT_STATE_TTL_MS = 15 * 60_000;

export function connectorOrThrow(connectors: ConnectorRegistry, platform: string) {
  const channel = connectors.publisher(platform);
  const configured = connectors.get(platform);
  if (!channel || !configured) throw new AppError('channel.platform-unavailable');
  return { channel, manifest: configured.manifest };
}

/** Starts connecting: stores the OAuth state and sealed verifier, or describes the credential form. */
export async function startConnect(
  ctx: PlatformContext,
  connectors: ConnectorRegistry,
  input: { unitId: string; platform: string; userId: string; redirectUri: string },
): Promise<{ kind: 'redirect'; authorizeUrl: string } | { kind: 'form'; fields: { name: string; label: string; secret: boolean }[] }> {
  const { channel } = connectorOrThrow(connectors, input.platform);
  const start = await channel.startConnect({ redirectUri: input.redirectUri, unitId: input.unitId });
  if (start.kind === 'form') return { kind: 'form', fields: start.fields };
  await ctx.db.delete(channelConnectStates).where(lt(channelConnectStates.expiresAt, new Date()));
  await ctx.db.insert(channelConnectStates).values({
    state: start.state,
    platform: input.platform,
    unitId: input.unitId,
    userId: input.userId,
    codeVerifierSealed: ctx.secretBox.for('channel-tokens').seal(start.codeVerifier, connectStateContext(start.state)),
    redirectUri: input.redirectUri,
    expiresAt: new Date(Date.now() + CONNECT_STATE_TTL_MS),
  });
  return { kind: 'redirect', authorizeUrl: start.authorizeUrl };
}

/** Takes (and deletes) the pending connect for `state`; null when unknown or expired. A state works once. */
export async function takeConnectState(ctx: PlatformContext, state: string) {
  const [row] = await ctx.db.delete(channelConnectStates).where(eq(channelConnectStates.state, state)).returning();
  if (!row || row.expiresAt.getTime() < Date.now()) return null;
  return { ...row, codeVerifier: ctx.secretBox.for('channel-tokens').open(row.codeVerifierSealed, connectStateContext(row.state)) };
}

export type ConnectFailureReason = 'platform-refused' | 'platform-unreachable' | 'host-not-allowed' | 'denied' | 'unknown-state' | 'foreign-state';

/** Audits a connection that did not happen (never with the credentials or the code). */
export async function auditConnectFailure(ctx: Pick<PlatformContext, 'db'>, actor: Actor, input: { unitId: string | null; platform: string | null; reason: ConnectFailureReason }): Promise<void> {
  await ctx.db.transaction((tx) =>
    appendAudit(tx, actor, { action: 'channel-account.connect-failed', targetType: 'channel-account', targetId: null, unitId: input.unitId, summary: { platform: input.platform, reason: input.reason } }),
  );
}

/**
 * Exchanges the code or checks the form, then stores the account with sealed credentials. The
 * platform calls happen before the transaction; only the insert and audit are inside it.
 */
export async function finishConnect(
  ctx: PlatformContext,
  connectors: ConnectorRegistry,
  actor: Actor,
  input: { unitId: string; platform: string; finish: Parameters<ReturnType<typeof connectorOrThrow>['channel']['finishConnect']>[0] },
): Promise<ChannelAccountView> {
  const { channel } = connectorOrThrow(connectors, input.platform);
  let connected: Awaited<ReturnType<typeof channel.finishConnect>>;
  try {
    connected = await channel.finishConnect(input.finish);
  } catch (error) {
    ctx.logger.warn({ platform: input.platform, err: error instanceof Error ? error.message : String(error) }, 'channel connect failed');
    // The operator's host list, not the platform, said no: the person is told so (and whom to ask).
    if (error instanceof ConnectorError && error.platformCode === 'host-not-allowed') {
      await auditConnectFailure(ctx, actor, { unitId: input.unitId, platform: input.platform, reason: 'host-not-allowed' });
      throw new AppError('outbound.host-not-allowed', error.message);
    }
    // A platform that was never reached (unknown host, closed port, the outbound guard) did not refuse
    // anything: the person should check the address, not the password.
    const unreachable = error instanceof ConnectorError && (error.kind === 'transient' || error.kind === 'unknown-outcome');
    await auditConnectFailure(ctx, actor, { unitId: input.unitId, platform: input.platform, reason: unreachable ? 'platform-unreachable' : 'platform-refused' });
    throw new AppError('channel.connect-failed', undefined, { reason: unreachable ? 'unreachable' : 'refused' });
  }
  let limits = {};
  try {
    limits = await channel.limits(connected.credentials);
  } catch {
    // Limits are a convenience for the editor's counter; defaults apply until the next connect.
  }
  return storeAccount(ctx, actor, { unitId: input.unitId, platform: input.platform, credentials: connected.credentials, account: connected.account, limits });
}

/** Inserts or refreshes the unit's account for this remote account (reconnecting revives it). */
export async function storeAccount(
  ctx: Pick<PlatformContext, 'db' | 'secretBox' | 'notifyOutbox'>,
  actor: Actor,
  input: { unitId: string; platform: string; credentials: Parameters<typeof sealCredentials>[2]; account: { remoteAccountId: string; handle: string; displayName?: string; url?: string }; limits?: object },
): Promise<ChannelAccountView> {
  const row = await ctx.db.transaction(async (tx) => {
    const [existing] = await tx
      .select()
      .from(channelAccounts)
      .where(and(eq(channelAccounts.unitId, input.unitId), eq(channelAccounts.platform, input.platform), eq(channelAccounts.remoteAccountId, input.account.remoteAccountId)))
      .orderBy(channelAccounts.createdAt);
    const id = existing?.id ?? newIdFor();
    const values = {
      handle: input.account.handle,
      displayName: input.account.displayName ?? null,
      url: input.account.url ?? null,
      credentialsSealed: sealCredentials(ctx.secretBox.for('channel-tokens'), id, input.credentials),
      status: 'active' as const,
      statusReason: null,
      limits: input.limits ?? {},
      connectedBy: actor.userId,
      updatedAt: new Date(),
    };
    let saved: ChannelAccountRow | undefined;
    if (existing) [saved] = await tx.update(channelAccounts).set(values).where(eq(channelAccounts.id, id)).returning();
    else [saved] = await tx.insert(channelAccounts).values({ id, unitId: input.unitId, platform: input.platform, remoteAccountId: input.account.remoteAccountId, ...values }).returning();
    if (!saved) throw new Error('channel account was not stored');
    await appendAudit(tx, actor, { action: 'channel-account.connected', targetType: 'channel-account', targetId: id, unitId: input.unitId, summary: { platform: input.platform, handle: input.account.handle } });
    return saved;
  });
  ctx.notifyOutbox();
  return presentAccount(row);
}

/** Forgets the credentials; publications still scheduled on the account will fail with a clear reason. */
export async function disconnectAccount(ctx: Pick<PlatformContext, 'db' | 'notifyOutbox'>, actor: Actor, accountId: string): Promise<void> {
  await ctx.db.transaction(async (tx) => {
    const [row] = await tx
      .update(channelAccounts)
      .set({ status: 'disconnected', credentialsSealed: null, statusReason: null, updatedAt: new Date() })
      .where(eq(channelAccounts.id, accountId))
      .returning();
    if (!row) throw new AppError('channel.account-not-found');
    await appendAudit(tx, actor, { action: 'channel-account.disconnected', targetType: 'channel-account', targetId: row.id, unitId: row.unitId, summary: { platform: row.platform, handle: row.handle } });
  });
}

// ── People deciding what reconciliation could not ───────────────────────────

/**
 * Settles an unconfirmed publication by hand: it was posted (at `url`), or it was not and is sent
 * again. Allowed only when no check is running.
 */
export async function resolvePublication(
  tx: Tx,
  deps: PublishingDeps,
  actor: Actor,
  input: { publicationId: string; outcome: { outcome: 'published'; url: string; remoteId?: string | undefined } | { outcome: 'not-posted' } },
): Promise<PublicationView> {
  const row = await lockPublication(tx, input.publicationId);
  if (!row) throw new AppError('publication.not-found');
  if (row.state !== 'unconfirmed' || row.jobId !== null) throw new AppError('publication.invalid-state');
  if (input.outcome.outcome === 'published') {
    const remoteId = input.outcome.remoteId ?? remoteIdFromUrl(input.outcome.url);
    await updatePublication(tx, row.id, { state: 'published', remoteId, remoteUrl: input.outcome.url, publishedAt: new Date(), lastError: null, reconcileChecks: 0 });
  } else {
    const jobId = await handOver(tx, publishJobSpec, { publicationId: row.id }, new Date());
    await updatePublication(tx, row.id, { state: 'scheduled', jobId, lastError: null, reconcileChecks: 0 });
  }
  await notePublicationChange(tx, deps, row, { actor, audit: { action: 'publication.resolved', summary: { outcome: input.outcome.outcome, via: 'manual' } } });
  const after = await lockPublication(tx, row.id);
  if (!after) throw new AppError('publication.not-found');
  return presentPublication(after);
}

/** The last path segment of a post URL, which is the post id on every supported platform. */
function remoteIdFromUrl(url: string): string {
  const parts = new URL(url).pathname.split('/').filter(Boolean);
  return parts.at(-1) ?? url;
}

/** Sends a failed publication again (after a reconnect, or a fixed text), with the same idempotency key. */
export async function retryPublication(tx: Tx, deps: PublishingDeps, actor: Actor, publicationId: string): Promise<PublicationView> {
  const row = await lockPublication(tx, publicationId);
  if (!row) throw new AppError('publication.not-found');
  if (row.state !== 'failed') throw new AppError('publication.invalid-state');
  const jobId = await handOver(tx, publishJobSpec, { publicationId: row.id }, new Date());
  await updatePublication(tx, row.id, { state: 'scheduled', jobId, lastError: null, nextAttemptAt: null });
  await notePublicationChange(tx, deps, row, { actor });
  const after = await lockPublication(tx, row.id);
  if (!after) throw new AppError('publication.not-found');
  return presentPublication(after);
}
