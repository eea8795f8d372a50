import { type Principal, can } from '../../../platform/authz/principal.ts';
import type { PlatformContext } from '../../../platform/context.ts';
import { AppError } from '../../../platform/errors/app-error.ts';
import { findUnit, type UnitRow } from '../../identity/index.ts';
import { findImport, type ImportRow } from './imports.repo.ts';

/**
 * An import the caller may see (listening.read at its unit), or may act on (listening.manage).
 * One the caller may not see answers as not found, so ids of other units' imports leak nothing.
 */
export async function accessibleImport(ctx: Pick<PlatformContext, 'db'>, p: Principal, id: string, need: 'listening.read' | 'listening.manage'): Promise<{ row: ImportRow; unit: UnitRow }> {
  const row = await findImport(ctx.db, id);
  const unit = row ? await findUnit(ctx.db, row.unitId) : undefined;
  if (!row || !unit || !can(p, 'listening.read', unit.path)) throw new AppError('listening-import.not-found');
  if (need === 'listening.manage' && !can(p, 'listening.manage', unit.path)) throw new AppError('authz.forbidden');
  return { row, unit };
}

/** A unit the caller may import into. */
export async function manageableUnit(ctx: Pick<PlatformContext, 'db'>, p: Principal, unitId: string): Promise<UnitRow> {
  const unit = await findUnit(ctx.db, unitId);
  if (!unit) throw new AppError('unit.not-found');
  if (!can(p, 'listening.manage', unit.path)) throw new AppError('authz.forbidden');
  return unit;
}
