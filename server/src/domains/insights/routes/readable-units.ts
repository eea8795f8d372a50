import type { FastifyRequest } from 'fastify';
import { isWithin, type Principal, reachPaths } from '../../../platform/authz/principal.ts';
import { requirePrincipal } from '../../../platform/authz/route-auth.ts';
import type { PlatformContext } from '../../../platform/context.ts';
import { listUnits } from '../../identity/index.ts';

/** The units whose insights the caller reads, with their paths (to check `insight.manage` per unit). */
export async function readablePaths(ctx: Pick<PlatformContext, 'db'>, req: FastifyRequest): Promise<{ p: Principal; paths: Map<string, string> }> {
  const p = requirePrincipal(req);
  const reach = reachPaths(p, 'insight.read');
  const units = (await listUnits(ctx.db)).filter((u) => reach.some((r) => isWithin(u.path, r)));
  return { p, paths: new Map(units.map((u) => [u.id, u.path])) };
}

/** Units whose insights the caller may read (optionally one unit's subtree). */
export async function readableUnitIds(ctx: Pick<PlatformContext, 'db'>, req: FastifyRequest, unitId?: string): Promise<string[]> {
  const { paths } = await readablePaths(ctx, req);
  if (!unitId) return [...paths.keys()];
  const chosen = paths.get(unitId);
  return chosen === undefined ? [] : [...paths].filter(([, path]) => isWithin(path, chosen)).map(([id]) => id);
}
