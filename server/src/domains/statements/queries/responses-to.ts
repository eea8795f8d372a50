// What other domains may read of the statements that respond to something of theirs (the
// rebuttals of an integrity finding or claim): state, title, newsroom page. Through the index only.
import { and, asc, inArray, sql } from 'drizzle-orm';
import type { Executor } from '../../../platform/db/index.ts';
import { entriesOfStatements } from '../newsroom/index.ts';
import { titleOf } from '../statements.presenter.ts';
import { statements } from '../statements.tables.ts';

export type ResponseStatement = {
  id: string;
  unitId: string;
  respondsTo: { type: string; id: string };
  title: string;
  status: string;
  createdAt: Date;
  publishedAt: Date | null;
  /** The newsroom page of the primary language (path from the site root), once signed. */
  newsroomPath: string | null;
};

/**
 * Statements responding to any of `targets`, oldest first (at most 100). The caller decides which
 * of them the reader may see (`unitId`).
 *
 * @example statementsRespondingTo(db, [{ type: 'integrity-finding', id: findingId }])
 */
export async function statementsRespondingTo(x: Executor, targets: readonly { type: string; id: string }[]): Promise<ResponseStatement[]> {
  if (targets.length === 0) return [];
  const keys = targets.map((t) => `${t.type}:${t.id}`);
  const rows = await x
    .select()
    .from(statements)
    .where(and(sql`${statements.respondsTo} is not null`, inArray(sql<string>`(${statements.respondsTo}->>'type') || ':' || (${statements.respondsTo}->>'id')`, keys)))
    .orderBy(asc(statements.createdAt), asc(statements.id))
    .limit(100);
  const entries = await entriesOfStatements(
    x,
    rows.map((r) => r.id),
  );
  return rows.map((r) => {
    const own = entries.filter((e) => e.statementId === r.id);
    const entry = own.find((e) => e.language === r.primaryLanguage) ?? own[0];
    return {
      id: r.id,
      unitId: r.unitId,
      respondsTo: { type: r.respondsTo?.type ?? '', id: r.respondsTo?.id ?? '' },
      title: titleOf(r),
      status: r.status,
      createdAt: r.createdAt,
      publishedAt: r.publishedAt,
      newsroomPath: entry && r.status === 'published' ? `/newsroom/${encodeURIComponent(entry.language)}/${encodeURIComponent(entry.slug)}` : null,
    };
  });
}
