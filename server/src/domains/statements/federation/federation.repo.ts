import { and, desc, eq, isNull, sql } from 'drizzle-orm';
import type { Executor } from '../../../platform/db/index.ts';
import {
  federationActorKeys,
  federationFollowers,
  federationFollowing,
  federationPosts,
  federationReceived,
  type FollowingStatus,
} from './federation.tables.ts';

export type FollowerRow = typeof federationFollowers.$inferSelect;
export type FollowingRow = typeof federationFollowing.$inferSelect;
export type ReceivedRow = typeof federationReceived.$inferSelect;
export type PostRow = typeof federationPosts.$inferSelect;
export type ActorKeyRow = typeof federationActorKeys.$inferSelect;

export const listActorKeys = (x: Executor, unitId: string) => x.select().from(federationActorKeys).where(eq(federationActorKeys.unitId, unitId));

/** Inserts unless another instance won the race; the caller reads the keys back either way. */
export async function insertActorKeys(x: Executor, rows: (typeof federationActorKeys.$inferInsert)[]): Promise<void> {
  await x.insert(federationActorKeys).values(rows).onConflictDoNothing();
}

export async function upsertFollower(x: Executor, row: typeof federationFollowers.$inferInsert): Promise<void> {
  const { unitId: _u, actorId: _a, ...rest } = row;
  await x.insert(federationFollowers).values(row).onConflictDoUpdate({ target: [federationFollowers.unitId, federationFollowers.actorId], set: rest });
}

export async function deleteFollower(x: Executor, unitId: string, actorId: string): Promise<void> {
  await x.delete(federationFollowers).where(and(eq(federationFollowers.unitId, unitId), eq(federationFollowers.actorId, actorId)));
}

export const listFollowers = (x: Executor, unitId?: string) =>
  x
    .select()
    .from(federationFollowers)
    .where(unitId ? eq(federationFollowers.unitId, unitId) : undefined)
    .orderBy(desc(federationFollowers.createdAt));

export async function countFollowers(x: Executor, unitId: string): Promise<number> {
  const [row] = await x.select({ n: sql<number>`count(*)::int` }).from(federationFollowers).where(eq(federationFollowers.unitId, unitId));
  return row?.n ?? 0;
}

/** A new Follow replaces an earlier one to the same actor (a re-follow after an Undo or a lost Accept). */
export async function replaceFollowing(x: Executor, row: typeof federationFollowing.$inferInsert): Promise<FollowingRow> {
  await x.delete(federationFollowing).where(and(eq(federationFollowing.unitId, row.unitId), eq(federationFollowing.actorId, row.actorId)));
  const [inserted] = await x.insert(federationFollowing).values(row).returning();
  return inserted!;
}

export async function setFollowingStatus(x: Executor, followId: string, actorId: string, status: FollowingStatus): Promise<boolean> {
  const rows = await x
    .update(federationFollowing)
    .set({ status, acceptedAt: status === 'accepted' ? new Date() : null })
    .where(and(eq(federationFollowing.followId, followId), eq(federationFollowing.actorId, actorId)))
    .returning({ id: federationFollowing.id });
  return rows.length > 0;
}

export const listFollowing = (x: Executor) => x.select().from(federationFollowing).orderBy(desc(federationFollowing.createdAt));

export async function isFollowing(x: Executor, actorId: string): Promise<boolean> {
  const [row] = await x.select({ id: federationFollowing.id }).from(federationFollowing).where(eq(federationFollowing.actorId, actorId)).limit(1);
  return row !== undefined;
}

export async function insertReceived(x: Executor, row: typeof federationReceived.$inferInsert): Promise<void> {
  await x.insert(federationReceived).values(row).onConflictDoNothing();
}

/** A Delete from the object's author marks what we stored of that object as deleted. */
export async function markReceivedDeleted(x: Executor, objectId: string, actorId: string): Promise<number> {
  const rows = await x
    .update(federationReceived)
    .set({ deletedAt: new Date() })
    .where(and(eq(federationReceived.objectId, objectId), eq(federationReceived.actorId, actorId), isNull(federationReceived.deletedAt)))
    .returning({ id: federationReceived.id });
  return rows.length;
}

export const listReceived = (x: Executor, limit: number) => x.select().from(federationReceived).orderBy(desc(federationReceived.receivedAt)).limit(limit);

export async function insertPost(x: Executor, row: typeof federationPosts.$inferInsert): Promise<void> {
  await x.insert(federationPosts).values(row).onConflictDoNothing();
}

export async function findPost(x: Executor, statementId: string): Promise<PostRow | undefined> {
  const [row] = await x.select().from(federationPosts).where(eq(federationPosts.statementId, statementId));
  return row;
}

export async function markPostWithdrawn(x: Executor, statementId: string, at: Date): Promise<PostRow | undefined> {
  const [row] = await x.update(federationPosts).set({ withdrawnAt: at }).where(eq(federationPosts.statementId, statementId)).returning();
  return row;
}

/** The organisation actor publishes every statement of the organisation; a mission actor only its own. */
export function listLivePostsOf(x: Executor, unit: { id: string; isOrganisation: boolean }, limit: number) {
  const owner = unit.isOrganisation ? eq(federationPosts.organisationId, unit.id) : eq(federationPosts.unitId, unit.id);
  return x
    .select()
    .from(federationPosts)
    .where(and(owner, isNull(federationPosts.withdrawnAt)))
    .orderBy(desc(federationPosts.publishedAt))
    .limit(limit);
}
