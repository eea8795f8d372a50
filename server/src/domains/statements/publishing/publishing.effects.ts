// Shared pieces of the publishing jobs: the dependencies they run with, the outbox event and
// audit entry every state change writes, and calls that refresh an expired token once.
import type { Credentials, PublishChannel } from '@diplodesk/connector-sdk';
import { isConnectorError } from '@diplodesk/connector-sdk';
import { eq } from 'drizzle-orm';
import { type Actor, appendAudit, systemActor } from '../../../platform/audit/audit.ts';
import type { ConnectorRegistry } from '../../../platform/connectors/index.ts';
import type { SecretBox } from '../../../platform/crypto/secret-box.ts';
import type { Db, Executor } from '../../../platform/db/index.ts';
import { appendEvents } from '../../../platform/events/outbox.ts';
import type { Storage } from '../../../platform/storage/storage.ts';
import { type StatementChangedData, statementChanged } from '../statements.events.ts';
import { openCredentials, sealCredentials } from './publishing.repo.ts';
import { channelAccounts, type PublicationRow } from './publishing.tables.ts';

export type PublishingDeps = {
  connectors: ConnectorRegistry;
  secretBox: SecretBox;
  storage: Storage;
  /**
   * The statement's own status for the `statement-changed` event (owned by statements core). Without
   * it the event carries `published`, the only status a statement has while it is being published.
   */
  statementStatus?: (db: Executor, statementId: string) => Promise<string>;
};

export const jobActor: Actor = systemActor('publishing');

type PublicationAuditAction = 'publication.published' | 'publication.failed' | 'publication.unconfirmed' | 'publication.resolved' | 'publication.withdrawn';

/** One outbox event (live status) and, for outcomes, one audit entry, in the caller's transaction. */
export async function notePublicationChange(
  tx: Executor,
  deps: Pick<PublishingDeps, 'statementStatus'>,
  row: Pick<PublicationRow, 'id' | 'statementId' | 'unitId' | 'platform' | 'channelAccountId'>,
  opts: { actor?: Actor; audit?: { action: PublicationAuditAction; summary: Record<string, unknown> } } = {},
): Promise<void> {
  const actor = opts.actor ?? jobActor;
  const status = deps.statementStatus ? await deps.statementStatus(tx, row.statementId) : 'published';
  const data: StatementChangedData = { statementId: row.statementId, status, change: 'publication-updated', actorId: actor.userId };
  await appendEvents(tx, [{ type: statementChanged, unitId: row.unitId, data }]);
  if (opts.audit) {
    await appendAudit(tx, actor, {
      action: opts.audit.action,
      targetType: 'publication',
      targetId: row.id,
      unitId: row.unitId,
      summary: { statementId: row.statementId, platform: row.platform, channelAccountId: row.channelAccountId, ...opts.audit.summary },
    });
  }
}

/** The account's credentials and channel, as a job plan carries them (sealed: plans are never logged, but still). */
export type AccountHandle = { accountId: string; platform: string; credentialsSealed: string };

export function channelFor(deps: PublishingDeps, platform: string): PublishChannel | null {
  return deps.connectors.publisher(platform);
}

const REFRESH_AHEAD_MS = 60_000;

/** Thrown inside `withCredentials` when the token is dead and cannot be refreshed: the account needs a person. */
export class ReconnectNeededError extends Error {
  override readonly name = 'ReconnectNeededError';
}

/**
 * Runs `call` with the account's credentials, refreshing them first when they are about to expire
 * and once more when the platform answers `auth-expired` (nothing was done then, so the call may be
 * repeated). New credentials are stored at once, outside any job transaction: a refresh token the
 * platform rotated is gone for good if we crash before saving its successor.
 */
export async function withCredentials<T>(
  deps: PublishingDeps,
  db: Db,
  handle: AccountHandle,
  channel: PublishChannel,
  call: (credentials: Credentials) => Promise<T>,
): Promise<{ value: T; credentials: Credentials }> {
  let credentials = openCredentials(deps.secretBox, { id: handle.accountId, credentialsSealed: handle.credentialsSealed });
  let refreshed = false;
  const refresh = async () => {
    refreshed = true;
    if (!credentials.refreshToken) throw new ReconnectNeededError('The access token expired and the platform gave no refresh token.');
    try {
      credentials = await channel.refreshToken(credentials);
    } catch (error) {
      if (isConnectorError(error, 'auth-expired') || isConnectorError(error, 'rejected')) throw new ReconnectNeededError(`Refreshing the token failed: ${error.message}`);
      throw error;
    }
    await db
      .update(channelAccounts)
      .set({ credentialsSealed: sealCredentials(deps.secretBox, handle.accountId, credentials), updatedAt: new Date() })
      .where(eq(channelAccounts.id, handle.accountId));
  };
  if (credentials.expiresAt !== undefined && credentials.refreshToken && credentials.expiresAt - Date.now() < REFRESH_AHEAD_MS) await refresh();
  try {
    return { value: await call(credentials), credentials };
  } catch (error) {
    if (!isConnectorError(error, 'auth-expired') || refreshed) {
      if (isConnectorError(error, 'auth-expired')) throw new ReconnectNeededError(`The platform refused the refreshed token: ${error.message}`);
      throw error;
    }
    await refresh();
    return { value: await call(credentials), credentials };
  }
}
