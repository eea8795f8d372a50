// Queries of the web import. Takes the executor; holds no rules.
import { and, desc, eq, inArray, sql } from 'drizzle-orm';
import type { Executor } from '../../../platform/db/index.ts';
import { listeningImports, listeningItems, listeningSources } from '../listening.tables.ts';

export type ImportRow = typeof listeningImports.$inferSelect;
export type ImportProgress = Pick<ImportRow, 'bytesRead' | 'rowsRead' | 'rejected' | 'reasons' | 'rejectedKey' | 'status' | 'finishedAt'>;

export async function insertImport(x: Executor, row: typeof listeningImports.$inferInsert): Promise<ImportRow> {
  const [created] = await x.insert(listeningImports).values(row).returning();
  return created as ImportRow;
}

export async function findImport(x: Executor, id: string): Promise<ImportRow | undefined> {
  const [row] = await x.select().from(listeningImports).where(eq(listeningImports.id, id));
  return row;
}

/** The row locked for this transaction: status changes and progress never interleave. */
export async function lockImport(x: Executor, id: string): Promise<ImportRow | undefined> {
  const [row] = await x.select().from(listeningImports).where(eq(listeningImports.id, id)).for('update');
  return row;
}

export async function updateImport(x: Executor, id: string, patch: Partial<typeof listeningImports.$inferInsert>): Promise<ImportRow> {
  const [row] = await x
    .update(listeningImports)
    .set({ ...patch, updatedAt: new Date() })
    .where(eq(listeningImports.id, id))
    .returning();
  return row as ImportRow;
}

/** Marks a running import failed; false when it was no longer running (cancelled meanwhile). */
export async function failImport(x: Executor, id: string, error: string): Promise<boolean> {
  const rows = await x
    .update(listeningImports)
    .set({ status: 'failed', error: error.slice(0, 1000), finishedAt: new Date(), updatedAt: new Date() })
    .where(and(eq(listeningImports.id, id), eq(listeningImports.status, 'running')))
    .returning({ id: listeningImports.id });
  return rows.length === 1;
}

export function listImports(x: Executor, unitIds: string[], limit: number): Promise<ImportRow[]> {
  if (unitIds.length === 0) return Promise.resolve([]);
  return x.select().from(listeningImports).where(inArray(listeningImports.unitId, unitIds)).orderBy(desc(listeningImports.createdAt), desc(listeningImports.id)).limit(limit);
}

/**
 * New items each import stored: items carry their import's id in `raw`, and an item already
 * present from an earlier import keeps that import's id — so this counts only what was new.
 */
export async function storedCounts(x: Executor, imports: Pick<ImportRow, 'id' | 'sourceId'>[]): Promise<Map<string, number>> {
  const started = imports.filter((i): i is Pick<ImportRow, 'id'> & { sourceId: string } => i.sourceId !== null);
  if (started.length === 0) return new Map();
  const importId = sql<string>`${listeningItems.raw}->>'importId'`;
  const rows = await x
    .select({ importId, n: sql<number>`count(*)::int` })
    .from(listeningItems)
    .where(
      and(
        inArray(listeningItems.sourceId, [...new Set(started.map((i) => i.sourceId))]),
        inArray(
          importId,
          started.map((i) => i.id),
        ),
      ),
    )
    .groupBy(importId);
  return new Map(rows.map((r) => [r.importId, Number(r.n)]));
}

/** The unit's import source for a file's content (a second import of the same file reuses it, so nothing is doubled). */
export async function findUploadSource(x: Executor, unitId: string, sha256: string) {
  const [row] = await x
    .select()
    .from(listeningSources)
    .where(and(eq(listeningSources.unitId, unitId), eq(listeningSources.connector, 'import'), sql`${listeningSources.config}->>'sha256' = ${sha256}`))
    .limit(1);
  return row;
}
