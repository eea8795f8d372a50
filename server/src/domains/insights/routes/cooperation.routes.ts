import {
  cooperationQuery,
  cooperationRanking,
  countryProfile,
  countryProfileQuery,
  type Permission,
  stripBidiControls,
  unVotesImportQuery,
  unVotesImportResult,
  unVotesStatus,
} from '@diplodesk/contracts';
import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Actor } from '../../../platform/audit/audit.ts';
import { can, isWithin, reachPaths } from '../../../platform/authz/principal.ts';
import { requirePrincipal } from '../../../platform/authz/route-auth.ts';
import type { PlatformContext } from '../../../platform/context.ts';
import { AppError } from '../../../platform/errors/app-error.ts';
import { findRootUnit, listUnits } from '../../identity/index.ts';
import { unVotesCounts } from '../cooperation/agreement.queries.ts';
import { latestIdealPoints } from '../cooperation/ideal-points.job.ts';
import { importUnVotes } from '../cooperation/import-unvotes.ts';
import { countryProfileOf, rankPartners, type Readers } from '../cooperation/partners.ts';

const read = { auth: { access: 'permission', permission: 'insight.read' } } as const;
const manage = { auth: { access: 'permission', permission: 'insight.manage' } } as const;
const tags = ['insights'];
/** The full UN votes file is about 25 MB as CSV, 3 MB gzipped; room for a few more decades. */
const maxUploadBytes = 200 * 1024 * 1024;
const uploadTypes = ['application/octet-stream', 'application/gzip', 'application/x-gzip', 'text/csv', 'application/csv'];

function actorOf(req: FastifyRequest): Actor {
  const p = requirePrincipal(req);
  return { userId: p.userId, label: p.email, requestId: req.id, tokenId: p.tokenId ?? null };
}

function fileNameOf(req: FastifyRequest): string | undefined {
  const header = req.headers['x-file-name'];
  if (typeof header !== 'string') return undefined;
  try {
    // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what is replaced.
    return stripBidiControls(decodeURIComponent(header)).replace(/[\\/\u0000-\u001f]/g, '_').trim().slice(0, 200) || undefined;
  } catch {
    throw new AppError('request.invalid', 'X-File-Name is not valid URL-encoded text.');
  }
}

export const cooperationRoutes: FastifyPluginAsyncZod<{ ctx: PlatformContext }> = async (app, { ctx }) => {
  app.addContentTypeParser(uploadTypes, (_req, payload, done) => done(null, payload));

  async function unitIdsFor(req: FastifyRequest, permission: Permission): Promise<string[]> {
    const reach = reachPaths(requirePrincipal(req), permission);
    return (await listUnits(ctx.db)).filter((u) => reach.some((r) => isWithin(u.path, r))).map((u) => u.id);
  }
  async function readersOf(req: FastifyRequest): Promise<Readers> {
    return { insightUnitIds: await unitIdsFor(req, 'insight.read'), statementUnitIds: await unitIdsFor(req, 'statement.read') };
  }

  app.post(
    '/insights/un-votes/import',
    {
      config: { ...manage, errors: ['insights-unvotes.invalid-file', 'request.invalid'] },
      bodyLimit: maxUploadBytes,
      schema: {
        tags,
        summary:
          'Import one file of UN General Assembly votes in the Voeten format (CSV, or gzip of it) as the raw body: part=roll-calls, issues or votes. Checked whole, stored in one transaction; the same file again changes nothing.',
        querystring: unVotesImportQuery,
        response: { 200: unVotesImportResult },
      },
    },
    async (req) => {
      const body = req.body as AsyncIterable<Uint8Array> | undefined;
      if (!body || typeof (body as { [Symbol.asyncIterator]?: unknown })[Symbol.asyncIterator] !== 'function') throw new AppError('request.invalid', 'Send the file as the request body.');
      return importUnVotes(ctx, requirePrincipal(req), req.query.part, body, actorOf(req), fileNameOf(req));
    },
  );

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
