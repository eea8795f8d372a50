import { cooperationQuery, cooperationRanking, countryProfile, countryProfileQuery, type Permission, unVotesStatus } from '@diplodesk/contracts';
import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { can, isWithin, reachPaths } from '../../../platform/authz/principal.ts';
import { requirePrincipal } from '../../../platform/authz/route-auth.ts';
import type { PlatformContext } from '../../../platform/context.ts';
import { findRootUnit, listUnits } from '../../identity/index.ts';
import { unVotesCounts } from '../cooperation/agreement.queries.ts';
import { latestIdealPoints } from '../cooperation/ideal-points.job.ts';
import { countryProfileOf, rankPartners, type Readers } from '../cooperation/partners.ts';

const read = { auth: { access: 'permission', permission: 'insight.read' } } as const;
const tags = ['insights'];

export const cooperationRoutes: FastifyPluginAsyncZod<{ ctx: PlatformContext }> = async (app, { ctx }) => {
  async function unitIdsFor(req: FastifyRequest, permission: Permission): Promise<string[]> {
    const reach = reachPaths(requirePrincipal(req), permission);
    return (await listUnits(ctx.db)).filter((u) => reach.some((r) => isWithin(u.path, r))).map((u) => u.id);
  }
  async function readersOf(req: FastifyRequest): Promise<Readers> {
    return { insightUnitIds: await unitIdsFor(req, 'insight.read'), statementUnitIds: await unitIdsFor(req, 'statement.read') };
  }

  app.get('/insights/un-votes', { config: read, schema: { tags, summary: 'What UN votes are stored, and the progress of the ideal points computed from them', response: { 200: unVotesStatus } } }, async (req) => {
    const root = await findRootUnit(ctx.db);
    const [counts, idealPoints] = [await unVotesCounts(ctx.db), await latestIdealPoints(ctx.db)];
    return { ...counts, idealPoints, canImport: !!root && can(requirePrincipal(req), 'insight.manage', root.path) };
  });

  app.get(
    '/insights/cooperation',
    {
      config: { ...read, errors: ['request.invalid', 'insights.our-country-not-set'] },
      schema: { tags, summary: 'Partner states for a topic, ranked by UN agreement with our country, co-mentions in listening and our statements, each with its reasons', querystring: cooperationQuery, response: { 200: cooperationRanking } },
    },
    async (req) => rankPartners(ctx.db, req.query, await readersOf(req)),
  );

  app.get(
    '/insights/countries/:code',
    {
      config: { ...read, errors: ['request.invalid', 'insights.our-country-not-set'] },
      schema: {
        tags,
        summary: "A country's profile: UN agreement with our country over time and by issue, ideal points, listening about it, our statements naming it, and the reasons",
        params: z.object({ code: z.string().min(2).max(200) }),
        querystring: countryProfileQuery,
        response: { 200: countryProfile },
      },
    },
    async (req) => {
      const code = /^[a-z]{2}$/i.test(req.params.code) ? req.params.code.toUpperCase() : req.params.code;
      return countryProfileOf(ctx.db, code, req.query, await readersOf(req));
    },
  );
};
