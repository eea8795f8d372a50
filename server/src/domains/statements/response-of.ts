// What other domains may read of a statement that responds to something of theirs (an alert):
// what it responds to, when it was drafted and when it was published. Through the index only.
import type { Executor } from '../../platform/db/index.ts';
import { findStatement } from './statements.repo.ts';

export type StatementResponse = {
  statementId: string;
  respondsTo: { type: string; id: string } | null;
  createdAt: Date;
  publishedAt: Date | null;
};

export async function statementResponseOf(x: Executor, statementId: string): Promise<StatementResponse | null> {
  const row = await findStatement(x, statementId);
  if (!row) return null;
  return { statementId: row.id, respondsTo: row.respondsTo ? { type: row.respondsTo.type, id: row.respondsTo.id } : null, createdAt: row.createdAt, publishedAt: row.publishedAt };
}
