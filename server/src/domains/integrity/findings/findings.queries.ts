import type { findingListQuery } from '@diplodesk/contracts';
import { and, asc, count, desc, eq, inArray, isNotNull, isNull, type SQL } from 'drizzle-orm';
import type { z } from 'zod';
import type { Executor } from '../../../platform/db/index.ts';
import { displayNamesOf } from '../../identity/index.ts';
import type { FindingRow } from '../integrity.presenter.ts';
import { integrityFindingComments, integrityFindings } from '../integrity.tables.ts';
import { openStatuses } from './lifecycle.ts';

export async function findFinding(x: Executor, id: string): Promise<FindingRow | undefined> {
  const [row] = await x.select().from(integrityFindings).where(eq(integrityFindings.id, id));
  return row;
}

export async function listFindings(x: Executor, unitIds: readonly string[], q: z.output<typeof findingListQuery>, userId: string): Promise<{ rows: FindingRow[]; total: number }> {
  if (unitIds.length === 0) return { rows: [], total: 0 };
  const conditions: (SQL | undefined)[] = [inArray(integrityFindings.unitId, [...unitIds])];
  if (q.status) conditions.push(eq(integrityFindings.status, q.status));
  if (q.open === 'true') conditions.push(inArray(integrityFindings.status, [...openStatuses]));
  if (q.open === 'false') conditions.push(eq(integrityFindings.status, 'resolved'));
  if (q.detector) conditions.push(eq(integrityFindings.detector, q.detector));
  if (q.severity) conditions.push(eq(integrityFindings.severity, q.severity));
  if (q.assignee === 'none') conditions.push(isNull(integrityFindings.assigneeId));
  else if (q.assignee) conditions.push(eq(integrityFindings.assigneeId, q.assignee === 'me' ? userId : q.assignee));
  const where = and(...conditions);
  const rows = await x.select().from(integrityFindings).where(where).orderBy(desc(integrityFindings.lastSeenAt), desc(integrityFindings.id)).limit(q.limit).offset(q.offset);
  const [total] = await x.select({ n: count() }).from(integrityFindings).where(where);
  return { rows, total: Number(total?.n ?? 0) };
}

/** Open findings of these units for the navigation: all, new, assigned to the caller, per detector. */
export async function findingCounts(x: Executor, unitIds: readonly string[], userId: string) {
  const out = { open: 0, new: 0, assignedToMe: 0, byDetector: {} as Record<string, number> };
  if (unitIds.length === 0) return out;
  const rows = await x
    .select({ detector: integrityFindings.detector, status: integrityFindings.status, assigneeId: integrityFindings.assigneeId, n: count() })
    .from(integrityFindings)
    .where(and(inArray(integrityFindings.unitId, [...unitIds]), inArray(integrityFindings.status, [...openStatuses])))
    .groupBy(integrityFindings.detector, integrityFindings.status, integrityFindings.assigneeId);
  for (const r of rows) {
    const n = Number(r.n);
    out.open += n;
    if (r.status === 'new') out.new += n;
    if (r.assigneeId === userId) out.assignedToMe += n;
    out.byDetector[r.detector] = (out.byDetector[r.detector] ?? 0) + n;
  }
  return out;
}

export async function commentsOf(x: Executor, findingId: string) {
  const rows = await x.select().from(integrityFindingComments).where(eq(integrityFindingComments.findingId, findingId)).orderBy(asc(integrityFindingComments.createdAt), asc(integrityFindingComments.id));
  const names = await displayNamesOf(x, [...new Set(rows.map((r) => r.authorId).filter((a): a is string => a !== null))]);
  return rows.map((r) => ({ id: r.id, findingId: r.findingId, authorId: r.authorId, authorName: r.authorId ? (names.get(r.authorId) ?? null) : null, text: r.text, createdAt: r.createdAt.toISOString() }));
}

/** The people holding findings of these units, by name (for the inbox's "assigned to" filter). */
export async function assigneesOfFindings(x: Executor, unitIds: readonly string[]): Promise<{ id: string; name: string }[]> {
  if (unitIds.length === 0) return [];
  const rows = await x.selectDistinct({ id: integrityFindings.assigneeId }).from(integrityFindings).where(and(inArray(integrityFindings.unitId, [...unitIds]), isNotNull(integrityFindings.assigneeId)));
  const names = await displayNamesOf(x, rows.flatMap((r) => (r.id ? [r.id] : [])));
  return [...names.entries()].map(([id, name]) => ({ id, name })).sort((a, b) => a.name.localeCompare(b.name) || a.id.localeCompare(b.id));
}
