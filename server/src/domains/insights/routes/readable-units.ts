import type { FastifyRequest } from 'fastify';
import { isWithin, reachPaths } from '../../../platform/authz/principal.ts';
import { requirePrincipal } from '../../../platform/authz/route-auth.ts';
import type { PlatformContext } from '../../../platform/context.ts';
import { listUnits } from '../../identity/index.ts';

/** Units whose insights the caller may read (optionally one unit's subtree). */
export async function readableUnitIds(ctx: Pick<PlatformContext, 'db'>, req: FastifyRequest, unitId?: string): Promise<string[]> {
  const reach = reachPaths(requirePrincipal(req), 'insight.read');
  let units = (await listUnits(ctx.db)).filter((u) => reach.some((r) => isWithin(u.path, r)));
  if (unitId) {
    const chosen = units.find((u) => u.id === unitId);
    units = chosen ? units.filter((u) => isWithin(u.path, chosen.path)) : [];
  }
  return units.map((u) => u.id);
}
