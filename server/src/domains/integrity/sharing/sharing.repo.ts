import { and, asc, eq, gt, inArray, type SQL, sql } from 'drizzle-orm';
import type { Executor } from '../../../platform/db/index.ts';
import { sharingAccess, sharingCollections, sharingObjects, sharingPartners, sharingStatus } from './sharing.tables.ts';

export type PartnerRow = typeof sharingPartners.$inferSelect;
export type CollectionRow = typeof sharingCollections.$inferSelect;
export type AccessRow = typeof sharingAccess.$inferSelect;
export type ObjectRow = typeof sharingObjects.$inferSelect;
export type StatusRow = typeof sharingStatus.$inferSelect;

export async function insertPartner(x: Executor, row: typeof sharingPartners.$inferInsert): Promise<PartnerRow> {
  const [inserted] = await x.insert(sharingPartners).values(row).returning();
  if (!inserted) throw new Error('partner not stored');
  return inserted;
}

export async function findPartner(x: Executor, id: string): Promise<PartnerRow | undefined> {
  const [row] = await x.select().from(sharingPartners).where(eq(sharingPartners.id, id));
  return row;
}

export async function findPartnerByAccount(x: Executor, userId: string): Promise<PartnerRow | undefined> {
  const [row] = await x.select().from(sharingPartners).where(eq(sharingPartners.userId, userId));
  return row;
}

export const listPartners = (x: Executor) => x.select().from(sharingPartners).orderBy(asc(sharingPartners.name));

export async function updatePartnerRow(x: Executor, id: string, patch: Partial<typeof sharingPartners.$inferInsert>): Promise<PartnerRow> {
  const [row] = await x.update(sharingPartners).set({ ...patch, updatedAt: new Date() }).where(eq(sharingPartners.id, id)).returning();
  if (!row) throw new Error('partner vanished');
  return row;
}

export async function insertCollection(x: Executor, row: typeof sharingCollections.$inferInsert): Promise<CollectionRow> {
  const [inserted] = await x.insert(sharingCollections).values(row).returning();
  if (!inserted) throw new Error('collection not stored');
  return inserted;
}

export async function findCollection(x: Executor, id: string): Promise<CollectionRow | undefined> {
  const [row] = await x.select().from(sharingCollections).where(eq(sharingCollections.id, id));
  return row;
}

export async function findCollectionByAlias(x: Executor, alias: string): Promise<CollectionRow | undefined> {
  const [row] = await x.select().from(sharingCollections).where(eq(sharingCollections.alias, alias));
  return row;
}

/** The collection row under a lock: writers of one collection take turns (strictly increasing `date_added`). */
export async function lockCollection(x: Executor, id: string): Promise<CollectionRow | undefined> {
  const [row] = await x.select().from(sharingCollections).where(eq(sharingCollections.id, id)).for('update');
  return row;
}

export const listCollections = (x: Executor) => x.select().from(sharingCollections).orderBy(asc(sharingCollections.title), asc(sharingCollections.id));

export async function updateCollectionRow(x: Executor, id: string, patch: Partial<typeof sharingCollections.$inferInsert>): Promise<CollectionRow> {
  const [row] = await x.update(sharingCollections).set({ ...patch, updatedAt: new Date() }).where(eq(sharingCollections.id, id)).returning();
  if (!row) throw new Error('collection vanished');
  return row;
}

export const accessOfPartner = (x: Executor, partnerId: string) => x.select().from(sharingAccess).where(eq(sharingAccess.partnerId, partnerId));

export async function accessOfPartners(x: Executor, partnerIds: string[]): Promise<AccessRow[]> {
  if (partnerIds.length === 0) return [];
  return x.select().from(sharingAccess).where(inArray(sharingAccess.partnerId, partnerIds));
}

export async function accessOfCollections(x: Executor, collectionIds: string[]): Promise<(AccessRow & { partnerName: string })[]> {
  if (collectionIds.length === 0) return [];
  return x
    .select({ collectionId: sharingAccess.collectionId, partnerId: sharingAccess.partnerId, canRead: sharingAccess.canRead, canWrite: sharingAccess.canWrite, updatedAt: sharingAccess.updatedAt, partnerName: sharingPartners.name })
    .from(sharingAccess)
    .innerJoin(sharingPartners, eq(sharingPartners.id, sharingAccess.partnerId))
    .where(inArray(sharingAccess.collectionId, collectionIds))
    .orderBy(asc(sharingPartners.name));
}

export async function setAccessRow(x: Executor, row: { collectionId: string; partnerId: string; canRead: boolean; canWrite: boolean }): Promise<void> {
  if (!row.canRead && !row.canWrite) {
    await x.delete(sharingAccess).where(and(eq(sharingAccess.collectionId, row.collectionId), eq(sharingAccess.partnerId, row.partnerId)));
    return;
  }
  await x
    .insert(sharingAccess)
    .values(row)
    .onConflictDoUpdate({ target: [sharingAccess.collectionId, sharingAccess.partnerId], set: { canRead: row.canRead, canWrite: row.canWrite, updatedAt: new Date() } });
}

export async function countObjects(x: Executor, collectionIds: string[]): Promise<Map<string, number>> {
  if (collectionIds.length === 0) return new Map();
  const rows = await x
    .select({ id: sharingObjects.collectionId, n: sql<number>`count(*)::int` })
    .from(sharingObjects)
    .where(inArray(sharingObjects.collectionId, collectionIds))
    .groupBy(sharingObjects.collectionId);
  return new Map(rows.map((r) => [r.id, r.n]));
}

/** Inserts object versions; returns those that were new (a version the collection holds is skipped). */
export async function insertObjectVersions(x: Executor, rows: (typeof sharingObjects.$inferInsert)[]): Promise<{ objectId: string; versionUs: number }[]> {
  if (rows.length === 0) return [];
  return x.insert(sharingObjects).values(rows).onConflictDoNothing().returning({ objectId: sharingObjects.objectId, versionUs: sharingObjects.versionUs });
}

export type VersionFilter = { kind: 'first' } | { kind: 'last' } | { kind: 'all' } | { kind: 'at'; us: number };

export type ObjectQuery = {
  collectionId: string;
  addedAfterUs: number | null;
  /** Continue after this date added (the `next` of the previous page). */
  afterUs: number | null;
  ids: string[] | null;
  types: string[] | null;
  versions: VersionFilter[];
  specVersions: string[] | null;
  limit: number;
};

/**
 * One page of object versions in `date_added` order, with the TAXII filters: the `match[version]`
 * selectors are ORed (first / last / all / a timestamp), the other filters ANDed.
 */
export async function queryObjects(x: Executor, q: ObjectQuery): Promise<ObjectRow[]> {
  const conds: SQL[] = [eq(sharingObjects.collectionId, q.collectionId)];
  if (q.addedAfterUs !== null) conds.push(gt(sharingObjects.dateAddedUs, q.addedAfterUs));
  if (q.afterUs !== null) conds.push(gt(sharingObjects.dateAddedUs, q.afterUs));
  if (q.ids) conds.push(inArray(sharingObjects.objectId, q.ids));
  if (q.types) conds.push(inArray(sharingObjects.type, q.types));
  if (q.specVersions) conds.push(inArray(sharingObjects.specVersion, q.specVersions));
  const o = sharingObjects;
  const picks: SQL[] = [];
  for (const v of q.versions) {
    if (v.kind === 'all') {
      picks.length = 0;
      break;
    }
    if (v.kind === 'at') picks.push(sql`${o.versionUs} = ${v.us}`);
    if (v.kind === 'last') picks.push(sql`${o.versionUs} = (select max(m.version_us) from sharing_objects m where m.collection_id = ${o.collectionId} and m.object_id = ${o.objectId})`);
    if (v.kind === 'first') picks.push(sql`${o.versionUs} = (select min(m.version_us) from sharing_objects m where m.collection_id = ${o.collectionId} and m.object_id = ${o.objectId})`);
  }
  if (picks.length > 0) conds.push(sql`(${sql.join(picks, sql` or `)})`);
  return x
    .select()
    .from(sharingObjects)
    .where(and(...conds))
    .orderBy(asc(sharingObjects.dateAddedUs))
    .limit(q.limit + 1);
}

export async function insertStatus(x: Executor, row: typeof sharingStatus.$inferInsert): Promise<StatusRow> {
  const [inserted] = await x.insert(sharingStatus).values(row).returning();
  if (!inserted) throw new Error('status not stored');
  return inserted;
}

export async function findStatus(x: Executor, id: string): Promise<StatusRow | undefined> {
  const [row] = await x.select().from(sharingStatus).where(eq(sharingStatus.id, id));
  return row;
}
