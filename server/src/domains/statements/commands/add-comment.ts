import type { Principal } from '../../../platform/authz/principal.ts';
import { inTransaction, type PlatformContext } from '../../../platform/context.ts';
import { AppError } from '../../../platform/errors/app-error.ts';
import { readableStatement } from '../statement-access.ts';
import { statementChangedEvent } from '../statements.audit.ts';
import { mayComment } from '../statements.policy.ts';
import { type CommentRow, findVersion, insertComment } from '../statements.repo.ts';

/** A comment on one version, by anyone who drafts or clears statements at the unit. */
export async function addComment(ctx: PlatformContext, p: Principal, id: string, input: { version: number; body: string }): Promise<CommentRow> {
  const { row, unit } = await readableStatement(ctx, p, id);
  if (!mayComment(p, row, unit.path)) throw new AppError(p.via === 'token' ? 'auth.token-scope' : 'authz.forbidden');
  if (!(await findVersion(ctx.db, row.id, input.version))) throw new AppError('statement.version-not-found');
  return inTransaction(ctx, async (tx) => {
    const comment = await insertComment(tx, { statementId: row.id, version: input.version, authorId: p.userId, authorName: p.displayName, body: input.body.trim() });
    await statementChangedEvent(tx, unit.id, { statementId: row.id, status: row.status, change: 'commented', actorId: p.userId });
    return comment;
  });
}
