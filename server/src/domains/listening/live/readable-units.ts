import { isWithin, type Principal, reachPaths } from '../../../platform/authz/principal.ts';
import type { PlatformContext } from '../../../platform/context.ts';
import { listUnits, type UnitRow } from '../../identity/index.ts';

/**
 * Units whose listening items the caller may read (`listening.read` at the unit or an ancestor),
 * optionally narrowed to one unit's subtree — the same reach the search endpoint applies.
 */
export async function readableUnits(ctx: Pick<PlatformContext, 'db'>, p: Principal, unitId?: string): Promise<UnitRow[]> {
  const reach = reachPaths(p, 'listening.read');
  if (reach.length === 0) return [];
  const units = (await listUnits(ctx.db)).filter((u) => reach.some((r) => isWithin(u.path, r)));
  if (!unitId) return units;
  const chosen = units.find((u) => u.id === unitId);
  return chosen ? units.filter((u) => isWithin(u.path, chosen.path)) : [];
}
