import { and, getTableColumns, type SQL, sql } from 'drizzle-orm';
import type { AnyPgColumn, PgTable } from 'drizzle-orm/pg-core';
import type { Executor } from '../db/index.ts';
import type { SecretPurpose } from './secret-box.ts';

/** One stored sealed value, with what opening it needs. `key` names its row (never secret). */
export type SealedValue = { key: string; sealed: string; context: string };

/**
 * A place where sealed values are stored: each domain describes its own (beside the code that
 * seals them, with the same context), so re-sealing after a master-key rotation misses none.
 */
export type SealedColumn = {
  /** `table.column`, as operators see it in the re-seal report. */
  name: string;
  purpose: SecretPurpose;
  /** Up to `limit` values whose row key sorts after `after`, in key order. */
  list(x: Executor, after: string | null, limit: number): Promise<SealedValue[]>;
  /** Stores `after` in place of `before`; false when the row changed meanwhile (that write wins). */
  replace(x: Executor, key: string, before: string, after: string): Promise<boolean>;
};

type ColumnData<C extends Record<string, AnyPgColumn>> = { [K in keyof C]: C[K]['_']['data'] };

/**
 * Describes a sealed text column. `key` orders and names the rows (the primary key, or an
 * expression over a composite one); `columns` are what `context` reads to rebuild the AAD.
 * @example sealedColumn({ name: 'users.totp_secret_enc', purpose: 'totp', table: users, key: users.id, sealed: users.totpSecretEnc, columns: { id: users.id }, context: (r) => `totp:${r.id}` })
 */
export function sealedColumn<C extends Record<string, AnyPgColumn>>(spec: {
  name: string;
  purpose: SecretPurpose;
  table: PgTable;
  key: AnyPgColumn | SQL<string>;
  /** The sealed value: a text column, or an expression reaching into one (with `write` to store it). */
  sealed: AnyPgColumn | SQL<string | null>;
  columns: C;
  context: (row: ColumnData<C>) => string;
  /** The columns to set to store a new sealed value; default: the `sealed` column. */
  write?: (sealed: string) => Record<string, unknown>;
}): SealedColumn {
  const write = spec.write ?? ((value: string) => ({ [propertyOf(spec.table, spec.sealed)]: value }));
  return {
    name: spec.name,
    purpose: spec.purpose,
    async list(x, after, limit) {
      const rows = await x
        .select({ key: sql<string>`${spec.key}::text`, sealed: sql<string>`${spec.sealed}`, ...spec.columns })
        .from(spec.table)
        .where(and(sql`${spec.sealed} is not null`, after === null ? undefined : sql`${spec.key}::text > ${after}`))
        .orderBy(sql`${spec.key}::text`)
        .limit(limit);
      return rows.map((row) => ({ key: row.key, sealed: row.sealed, context: spec.context(row as unknown as ColumnData<C>) }));
    },
    async replace(x, key, before, after) {
      const updated = await x
        .update(spec.table)
        .set(write(after))
        .where(and(sql`${spec.key}::text = ${key}`, sql`${spec.sealed} = ${before}`))
        .returning({ key: sql<string>`${spec.key}::text` });
      return updated.length === 1;
    },
  };
}

/** The property name drizzle knows a column by (what `set` takes). */
function propertyOf(table: PgTable, column: AnyPgColumn | SQL): string {
  const entry = Object.entries(getTableColumns(table)).find(([, value]) => value === column);
  if (!entry) throw new Error('a sealed expression needs `write` to say how to store a value');
  return entry[0];
}
