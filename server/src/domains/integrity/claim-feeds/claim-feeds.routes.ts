import { claimFeedDto, claimFeedListQuery, claimFeedListResponse, claimFeedRequest, updateClaimFeedRequest, uuid } from '@diplodesk/contracts';
import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { asc, inArray } from 'drizzle-orm';
import { z } from 'zod';
import { can } from '../../../platform/authz/principal.ts';
import type { PlatformContext } from '../../../platform/context.ts';
import { AppError } from '../../../platform/errors/app-error.ts';
import { noContent } from '../../../platform/http/responses.ts';
import { readablePaths } from '../integrity.policy.ts';
import { integrityClaimFeeds } from '../integrity.tables.ts';
import { actorOf, manageAccess as manage, readAccess as read, tags, unitIdsWithin } from '../routes/route-helpers.ts';
import { presentClaimFeed } from './claim-feeds.presenter.ts';
import { changeClaimFeed, createClaimFeed, deleteClaimFeed, findClaimFeed, pollClaimFeedNow } from './manage-claim-feeds.ts';

const idParams = z.object({ id: uuid });
const notFound = ['integrity-claim-feed.not-found'] as const;

/** ClaimReview feeds polled into the claims registry: list, add, change (pause, resume, re-address), delete, poll now. */
export const claimFeedRoutes: FastifyPluginAsyncZod<{ ctx: PlatformContext }> = async (app, { ctx }) => {
  /** A feed the caller sees (`integrity.read` at its unit); 404 otherwise, so other units' feeds are not revealed. */
  const visibleFeed = async (req: FastifyRequest, id: string) => {
    const { p, paths } = await readablePaths(ctx, req);
    const feed = await findClaimFeed(ctx.db, id);
    if (!feed || !paths.has(feed.unitId)) throw new AppError('integrity-claim-feed.not-found');
    return { p, paths };
  };

  app.get('/integrity/claim-feeds', { config: read, schema: { tags, summary: 'ClaimReview feeds of the units the caller reads, with each one’s last poll, health and counts', querystring: claimFeedListQuery, response: { 200: claimFeedListResponse } } }, async (req) => {
    const { p, paths } = await readablePaths(ctx, req);
    const unitIds = unitIdsWithin(paths, req.query.unitId);
    const rows = unitIds.length === 0 ? [] : await ctx.db.select().from(integrityClaimFeeds).where(inArray(integrityClaimFeeds.unitId, unitIds)).orderBy(asc(integrityClaimFeeds.name), asc(integrityClaimFeeds.id));
    return { items: rows.map((r) => presentClaimFeed(r, p, paths.get(r.unitId))), policies: { create: can(p, 'integrity.manage') } };
  });

  app.post(
    '/integrity/claim-feeds',
    {
      config: { ...manage, errors: ['unit.not-found', 'integrity-claim-feed.exists', 'outbound.host-not-allowed'] },
      schema: {
        tags,
        summary:
          'Poll a ClaimReview feed into a unit’s registry: a JSON-LD document (ClaimReview, array, @graph or DataFeed) or an HTML page with <script type="application/ld+json"> ClaimReview blocks. Fetched through the outbound guard with a conditional GET; the first poll starts at once. Unlike a file, a feed is imported entry by entry: good reviews are stored, bad ones are listed with the feed.',
        body: claimFeedRequest,
        response: { 201: claimFeedDto },
      },
    },
    async (req, reply) => {
      const { p, paths } = await readablePaths(ctx, req);
      const row = await createClaimFeed(ctx, p, req.body, actorOf(req));
      return reply.status(201).send(presentClaimFeed(row, p, paths.get(row.unitId)));
    },
  );

  app.get('/integrity/claim-feeds/:id', { config: { ...read, errors: [...notFound] }, schema: { tags, summary: 'One ClaimReview feed with its health and last result', params: idParams, response: { 200: claimFeedDto } } }, async (req) => {
    const { p, paths } = await visibleFeed(req, req.params.id);
    const row = await findClaimFeed(ctx.db, req.params.id);
    if (!row) throw new AppError('integrity-claim-feed.not-found');
    return presentClaimFeed(row, p, paths.get(row.unitId));
  });

  app.patch(
    '/integrity/claim-feeds/:id',
    {
      config: { ...manage, errors: [...notFound, 'integrity-claim-feed.exists', 'outbound.host-not-allowed'] },
      schema: { tags, summary: 'Change a feed: name, address (polled again at once), interval, or `enabled` to pause and resume it', params: idParams, body: updateClaimFeedRequest, response: { 200: claimFeedDto } },
    },
    async (req) => {
      const { p, paths } = await visibleFeed(req, req.params.id);
      const row = await changeClaimFeed(ctx, p, req.params.id, req.body, actorOf(req));
      return presentClaimFeed(row, p, paths.get(row.unitId));
    },
  );

  app.delete(
    '/integrity/claim-feeds/:id',
    { config: { ...manage, errors: [...notFound] }, schema: { tags, summary: 'Stop polling and delete a feed (the claims it brought stay in the registry)', params: idParams, response: { 204: noContent('Deleted') } } },
    async (req, reply) => {
      const { p } = await visibleFeed(req, req.params.id);
      await deleteClaimFeed(ctx, p, req.params.id, actorOf(req));
      return reply.status(204).send();
    },
  );

  app.post(
    '/integrity/claim-feeds/:id/poll',
    { config: { ...manage, errors: [...notFound] }, schema: { tags, summary: 'Poll a feed now, without waiting for its interval or backoff', params: idParams, response: { 202: claimFeedDto } } },
    async (req, reply) => {
      const { p, paths } = await visibleFeed(req, req.params.id);
      const row = await pollClaimFeedNow(ctx, p, req.params.id, actorOf(req));
      return reply.status(202).send(presentClaimFeed(row, p, paths.get(row.unitId)));
    },
  );
};
