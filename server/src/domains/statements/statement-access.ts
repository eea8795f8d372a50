import type { Role } from '@diplodesk/contracts';
import { type Principal, can, isWithin } from '../../platform/authz/principal.ts';
import type { PlatformContext } from '../../platform/context.ts';
import type { Executor } from '../../platform/db/index.ts';
import { AppError } from '../../platform/errors/app-error.ts';
import { findUnit, type UnitRow } from '../identity/index.ts';
import { findStatement, type StatementRow } from './statements.repo.ts';

export async function requireUnit(x: Executor, unitId: string): Promise<UnitRow> {
  const unit = await findUnit(x, unitId);
  if (!unit) throw new AppError('unit.not-found');
  return unit;
}

/** Roles the person holds at a unit, including those inherited from its ancestors. */
export function rolesAt(p: Principal, unitPath: string): Set<Role> {
  return new Set(p.memberships.filter((m) => isWithin(unitPath, m.unitPath)).map((m) => m.role));
}

/** A statement the caller may read (a statement out of reach is "not found", not "forbidden"). */
export async function readableStatement(ctx: PlatformContext, p: Principal, id: string): Promise<{ row: StatementRow; unit: UnitRow }> {
  const row = await findStatement(ctx.db, id);
  if (!row) throw new AppError('statement.not-found');
  const unit = await requireUnit(ctx.db, row.unitId);
  if (!can(p, 'statement.read', unit.path)) throw new AppError('statement.not-found');
  return { row, unit };
}
