import type { KvKey, KvStore, KvStoreListEntry, KvStoreSetOptions } from '@fedify/fedify';
import { and, eq, gt, isNull, lte, or, sql } from 'drizzle-orm';
import type { Db } from '../../../platform/db/index.ts';
import { federationKv } from './federation.tables.ts';

// Keys are stored as their JSON array text, so a prefix of parts is a prefix of the text once
// the closing bracket is dropped: ["a","b"] starts with ["a", — and ["ab"] does not.
export const encodeKvKey = (key: KvKey): string => JSON.stringify(key);
export const kvPrefixOf = (prefix: KvKey): string => `${JSON.stringify(prefix).slice(0, -1)},`;

const jsonNull = sql`'null'::jsonb`;

const live = () => or(isNull(federationKv.expiresAt), gt(federationKv.expiresAt, sql`now()`));

function expiresAt(options?: KvStoreSetOptions): Date | null {
  if (!options?.ttl) return null;
  return new Date(Date.now() + options.ttl.total('millisecond'));
}

/** Fedify's KvStore on our database (`federation_kv`), so caches and idempotence survive restarts and are shared by instances. */
export function createDbKvStore(db: Db): KvStore & { pruneExpired(): Promise<number> } {
  return {
    async get<T = unknown>(key: KvKey): Promise<T | undefined> {
      const [row] = await db
        .select({ value: federationKv.value })
        .from(federationKv)
        .where(and(eq(federationKv.key, encodeKvKey(key)), live()));
      return row ? (row.value as T) : undefined;
    },
    async set(key, value, options) {
      // Fedify caches a key it could not fetch (a deleted account, a server down) as `null`, a
      // value distinct from "no entry" (it stops re-fetching for a while). Drizzle would send JS
      // null as SQL NULL, which the NOT NULL column refuses; the JSON literal null is a value.
      const stored = value === null || value === undefined ? jsonNull : value;
      const row = { key: encodeKvKey(key), value: stored, expiresAt: expiresAt(options) };
      await db.insert(federationKv).values(row).onConflictDoUpdate({ target: federationKv.key, set: { value: row.value, expiresAt: row.expiresAt } });
    },
    async delete(key) {
      await db.delete(federationKv).where(eq(federationKv.key, encodeKvKey(key)));
    },
    async *list(prefix?: KvKey): AsyncIterable<KvStoreListEntry> {
      const where = prefix
        ? and(live(), or(eq(federationKv.key, encodeKvKey(prefix)), sql`starts_with(${federationKv.key}, ${kvPrefixOf(prefix)})`))
        : live();
      const rows = await db.select().from(federationKv).where(where).orderBy(federationKv.key);
      for (const row of rows) yield { key: JSON.parse(row.key) as KvKey, value: row.value };
    },
    async pruneExpired() {
      const rows = await db.delete(federationKv).where(lte(federationKv.expiresAt, sql`now()`)).returning({ key: federationKv.key });
      return rows.length;
    },
  };
}
