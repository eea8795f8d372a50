import { and, desc, eq, inArray } from 'drizzle-orm';
import type { Executor } from '../../../../platform/db/index.ts';
import { insightsUnVotesImports, type UnVotesImportError, type UnVotesImportState } from '../unvotes.tables.ts';

export type UnVotesImportRow = typeof insightsUnVotesImports.$inferSelect;

/** An import that has not ended: the job still has work to do on it. */
export const activeStates: readonly UnVotesImportState[] = ['queued', 'checking', 'storing'];

export async function insertUnVotesImport(x: Executor, row: typeof insightsUnVotesImports.$inferInsert): Promise<UnVotesImportRow> {
  const [created] = await x.insert(insightsUnVotesImports).values(row).returning();
  return created as UnVotesImportRow;
}

export async function findUnVotesImport(x: Executor, id: string): Promise<UnVotesImportRow | undefined> {
  const [row] = await x.select().from(insightsUnVotesImports).where(eq(insightsUnVotesImports.id, id));
  return row;
}

/** The row locked for this transaction: progress and the end never interleave. */
export async function lockUnVotesImport(x: Executor, id: string): Promise<UnVotesImportRow | undefined> {
  const [row] = await x.select().from(insightsUnVotesImports).where(eq(insightsUnVotesImports.id, id)).for('update');
  return row;
}

export async function updateUnVotesImport(x: Executor, id: string, patch: Partial<typeof insightsUnVotesImports.$inferInsert>): Promise<UnVotesImportRow> {
  const [row] = await x
    .update(insightsUnVotesImports)
    .set({ ...patch, updatedAt: new Date() })
    .where(eq(insightsUnVotesImports.id, id))
    .returning();
  return row as UnVotesImportRow;
}

/** Progress while the file is checked; nothing once the import has moved on (another run took over). */
export async function recordChecking(x: Executor, id: string, progress: { bytesChecked: number; rowsRead: number }): Promise<void> {
  await x
    .update(insightsUnVotesImports)
    .set({ ...progress, updatedAt: new Date() })
    .where(and(eq(insightsUnVotesImports.id, id), eq(insightsUnVotesImports.status, 'checking')));
}

/** Ends an import that has not ended; false when it already had. */
export async function failUnVotesImport(x: Executor, id: string, error: UnVotesImportError): Promise<boolean> {
  const rows = await x
    .update(insightsUnVotesImports)
    .set({ status: 'failed', error: { ...error, message: error.message.slice(0, 1000) }, finishedAt: new Date(), updatedAt: new Date() })
    .where(and(eq(insightsUnVotesImports.id, id), inArray(insightsUnVotesImports.status, [...activeStates])))
    .returning({ id: insightsUnVotesImports.id });
  return rows.length === 1;
}

export function listUnVotesImports(x: Executor, limit: number): Promise<UnVotesImportRow[]> {
  return x.select().from(insightsUnVotesImports).orderBy(desc(insightsUnVotesImports.createdAt), desc(insightsUnVotesImports.id)).limit(limit);
}
