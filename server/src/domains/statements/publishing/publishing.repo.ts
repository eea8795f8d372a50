import type { Credentials } from '@diplodesk/connector-sdk';
import { and, eq, gte, inArray, lt } from 'drizzle-orm';
import type { SecretBox } from '../../../platform/crypto/secret-box.ts';
import type { Executor } from '../../../platform/db/index.ts';
import { type ChannelAccountRow, channelAccounts, type PublicationRow, type PublicationState, publications } from './publishing.tables.ts';

/** Credentials are bound to their row: a sealed value copied to another account does not open. */
export const credentialsContext = (accountId: string) => `channel-account:${accountId}`;

/** The PKCE verifier of a connect in progress is bound to its `state`. */
export const connectStateContext = (state: string) => `connect-state:${state}`;

export function sealCredentials(box: SecretBox, accountId: string, credentials: Credentials): string {
  return box.seal(JSON.stringify(credentials), credentialsContext(accountId));
}

export function openCredentials(box: SecretBox, account: Pick<ChannelAccountRow, 'id' | 'credentialsSealed'>): Credentials {
  if (!account.credentialsSealed) throw new Error('the channel account has no stored credentials');
  return JSON.parse(box.open(account.credentialsSealed, credentialsContext(account.id))) as Credentials;
}

export async function findAccount(db: Executor, id: string): Promise<ChannelAccountRow | null> {
  const [row] = await db.select().from(channelAccounts).where(eq(channelAccounts.id, id));
  return row ?? null;
}

export async function listAccountsOfUnits(db: Executor, unitIds: string[]): Promise<ChannelAccountRow[]> {
  if (unitIds.length === 0) return [];
  return db.select().from(channelAccounts).where(inArray(channelAccounts.unitId, unitIds)).orderBy(channelAccounts.platform, channelAccounts.handle);
}

/** Locks the publication for the rest of the caller's transaction (steps 1 and 3 of a job). */
export async function lockPublication(tx: Executor, id: string): Promise<PublicationRow | null> {
  const [row] = await tx.select().from(publications).where(eq(publications.id, id)).for('update');
  return row ?? null;
}

export async function findPublication(db: Executor, id: string): Promise<PublicationRow | null> {
  const [row] = await db.select().from(publications).where(eq(publications.id, id));
  return row ?? null;
}

export async function updatePublication(tx: Executor, id: string, set: Partial<typeof publications.$inferInsert>): Promise<void> {
  await tx
    .update(publications)
    .set({ ...set, updatedAt: new Date() })
    .where(eq(publications.id, id));
}

export async function publicationsOfStatements(db: Executor, statementIds: string[]): Promise<PublicationRow[]> {
  if (statementIds.length === 0) return [];
  return db.select().from(publications).where(inArray(publications.statementId, statementIds)).orderBy(publications.scheduledAt, publications.platform);
}

export async function publicationsInRange(db: Executor, input: { unitIds: string[]; from: Date; to: Date; states: readonly PublicationState[] }): Promise<PublicationRow[]> {
  if (input.unitIds.length === 0) return [];
  return db
    .select()
    .from(publications)
    .where(and(inArray(publications.unitId, input.unitIds), inArray(publications.state, [...input.states]), gte(publications.scheduledAt, input.from), lt(publications.scheduledAt, input.to)))
    .orderBy(publications.scheduledAt);
}
