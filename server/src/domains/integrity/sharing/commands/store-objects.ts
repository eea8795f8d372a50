import { and, eq, inArray } from 'drizzle-orm';
import { canonicalJson } from '../../../../platform/crypto/canonical-json.ts';
import type { Tx } from '../../../../platform/db/index.ts';
import { AppError } from '../../../../platform/errors/app-error.ts';
import { insertObjectVersions, lockCollection } from '../sharing.repo.ts';
import { sharingCollections, sharingObjects, type StatusDetail } from '../sharing.tables.ts';
import { type CheckedObject, checkStixObject } from '../stix/validate-object.ts';
import { fromMicros } from '../stix/timestamps.ts';

export type Origin = 'published' | 'received' | 'uploaded';
export type StoreOutcome = { successes: StatusDetail[]; failures: StatusDetail[]; stored: number; alreadyPresent: number };

/** Checks every object; the valid ones and, for each invalid one, why. */
export function checkObjects(objects: unknown[]): { valid: CheckedObject[]; failures: StatusDetail[] } {
  const valid: CheckedObject[] = [];
  const failures: StatusDetail[] = [];
  objects.forEach((o, i) => {
    const checked = checkStixObject(o, i);
    if (checked.ok) valid.push(checked.value);
    else failures.push({ id: checked.id, message: checked.message });
  });
  return { valid, failures };
}

/**
 * Stores object versions in a collection inside the caller's transaction. The collection row is
 * locked, so `date_added` continues strictly increasing from the last write (TAXII clients poll
 * with `added_after`). A version the collection already holds is a success that stores nothing:
 * sending the same bundle twice (a retry, a re-export) never duplicates. An object without
 * `created`/`modified` (a cyber-observable) is versioned by its date added, so it is compared by
 * content instead. Rows go in by the batch (a threat report holds hundreds of objects).
 */
export async function storeCheckedObjects(tx: Tx, collectionId: string, valid: CheckedObject[], who: { origin: Origin; partnerId: string | null; userId: string | null }): Promise<Omit<StoreOutcome, 'failures'>> {
  const collection = await lockCollection(tx, collectionId);
  if (!collection) throw new AppError('sharing-collection.not-found');
  const held = await contentsHeld(tx, collectionId, valid.filter((o) => o.versionUs === null).map((o) => o.id));
  let next = Math.max(Date.now() * 1000, collection.lastAddedUs + 1);
  const rows: (typeof sharingObjects.$inferInsert)[] = [];
  const plan: { id: string; key: string | null; version: string }[] = [];
  for (const o of valid) {
    if (o.versionUs === null) {
      const content = canonicalJson(o.object);
      if (held.has(`${o.id} ${content}`)) {
        plan.push({ id: o.id, key: null, version: '' });
        continue;
      }
      held.add(`${o.id} ${content}`);
    }
    const dateAddedUs = next;
    next += 1;
    const versionUs = o.versionUs ?? dateAddedUs;
    const version = o.version ?? fromMicros(dateAddedUs);
    rows.push({ collectionId, dateAddedUs, objectId: o.id, type: o.type, version, versionUs, specVersion: o.specVersion, object: o.object, origin: who.origin, partnerId: who.partnerId, addedBy: who.userId });
    plan.push({ id: o.id, key: `${o.id} ${versionUs}`, version });
  }
  const inserted = new Set<string>();
  for (let i = 0; i < rows.length; i += insertBatch) {
    for (const r of await insertObjectVersions(tx, rows.slice(i, i + insertBatch))) inserted.add(`${r.objectId} ${r.versionUs}`);
  }
  const successes: StatusDetail[] = [];
  let stored = 0;
  for (const step of plan) {
    // Each key is stored at most once: its first occurrence takes the insert, any repeat is already there.
    if (step.key && inserted.delete(step.key)) {
      stored += 1;
      successes.push({ id: step.id, version: step.version });
    } else successes.push({ id: step.id, ...(step.version ? { version: step.version } : {}), message: 'Already in the collection at this version.' });
  }
  if (stored > 0) {
    const last = Math.max(...rows.map((r) => r.dateAddedUs));
    await tx.update(sharingCollections).set({ lastAddedUs: last }).where(eq(sharingCollections.id, collectionId));
  }
  return { successes, stored, alreadyPresent: successes.length - stored };
}

// Rows per INSERT: well under PostgreSQL's 65,535 bind parameters at 11 columns a row.
const insertBatch = 500;

/** `id content` of what the collection holds for these (unversioned) object ids. */
async function contentsHeld(tx: Tx, collectionId: string, ids: string[]): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const rows = await tx
    .select({ id: sharingObjects.objectId, object: sharingObjects.object })
    .from(sharingObjects)
    .where(and(eq(sharingObjects.collectionId, collectionId), inArray(sharingObjects.objectId, [...new Set(ids)])));
  return new Set(rows.map((r) => `${r.id} ${canonicalJson(r.object)}`));
}
