import { type Principal, can, rolesAt } from '../../platform/authz/principal.ts';
import type { PlatformContext } from '../../platform/context.ts';
import type { Executor } from '../../platform/db/index.ts';
import { AppError } from '../../platform/errors/app-error.ts';
import { findUnit, type UnitRow } from '../identity/index.ts';
import { type Approver, roundAuthors } from './lifecycle.ts';
import { findStatement, listVersionAuthors, type StatementRow } from './statements.repo.ts';

export async function requireUnit(x: Executor, unitId: string): Promise<UnitRow> {
  const unit = await findUnit(x, unitId);
  if (!unit) throw new AppError('unit.not-found');
  return unit;
}

/** The caller as the clearance rules see them: only what `statement.approve` (within the token's scope) lends counts. */
export function approverAt(p: Principal, unitPath: string): Approver {
  return { userId: p.userId, mayApprove: can(p, 'statement.approve', unitPath), rolesAtUnit: rolesAt(p, 'statement.approve', unitPath) };
}

/** For each statement, who changed the text of its current clearance round (see `roundAuthors`). */
export async function roundAuthorsOf(x: Executor, rows: readonly StatementRow[]): Promise<Map<string, Set<string>>> {
  const versions = await listVersionAuthors(
    x,
    rows.map((r) => r.id),
  );
  return new Map(rows.map((r) => [r.id, roundAuthors(r.createdBy, versions.filter((v) => v.statementId === r.id), r.clearance?.submittedVersion ?? null)]));
}

/** A statement the caller may read (a statement out of reach is "not found", not "forbidden"). */
export async function readableStatement(ctx: PlatformContext, p: Principal, id: string): Promise<{ row: StatementRow; unit: UnitRow }> {
  const row = await findStatement(ctx.db, id);
  if (!row) throw new AppError('statement.not-found');
  const unit = await requireUnit(ctx.db, row.unitId);
  if (!can(p, 'statement.read', unit.path)) throw new AppError('statement.not-found');
  return { row, unit };
}
