import {
  calendarQuery,
  calendarResponse,
  type NewsroomCalendarEntryDto,
  channelAccountListResponse,
  connectablePlatformListResponse,
  publicationDto,
  publicationListResponse,
  resolvePublicationRequest,
  startConnectRequest,
  startConnectResponse,
  submitConnectFormRequest,
  uuid,
} from '@diplodesk/contracts';
import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Actor } from '../../../platform/audit/audit.ts';
import { can, isWithin, reachPaths } from '../../../platform/authz/principal.ts';
import { requirePrincipal } from '../../../platform/authz/route-auth.ts';
import { noContent, redirectTo } from '../../../platform/http/responses.ts';
import type { ConnectorRegistry } from '../../../platform/connectors/index.ts';
import { inTransaction, type PlatformContext } from '../../../platform/context.ts';
import { AppError } from '../../../platform/errors/app-error.ts';
import { findUnit, listUnits } from '../../identity/index.ts';
import { auditConnectFailure, disconnectAccount, finishConnect, listChannelAccounts, listPublications, resolvePublication, retryPublication, startConnect, takeConnectState } from './publishing.commands.ts';
import type { PublishingDeps } from './publishing.effects.ts';
import { CALENDAR_STATES } from './publishing.lifecycle.ts';
import { presentPublication } from './publishing.presenter.ts';
import { findAccount, findPublication, publicationsInRange } from './publishing.repo.ts';
import { staffUrlOf } from '../../../platform/config/config.ts';

export type PublishingPluginOptions = {
  ctx: PlatformContext;
  connectors: ConnectorRegistry;
  /** The statement's title for calendar entries (statements core owns statements). */
  statementTitles?: (statementIds: string[]) => Promise<Map<string, string>>;
  statementStatus?: PublishingDeps['statementStatus'];
  /** Statements going out on the newsroom in a range (statements core owns them; the newsroom has no publication rows). */
  newsroomEntries?: (input: { unitIds: string[]; from: Date; to: Date }) => Promise<NewsroomCalendarEntryDto[]>;
};

const idParams = z.object({ id: uuid });
const callbackQuery = z.object({ state: z.string().max(500).optional(), code: z.string().max(4000).optional(), error: z.string().max(500).optional() });

function actorOf(req: FastifyRequest): Actor {
  const p = requirePrincipal(req);
  return { userId: p.userId, label: p.email, requestId: req.id, tokenId: p.tokenId ?? null };
}

export const publishingRoutes: FastifyPluginAsyncZod<PublishingPluginOptions> = async (app, opts) => {
  const { ctx, connectors } = opts;
  const deps: PublishingDeps = { connectors, secretBox: ctx.secretBox.for('channel-tokens'), storage: ctx.storage, ...(opts.statementStatus ? { statementStatus: opts.statementStatus } : {}) };
  const callbackUrl = `${staffUrlOf(ctx.config)}/api/v1/channel-accounts/oauth/callback`;

  /** The unit, when the caller holds `permission` there; otherwise the unit is "not found" to them. */
  async function unitFor(req: FastifyRequest, unitId: string, permission: 'statement.read' | 'statement.approve') {
    const unit = await findUnit(ctx.db, unitId);
    if (!unit || !can(requirePrincipal(req), permission, unit.path)) throw new AppError('unit.not-found');
    return unit;
  }

  async function publicationFor(req: FastifyRequest, id: string) {
    const row = await findPublication(ctx.db, id);
    if (!row) throw new AppError('publication.not-found');
    const unit = await findUnit(ctx.db, row.unitId);
    if (!unit || !can(requirePrincipal(req), 'statement.approve', unit.path)) throw new AppError('publication.not-found');
    return row;
  }

  app.get(
    '/channel-platforms',
    { config: { auth: { access: 'permission', permission: 'statement.read' } }, schema: { tags: ['publishing'], summary: 'Platforms configured on this server', response: { 200: connectablePlatformListResponse } } },
    async () => ({
      items: connectors
        .list()
        .filter((c) => c.publish)
        .map((c) => ({ id: c.manifest.id, name: c.manifest.name, auth: c.manifest.auth, docsUrl: c.manifest.docsUrl })),
    }),
  );

  app.get(
    '/channel-accounts',
    {
      config: { auth: { access: 'permission', permission: 'statement.read' } },
      schema: { tags: ['publishing'], summary: 'Connected accounts of a unit', querystring: z.object({ unitId: uuid }), response: { 200: channelAccountListResponse } },
    },
    async (req) => {
      await unitFor(req, req.query.unitId, 'statement.read');
      return { items: await listChannelAccounts(ctx.db, { unitIds: [req.query.unitId] }) };
    },
  );

  app.post(
    '/channel-accounts/connect',
    { config: { auth: { access: 'permission', permission: 'statement.approve' } }, schema: { tags: ['publishing'], summary: 'Start connecting an account', body: startConnectRequest, response: { 200: startConnectResponse } } },
    async (req) => {
      await unitFor(req, req.body.unitId, 'statement.approve');
      return startConnect(ctx, connectors, { unitId: req.body.unitId, platform: req.body.platform, userId: requirePrincipal(req).userId, redirectUri: callbackUrl });
    },
  );

  app.post(
    '/channel-accounts/connect/form',
    {
      config: { auth: { access: 'permission', permission: 'statement.approve' } },
      schema: { tags: ['publishing'], summary: 'Connect with an app password or bot token', body: submitConnectFormRequest, response: { 201: channelAccountListResponse.shape.items.element } },
    },
    async (req, reply) => {
      await unitFor(req, req.body.unitId, 'statement.approve');
      const account = await finishConnect(ctx, connectors, actorOf(req), { unitId: req.body.unitId, platform: req.body.platform, finish: { kind: 'form', values: req.body.values } });
      return reply.status(201).send(account);
    },
  );

  // The platform sends the browser here; the user's session cookie comes along (SameSite=Lax on a top-level GET).
  app.get(
    '/channel-accounts/oauth/callback',
    { config: { auth: { access: 'signed-in' } }, schema: { tags: ['publishing'], summary: 'OAuth redirect target; redirects to the channels page', querystring: callbackQuery, response: { 302: redirectTo('the channels page, `connected` saying how it went') } } },
    async (req, reply) => {
      const back = (result: string) => reply.redirect(`/statements/channels?connected=${encodeURIComponent(result)}`);
      if (!req.query.state) return back('error');
      const pending = await takeConnectState(ctx, req.query.state);
      if (!pending || pending.userId !== requirePrincipal(req).userId) {
        await auditConnectFailure(ctx, actorOf(req), { unitId: null, platform: pending?.platform ?? null, reason: pending ? 'foreign-state' : 'unknown-state' });
        return back('expired');
      }
      if (req.query.error || !req.query.code) {
        await auditConnectFailure(ctx, actorOf(req), { unitId: pending.unitId, platform: pending.platform, reason: 'denied' });
        return back('denied');
      }
      try {
        await unitFor(req, pending.unitId, 'statement.approve');
        await finishConnect(ctx, connectors, actorOf(req), {
          unitId: pending.unitId,
          platform: pending.platform,
          finish: { kind: 'redirect', code: req.query.code, state: pending.state, codeVerifier: pending.codeVerifier, redirectUri: pending.redirectUri },
        });
      } catch (error) {
        if (error instanceof AppError) return back('error');
        throw error;
      }
      return back(pending.platform);
    },
  );

  app.delete(
    '/channel-accounts/:id',
    { config: { auth: { access: 'permission', permission: 'statement.approve' } }, schema: { tags: ['publishing'], summary: 'Disconnect an account (its credentials are deleted)', params: idParams, response: { 204: noContent('Disconnected') } } },
    async (req, reply) => {
      const account = await findAccount(ctx.db, req.params.id);
      if (!account) throw new AppError('channel.account-not-found');
      const unit = await findUnit(ctx.db, account.unitId);
      if (!unit || !can(requirePrincipal(req), 'statement.approve', unit.path)) throw new AppError('channel.account-not-found');
      await disconnectAccount(ctx, actorOf(req), account.id);
      return reply.status(204).send();
    },
  );

  app.get(
    '/statements/:id/publications',
    { config: { auth: { access: 'permission', permission: 'statement.read' } }, schema: { tags: ['publishing'], summary: 'Publications of a statement', params: idParams, response: { 200: publicationListResponse } } },
    async (req) => {
      const p = requirePrincipal(req);
      const reach = reachPaths(p, 'statement.read');
      const units = new Map((await listUnits(ctx.db)).map((u) => [u.id, u.path]));
      const items = (await listPublications(ctx.db, [req.params.id])).filter((pub) => {
        const path = units.get(pub.unitId);
        return path !== undefined && reach.some((r) => isWithin(path, r));
      });
      return { items };
    },
  );

  app.get(
    '/publications',
    { config: { auth: { access: 'permission', permission: 'statement.read' } }, schema: { tags: ['publishing'], summary: 'Calendar: posts and newsroom statements of a unit in a time range', querystring: calendarQuery, response: { 200: calendarResponse } } },
    async (req) => {
      const unit = await unitFor(req, req.query.unitId, 'statement.read');
      const from = new Date(req.query.from);
      const to = new Date(req.query.to);
      if (!(to > from) || to.getTime() - from.getTime() > 400 * 86_400_000) throw new AppError('request.invalid', 'The range must be positive and at most 400 days.');
      const reach = reachPaths(requirePrincipal(req), 'statement.read');
      const unitIds = (await listUnits(ctx.db)).filter((u) => isWithin(u.path, unit.path) && reach.some((r) => isWithin(u.path, r))).map((u) => u.id);
      const rows = await publicationsInRange(ctx.db, { unitIds, from, to, states: CALENDAR_STATES });
      const titles = opts.statementTitles ? await opts.statementTitles([...new Set(rows.map((r) => r.statementId))]) : new Map<string, string>();
      const newsroom = opts.newsroomEntries ? await opts.newsroomEntries({ unitIds, from, to }) : [];
      return { items: rows.map((r) => ({ ...presentPublication(r), statementTitle: titles.get(r.statementId) ?? r.title ?? null })), newsroom };
    },
  );

  app.post(
    '/publications/:id/resolve',
    {
      config: { auth: { access: 'permission', permission: 'statement.approve' } },
      schema: { tags: ['publishing'], summary: 'Settle an unconfirmed publication by hand', params: idParams, body: resolvePublicationRequest, response: { 200: publicationDto } },
    },
    async (req) => {
      await publicationFor(req, req.params.id);
      return inTransaction(ctx, (tx) => resolvePublication(tx, deps, actorOf(req), { publicationId: req.params.id, outcome: req.body }));
    },
  );

  app.post(
    '/publications/:id/retry',
    { config: { auth: { access: 'permission', permission: 'statement.approve' } }, schema: { tags: ['publishing'], summary: 'Send a failed publication again', params: idParams, response: { 200: publicationDto } } },
    async (req) => {
      await publicationFor(req, req.params.id);
      return inTransaction(ctx, (tx) => retryPublication(tx, deps, actorOf(req), req.params.id));
    },
  );
};
