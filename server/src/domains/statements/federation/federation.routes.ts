import { isActor } from '@fedify/vocab';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { uuidv7 } from 'uuidv7';
import { z } from 'zod';
import { reachPaths } from '../../../platform/authz/principal.ts';
import { requirePrincipal } from '../../../platform/authz/route-auth.ts';
import type { PlatformContext } from '../../../platform/context.ts';
import { AppError } from '../../../platform/errors/app-error.ts';
import { findRootUnit, type UnitRow } from '../../identity/index.ts';
import { Follow } from '@fedify/vocab';
import type { DiploFederation } from './federation.ts';
import { listFollowers, listFollowing, listReceived, replaceFollowing } from './federation.repo.ts';
import { findRemoteActor } from './find-remote-actor.ts';
import { parseFollowTarget } from './note-content.ts';

const manage = { auth: { access: 'permission', permission: 'system.manage' } } as const;

const follower = z.object({ unitId: z.string(), actorId: z.string(), handle: z.string().nullable(), inbox: z.string(), sharedInbox: z.string().nullable(), createdAt: z.string() });
const following = z.object({
  id: z.string(),
  unitId: z.string(),
  actorId: z.string(),
  handle: z.string().nullable(),
  status: z.enum(['pending', 'accepted', 'rejected']),
  createdAt: z.string(),
  acceptedAt: z.string().nullable(),
});
const received = z.object({
  id: z.string(),
  activityType: z.string(),
  actorId: z.string(),
  objectId: z.string().nullable(),
  object: z.record(z.string(), z.unknown()).nullable(),
  receivedAt: z.string(),
  deletedAt: z.string().nullable(),
});
const iso = (d: Date | null) => (d ? d.toISOString() : null);

/** Federation is the organisation's voice: only an administrator at the root manages it. */
async function requireRootAdmin(ctx: PlatformContext, req: Parameters<typeof requirePrincipal>[0]): Promise<UnitRow> {
  const p = requirePrincipal(req);
  const root = await findRootUnit(ctx.db);
  if (!root) throw new AppError('unit.not-found');
  if (!reachPaths(p, 'system.manage').includes(root.path)) throw new AppError('authz.forbidden');
  return root;
}

export const federationRoutes: FastifyPluginAsyncZod<{ ctx: PlatformContext; federation: DiploFederation }> = async (app, { ctx, federation }) => {
  app.get('/federation/followers', { config: manage, schema: { tags: ['federation'], summary: 'Remote actors following our actors', response: { 200: z.object({ items: z.array(follower) }) } } }, async (req) => {
    await requireRootAdmin(ctx, req);
    const rows = await listFollowers(ctx.db);
    return { items: rows.map((r) => ({ unitId: r.unitId, actorId: r.actorId, handle: r.handle, inbox: r.inbox, sharedInbox: r.sharedInbox, createdAt: r.createdAt.toISOString() })) };
  });

  app.get('/federation/following', { config: manage, schema: { tags: ['federation'], summary: 'Remote actors the organisation follows', response: { 200: z.object({ items: z.array(following) }) } } }, async (req) => {
    await requireRootAdmin(ctx, req);
    const rows = await listFollowing(ctx.db);
    return { items: rows.map((r) => ({ id: r.id, unitId: r.unitId, actorId: r.actorId, handle: r.handle, status: r.status, createdAt: r.createdAt.toISOString(), acceptedAt: iso(r.acceptedAt) })) };
  });

  app.post(
    '/federation/following',
    {
      config: manage,
      schema: {
        tags: ['federation'],
        summary: 'Follow a remote actor by handle (@name@host) or URL',
        body: z.object({ target: z.string().min(3).max(500) }),
        response: { 202: following },
      },
    },
    async (req, reply) => {
      const root = await requireRootAdmin(ctx, req);
      const target = parseFollowTarget(req.body.target);
      if (!target) throw new AppError('request.invalid', 'Give a handle like @name@host or an http(s) URL.', { field: 'target' });
      const fed = federation.createContext(new URL(ctx.config.publicUrl), ctx);
      // Every request goes through the outbound guard; a refused address reads exactly like a server
      // that is down or answers garbage (the caller's input problem), so the API cannot map our network.
      const remote = await findRemoteActor(fed, ctx.outbound, target);
      if (!isActor(remote) || !remote.id || !remote.inboxId) {
        throw new AppError('request.invalid', 'No ActivityPub actor was found there.', { field: 'target' });
      }
      const actorUri = fed.getActorUri(root.id);
      const followId = new URL(`${actorUri.href}#follows/${uuidv7()}`);
      const row = await replaceFollowing(ctx.db, {
        unitId: root.id,
        actorId: remote.id.href,
        handle: remote.preferredUsername ? `@${remote.preferredUsername}@${remote.id.host}` : null,
        followId: followId.href,
      });
      await fed.sendActivity({ identifier: root.id }, remote, new Follow({ id: followId, actor: actorUri, object: remote.id }));
      void reply.status(202);
      return { id: row.id, unitId: row.unitId, actorId: row.actorId, handle: row.handle, status: row.status, createdAt: row.createdAt.toISOString(), acceptedAt: iso(row.acceptedAt) };
    },
  );

  app.get(
    '/federation/received',
    {
      config: manage,
      schema: {
        tags: ['federation'],
        summary: 'Activities received from followed actors, newest first',
        querystring: z.object({ limit: z.coerce.number().int().min(1).max(200).default(50) }),
        response: { 200: z.object({ items: z.array(received) }) },
      },
    },
    async (req) => {
      await requireRootAdmin(ctx, req);
      const rows = await listReceived(ctx.db, req.query.limit);
      return { items: rows.map((r) => ({ ...r, receivedAt: r.receivedAt.toISOString(), deletedAt: iso(r.deletedAt) })) };
    },
  );
};
