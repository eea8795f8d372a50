import {
  type ClaimDto,
  claimDto,
  claimExportQuery,
  claimImportQuery,
  claimImportResponse,
  claimLinkListQuery,
  claimLinkListResponse,
  claimListQuery,
  claimListResponse,
  claimSpreadDto,
  createClaimRequest,
  updateClaimRequest,
  uuid,
} from '@diplodesk/contracts';
import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { can, type Principal } from '../../../platform/authz/principal.ts';
import { requirePrincipal } from '../../../platform/authz/route-auth.ts';
import type { PlatformContext } from '../../../platform/context.ts';
import type { Executor } from '../../../platform/db/index.ts';
import { AppError } from '../../../platform/errors/app-error.ts';
import { noContent } from '../../../platform/http/responses.ts';
import { latestBackfills } from '../claims/backfill-claims.job.ts';
import { importProblem } from '../claims/claim-review.ts';
import { claimSpread, linksOfClaim, presentLinks } from '../claims/claim-links.ts';
import { type ClaimRow, findClaim, linkCountsOf, listClaims, translationsOf } from '../claims/claims.repo.ts';
import { exportClaims, importClaimFile } from '../claims/import-claims.ts';
import { publishedClaimReviews } from '../../statements/index.ts';
import { changeClaim, createClaim, deleteClaim } from '../claims/manage-claims.ts';
import { claimScopePaths, readablePaths } from '../integrity.policy.ts';
import { presentClaim } from '../integrity.presenter.ts';
import { actorOf, manageAccess as manage, readAccess as read, tags, unitIdsWithin } from './route-helpers.ts';

const idParams = z.object({ id: uuid });
const jsonLdTypes = ['application/ld+json'];
/** A ClaimReview file may be larger than an ordinary request. */
const importBodyLimit = 16 * 1024 * 1024;

async function presentClaims(x: Executor, p: Principal, paths: ReadonlyMap<string, string>, rows: readonly ClaimRow[]): Promise<ClaimDto[]> {
  const ids = rows.map((r) => r.id);
  const [translations, links, backfills] = await Promise.all([translationsOf(x, ids), linkCountsOf(x, ids), latestBackfills(x, ids)]);
  return rows.map((r) => presentClaim(r, { translations: translations.get(r.id) ?? [], links: links.get(r.id), backfill: backfills.get(r.id) }, p, paths.get(r.unitId)));
}

async function presentOne(x: Executor, p: Principal, paths: ReadonlyMap<string, string>, row: ClaimRow): Promise<ClaimDto> {
  const [dto] = await presentClaims(x, p, paths, [row]);
  if (!dto) throw new AppError('integrity-claim.not-found');
  return dto;
}

/** Claims registry: CRUD, ClaimReview JSON-LD import and export, a claim's links and spread. */
export const claimRoutes: FastifyPluginAsyncZod<{ ctx: PlatformContext }> = async (app, { ctx }) => {
  app.addContentTypeParser(jsonLdTypes, { parseAs: 'string', bodyLimit: importBodyLimit }, (_req, body, done) => {
    try {
      done(null, JSON.parse(String(body)));
    } catch {
      done(new AppError('integrity-claims.invalid-file', 'The file is not JSON.', { problems: [importProblem(-1, 'not-json')], count: 1 }), undefined);
    }
  });
  const readable = (req: FastifyRequest) => claimScopePaths(ctx, req);
  /** A claim the caller sees; `itemPaths` are the units whose items (links, spread) it reads. */
  const visibleClaim = async (req: FastifyRequest, id: string) => {
    const { p, paths } = await readable(req);
    const claim = await findClaim(ctx.db, id);
    if (!claim || !paths.has(claim.unitId)) throw new AppError('integrity-claim.not-found');
    const { paths: itemPaths } = await readablePaths(ctx, req);
    return { p, paths, claim, itemPaths };
  };

  app.get('/integrity/claims', { config: read, schema: { tags, summary: 'Known false or misleading claims the caller sees: those of its units and of the units above them (matched against its items too)', querystring: claimListQuery, response: { 200: claimListResponse } } }, async (req) => {
    const { p, paths } = await readable(req);
    const { rows, total } = await listClaims(ctx.db, { unitIds: unitIdsWithin(paths, req.query.unitId), narrativeId: req.query.narrativeId, q: req.query.q, limit: req.query.limit, offset: req.query.offset });
    return { items: await presentClaims(ctx.db, p, paths, rows), total, policies: { create: can(p, 'integrity.manage'), import: can(p, 'integrity.manage') } };
  });

  app.post(
    '/integrity/claims',
    { config: { ...manage, errors: ['unit.not-found', 'integrity-narrative.not-found'] }, schema: { tags, summary: 'Register a claim (its back-fill over stored items starts at once)', body: createClaimRequest, response: { 201: claimDto } } },
    async (req, reply) => {
      const p = requirePrincipal(req);
      const row = await createClaim(ctx, p, req.body, actorOf(req));
      const { paths } = await readable(req);
      return reply.status(201).send(await presentOne(ctx.db, p, paths, row));
    },
  );

  app.post(
    '/integrity/claims/import',
    {
      bodyLimit: importBodyLimit,
      config: { ...manage, errors: ['unit.not-found', 'integrity-claims.invalid-file'] },
      schema: {
        tags,
        summary:
          'Import a schema.org ClaimReview JSON-LD file (a ClaimReview, an array, a @graph or a DataFeed) into a unit, as the body (application/ld+json or application/json). Every entry is checked first: a file with any bad entry is refused (422) with each entry index and reason, and nothing is stored. A review already registered at the unit (same URL and claim) is updated.',
        querystring: claimImportQuery,
        response: { 200: claimImportResponse },
      },
    },
    async (req) => importClaimFile(ctx, requirePrincipal(req), req.query.unitId, req.body, actorOf(req)),
  );

  app.get(
    '/integrity/claims/export',
    { config: read, schema: { tags, summary: 'The claims the caller sees (its units and those above them) as schema.org ClaimReview JSON-LD (@graph); with rebuttals=true, also the ministry\'s published rebuttals of them', querystring: claimExportQuery, response: { 200: z.record(z.string(), z.unknown()) } } },
    async (req, reply) => {
      const { paths } = await readable(req);
      const rebuttals = req.query.rebuttals === 'true' ? async (ids: string[]) => (await publishedClaimReviews(ctx.db, ctx.config, ids)).map((r) => r.review) : undefined;
      const doc = await exportClaims(ctx.db, { unitIds: unitIdsWithin(paths, req.query.unitId), narrativeId: req.query.narrativeId, rebuttals });
      void reply.header('content-type', 'application/ld+json; charset=utf-8').header('content-disposition', 'attachment; filename="claim-reviews.jsonld"');
      return doc;
    },
  );

  app.get('/integrity/claims/:id', { config: { ...read, errors: ['integrity-claim.not-found'] }, schema: { tags, summary: 'One claim with its translations, link counts and back-fill progress', params: idParams, response: { 200: claimDto } } }, async (req) => {
    const { p, paths, claim } = await visibleClaim(req, req.params.id);
    return presentOne(ctx.db, p, paths, claim);
  });

  app.patch(
    '/integrity/claims/:id',
    { config: { ...manage, errors: ['integrity-claim.not-found', 'integrity-narrative.not-found'] }, schema: { tags, summary: 'Change a claim (`translations` replaces the list); new words start a back-fill', params: idParams, body: updateClaimRequest, response: { 200: claimDto } } },
    async (req) => {
      const { p, paths } = await visibleClaim(req, req.params.id);
      const row = await changeClaim(ctx, p, req.params.id, req.body, actorOf(req));
      return presentOne(ctx.db, p, paths, row);
    },
  );

  app.delete(
    '/integrity/claims/:id',
    { config: { ...manage, errors: ['integrity-claim.not-found'] }, schema: { tags, summary: 'Delete a claim and its links (its findings stay)', params: idParams, response: { 204: noContent('Deleted') } } },
    async (req, reply) => {
      const { p } = await visibleClaim(req, req.params.id);
      await deleteClaim(ctx, p, req.params.id, actorOf(req));
      return reply.status(204).send();
    },
  );

  app.get(
    '/integrity/claims/:id/spread',
    { config: { ...read, errors: ['integrity-claim.not-found'] }, schema: { tags, summary: 'How far a claim spread: linked items, distinct accounts, countries mentioned, items per day', params: idParams, response: { 200: claimSpreadDto } } },
    async (req) => {
      const { itemPaths } = await visibleClaim(req, req.params.id);
      return claimSpread(ctx.db, req.params.id, [...itemPaths.keys()]);
    },
  );

  app.get(
    '/integrity/claims/:id/links',
    { config: { ...read, errors: ['integrity-claim.not-found'] }, schema: { tags, summary: 'Items linked to a claim (filter by state: the suggestions queue is state=suggested)', params: idParams, querystring: claimLinkListQuery, response: { 200: claimLinkListResponse } } },
    async (req) => {
      const { p, itemPaths } = await visibleClaim(req, req.params.id);
      const { rows, total } = await linksOfClaim(ctx.db, req.params.id, [...itemPaths.keys()], req.query);
      return { items: await presentLinks(ctx.db, p, itemPaths, rows), total };
    },
  );
};
