import { type FindingNetworkDto, findingNetworkDto, uuid } from '@diplodesk/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { PlatformContext } from '../../../platform/context.ts';
import { AppError } from '../../../platform/errors/app-error.ts';
import { findFinding } from '../findings/findings.queries.ts';
import { readablePaths } from '../integrity.policy.ts';
import { readAccess as read, tags } from '../routes/route-helpers.ts';
import type { networkEvidence } from './coordination-watch.ts';

const idParams = z.object({ id: uuid });
type StoredNetwork = ReturnType<typeof networkEvidence>;

/** An account key (`platform:handle`) as a node's label: the handle. */
const labelOf = (accountId: string) => accountId.slice(accountId.indexOf(':') + 1);

/** The graph of a coordination finding, from its stored evidence. */
export function presentNetwork(findingId: string, n: StoredNetwork): FindingNetworkDto {
  return {
    findingId,
    window: { seconds: n.window.seconds, source: n.window.source },
    nodes: n.accounts.map((a) => ({ id: a.accountId, label: labelOf(a.accountId), degree: a.degree, strength: a.strength })),
    edges: n.edges.map((e) => ({ source: e.a, target: e.b, weight: e.weight, objects: e.objects })),
    timeline: n.timeline,
  };
}

export const networkRoutes: FastifyPluginAsyncZod<{ ctx: PlatformContext }> = async (app, { ctx }) => {
  app.get(
    '/integrity/findings/:id/network',
    { config: { ...read, errors: ['integrity-finding.not-found', 'integrity-finding.no-network'] }, schema: { tags, summary: "A coordination finding's network: accounts (nodes), co-share edges with their weights, and the timeline of shares", params: idParams, response: { 200: findingNetworkDto } } },
    async (req) => {
      const { paths } = await readablePaths(ctx, req);
      const row = await findFinding(ctx.db, req.params.id);
      if (!row || !paths.has(row.unitId)) throw new AppError('integrity-finding.not-found');
      const network = (row.evidence as { network?: StoredNetwork }).network;
      if (row.detector !== 'coordination' || !network) throw new AppError('integrity-finding.no-network');
      return presentNetwork(row.id, network);
    },
  );
};
