// Every query of the statements core. Takes the executor (db or transaction); holds no rules.
import type { StatementStatus } from '@diplodesk/contracts';
import { and, asc, desc, eq, gte, inArray, isNull, like, lt, or, sql } from 'drizzle-orm';
import type { Executor } from '../../platform/db/index.ts';
import {
  clearanceChains,
  clearanceDecisions,
  type StatementContent,
  statementAttachments,
  statementComments,
  statements,
  statementTemplates,
  statementVersions,
} from './statements.tables.ts';

export type StatementRow = typeof statements.$inferSelect;
export type VersionRow = typeof statementVersions.$inferSelect;
export type AttachmentRow = typeof statementAttachments.$inferSelect;
export type CommentRow = typeof statementComments.$inferSelect;
export type ChainRow = typeof clearanceChains.$inferSelect;
export type DecisionRow = typeof clearanceDecisions.$inferSelect;
export type TemplateRow = typeof statementTemplates.$inferSelect;

/** Lower-cased titles and bodies for the list search (a LIKE over one column, fine at desk scale). */
export function searchTextOf(content: StatementContent): string {
  return content.texts
    .map((t) => `${t.title}\n${t.body}`)
    .join('\n')
    .toLowerCase()
    .slice(0, 20_000);
}

export async function insertStatement(x: Executor, row: typeof statements.$inferInsert): Promise<StatementRow> {
  const [created] = await x.insert(statements).values(row).returning();
  return created as StatementRow;
}

export async function findStatement(x: Executor, id: string): Promise<StatementRow | undefined> {
  const [row] = await x.select().from(statements).where(eq(statements.id, id));
  return row;
}

export function listStatementsByIds(x: Executor, ids: string[]): Promise<StatementRow[]> {
  if (ids.length === 0) return Promise.resolve([]);
  return x.select().from(statements).where(inArray(statements.id, ids));
}

/** Scheduled and published statements of the units whose publication time falls in [from, to). */
export function listNewsroomInRange(x: Executor, input: { unitIds: string[]; from: Date; to: Date }): Promise<StatementRow[]> {
  if (input.unitIds.length === 0) return Promise.resolve([]);
  return x
    .select()
    .from(statements)
    .where(and(inArray(statements.unitId, input.unitIds), inArray(statements.status, ['scheduled', 'published']), gte(statements.scheduledAt, input.from), lt(statements.scheduledAt, input.to)))
    .orderBy(asc(statements.scheduledAt), asc(statements.id));
}

/** The row locked for the rest of the transaction: decisions and edits on one statement queue up. */
export async function lockStatement(x: Executor, id: string): Promise<StatementRow | undefined> {
  const [row] = await x.select().from(statements).where(eq(statements.id, id)).for('update');
  return row;
}

export async function updateStatementRow(x: Executor, id: string, patch: Partial<typeof statements.$inferInsert>): Promise<StatementRow> {
  const [row] = await x
    .update(statements)
    .set({ ...patch, updatedAt: new Date() })
    .where(eq(statements.id, id))
    .returning();
  return row as StatementRow;
}

export type ListFilter = { unitIds: string[] | null; status?: StatementStatus | undefined; q?: string | undefined; limit: number; cursor?: { updatedAt: Date; id: string } | undefined };

export async function listStatements(x: Executor, filter: ListFilter): Promise<StatementRow[]> {
  const conditions = [];
  if (filter.unitIds) conditions.push(inArray(statements.unitId, filter.unitIds.length ? filter.unitIds : ['00000000-0000-0000-0000-000000000000']));
  if (filter.status) conditions.push(eq(statements.status, filter.status));
  if (filter.q) conditions.push(like(statements.searchText, `%${filter.q.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`));
  if (filter.cursor) {
    const { updatedAt, id } = filter.cursor;
    conditions.push(or(lt(statements.updatedAt, updatedAt), and(eq(statements.updatedAt, updatedAt), lt(statements.id, id))));
  }
  return x
    .select()
    .from(statements)
    .where(conditions.length ? and(...conditions) : undefined)
    .orderBy(desc(statements.updatedAt), desc(statements.id))
    .limit(filter.limit);
}

/** Who wrote which version (no content), for the four-eyes rule. */
export function listVersionAuthors(x: Executor, statementIds: string[]): Promise<{ statementId: string; number: number; authorId: string | null }[]> {
  if (statementIds.length === 0) return Promise.resolve([]);
  return x
    .select({ statementId: statementVersions.statementId, number: statementVersions.number, authorId: statementVersions.authorId })
    .from(statementVersions)
    .where(inArray(statementVersions.statementId, statementIds));
}

export async function insertVersion(x: Executor, row: typeof statementVersions.$inferInsert): Promise<void> {
  await x.insert(statementVersions).values(row);
}

export function listVersions(x: Executor, statementId: string): Promise<VersionRow[]> {
  return x.select().from(statementVersions).where(eq(statementVersions.statementId, statementId)).orderBy(desc(statementVersions.number));
}

export async function findVersion(x: Executor, statementId: string, number: number): Promise<VersionRow | undefined> {
  const [row] = await x
    .select()
    .from(statementVersions)
    .where(and(eq(statementVersions.statementId, statementId), eq(statementVersions.number, number)));
  return row;
}

export async function insertAttachment(x: Executor, row: typeof statementAttachments.$inferInsert): Promise<AttachmentRow> {
  const [created] = await x.insert(statementAttachments).values(row).returning();
  return created as AttachmentRow;
}

export function listAttachments(x: Executor, statementId: string): Promise<AttachmentRow[]> {
  return x.select().from(statementAttachments).where(eq(statementAttachments.statementId, statementId)).orderBy(asc(statementAttachments.createdAt));
}

export async function insertComment(x: Executor, row: typeof statementComments.$inferInsert): Promise<CommentRow> {
  const [created] = await x.insert(statementComments).values(row).returning();
  return created as CommentRow;
}

export function listComments(x: Executor, statementId: string): Promise<CommentRow[]> {
  return x.select().from(statementComments).where(eq(statementComments.statementId, statementId)).orderBy(asc(statementComments.createdAt));
}

export async function countCommentsByVersion(x: Executor, statementId: string): Promise<Map<number, number>> {
  const rows = await x
    .select({ version: statementComments.version, n: sql<number>`count(*)::int` })
    .from(statementComments)
    .where(eq(statementComments.statementId, statementId))
    .groupBy(statementComments.version);
  return new Map(rows.map((r) => [r.version, Number(r.n)]));
}

export function listDecisions(x: Executor, statementIds: string[]): Promise<DecisionRow[]> {
  if (statementIds.length === 0) return Promise.resolve([]);
  return x.select().from(clearanceDecisions).where(inArray(clearanceDecisions.statementId, statementIds)).orderBy(asc(clearanceDecisions.createdAt));
}

export async function insertDecision(x: Executor, row: typeof clearanceDecisions.$inferInsert): Promise<DecisionRow> {
  const [created] = await x.insert(clearanceDecisions).values(row).returning();
  return created as DecisionRow;
}

/** Marks every still-valid approval of the round stale (the text they approved changed). */
export async function invalidateApprovals(x: Executor, statementId: string, round: number, at: Date): Promise<number> {
  const rows = await x
    .update(clearanceDecisions)
    .set({ invalidatedAt: at })
    .where(and(eq(clearanceDecisions.statementId, statementId), eq(clearanceDecisions.round, round), isNull(clearanceDecisions.invalidatedAt)))
    .returning({ id: clearanceDecisions.id });
  return rows.length;
}

export function listChains(x: Executor, unitIds: string[]): Promise<ChainRow[]> {
  if (unitIds.length === 0) return Promise.resolve([]);
  return x.select().from(clearanceChains).where(inArray(clearanceChains.unitId, unitIds)).orderBy(asc(clearanceChains.name));
}

export async function findChain(x: Executor, id: string): Promise<ChainRow | undefined> {
  const [row] = await x.select().from(clearanceChains).where(eq(clearanceChains.id, id));
  return row;
}

export async function upsertChain(x: Executor, row: typeof clearanceChains.$inferInsert & { id?: string }): Promise<ChainRow> {
  if (row.id) {
    const [updated] = await x
      .update(clearanceChains)
      .set({ name: row.name, steps: row.steps, kind: row.kind ?? null, fastTrack: row.fastTrack ?? false, updatedAt: new Date() })
      .where(eq(clearanceChains.id, row.id))
      .returning();
    return updated as ChainRow;
  }
  const [created] = await x.insert(clearanceChains).values(row).returning();
  return created as ChainRow;
}

export async function deleteChain(x: Executor, id: string): Promise<void> {
  await x.delete(clearanceChains).where(eq(clearanceChains.id, id));
}

export function listTemplates(x: Executor): Promise<TemplateRow[]> {
  return x.select().from(statementTemplates).orderBy(asc(statementTemplates.purpose), asc(statementTemplates.name));
}

export async function findTemplate(x: Executor, id: string): Promise<TemplateRow | undefined> {
  const [row] = await x.select().from(statementTemplates).where(eq(statementTemplates.id, id));
  return row;
}

export async function upsertTemplate(x: Executor, row: typeof statementTemplates.$inferInsert & { id?: string }): Promise<TemplateRow> {
  if (row.id) {
    const [updated] = await x
      .update(statementTemplates)
      .set({ ...row, updatedAt: new Date() })
      .where(eq(statementTemplates.id, row.id))
      .returning();
    return updated as TemplateRow;
  }
  const [created] = await x.insert(statementTemplates).values(row).returning();
  return created as TemplateRow;
}

export async function countTemplates(x: Executor): Promise<number> {
  const [row] = await x.select({ n: sql<number>`count(*)::int` }).from(statementTemplates);
  return Number(row?.n ?? 0);
}

/** Statements in clearance under these units (the approver's inbox is filtered from these). */
export function listInClearance(x: Executor, unitIds: string[]): Promise<StatementRow[]> {
  if (unitIds.length === 0) return Promise.resolve([]);
  return x
    .select()
    .from(statements)
    .where(and(eq(statements.status, 'in-clearance'), inArray(statements.unitId, unitIds)))
    .orderBy(asc(statements.submittedAt))
    .limit(500);
}

export async function countOwn(x: Executor, userId: string): Promise<{ inClearance: number; changesRequested: number }> {
  const [row] = await x
    .select({
      inClearance: sql<number>`count(*) filter (where ${statements.status} = 'in-clearance')::int`,
      changesRequested: sql<number>`count(*) filter (where ${statements.status} = 'draft' and ${statements.changesRequested} is not null)::int`,
    })
    .from(statements)
    .where(eq(statements.createdBy, userId));
  return { inClearance: Number(row?.inClearance ?? 0), changesRequested: Number(row?.changesRequested ?? 0) };
}
