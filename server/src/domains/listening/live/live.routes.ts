import { type LiveStreamServerMessage, liveStreamClientMessage } from '@diplodesk/contracts';
import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { RawData } from 'ws';
import type { Principal } from '../../../platform/authz/principal.ts';
import { requirePrincipal } from '../../../platform/authz/route-auth.ts';
import type { PlatformContext } from '../../../platform/context.ts';
import { AppError, isAppError } from '../../../platform/errors/app-error.ts';
import type { EventBus } from '../../../platform/events/bus.ts';
import { databaseNow, itemsCollectedSince } from '../listening-search.repo.ts';
import { presentItem } from '../listening.presenter.ts';
import { createLiveStreamHub, type LiveClient, type LiveStreamHub } from './live-stream.ts';
import { visibleSavedSearch } from './manage-saved-searches.ts';
import { readableUnits } from './readable-units.ts';
import { parseStoredQuery, type SavedQuery, toItemQuery, toSearchParams } from './saved-query.ts';

const read = { auth: { access: 'permission', permission: 'listening.read' } } as const;

/** One message holds at most this many items (an event lists at most 200; a catch-up is cut here). */
const maxItemsPerMessage = 200;

type Subscription = { query: SavedQuery; savedSearchId: string | null; name: string | null };

async function resolveSubscription(ctx: Pick<PlatformContext, 'db'>, p: Principal, msg: { savedSearchId?: string | undefined; query?: SavedQuery | undefined }): Promise<Subscription> {
  if (msg.savedSearchId) {
    const saved = await visibleSavedSearch(ctx, p, msg.savedSearchId);
    return { query: parseStoredQuery(saved.query), savedSearchId: saved.id, name: saved.name };
  }
  // No query: everything the caller may read.
  return { query: msg.query ?? parseStoredQuery({}), savedSearchId: null, name: null };
}

async function subscribe(ctx: Pick<PlatformContext, 'db'>, hub: LiveStreamHub, client: LiveClient, msg: { savedSearchId?: string | undefined; query?: SavedQuery | undefined; since?: string | undefined }): Promise<void> {
  const sub = await resolveSubscription(ctx, client.principal, msg);
  const unitIds = (await readableUnits(ctx, client.principal, sub.query.unitId)).map((u) => u.id).sort();
  const query = toItemQuery(sub.query, unitIds, maxItemsPerMessage);
  // Joined before the catch-up query, so an item stored meanwhile arrives (perhaps twice: clients keep items by id).
  hub.join(client, JSON.stringify([toSearchParams(sub.query), unitIds]), query);
  hub.send(client, { type: 'subscribed', savedSearchId: sub.savedSearchId, name: sub.name, at: (await databaseNow(ctx.db)).toISOString() });
  if (!msg.since) return;
  const rows = await itemsCollectedSince(ctx.db, query, new Date(msg.since), maxItemsPerMessage + 1);
  hub.send(client, { type: 'items', items: rows.slice(0, maxItemsPerMessage).map(presentItem), sentAt: new Date().toISOString(), catchUp: true, truncated: rows.length > maxItemsPerMessage });
}

function parseMessage(raw: RawData) {
  try {
    return liveStreamClientMessage.safeParse(JSON.parse(String(raw)));
  } catch {
    return liveStreamClientMessage.safeParse(undefined);
  }
}

/**
 * `GET /api/v1/listening/live` (WebSocket): new items matching a saved search or a query, as they
 * are collected. The client sends `{type:'subscribe', savedSearchId}` or `{type:'subscribe', query}`
 * (again to switch; with `since` to catch up after a reconnect); the server answers `subscribed`
 * and then pushes `items`.
 */
export const liveStreamRoutes: FastifyPluginAsyncZod<{ ctx: PlatformContext; bus: EventBus }> = async (app, { ctx, bus }) => {
  // Like the platform's live gateway, sockets are served by instances that run the realtime service.
  if (!ctx.config.services.includes('realtime')) return;
  const hub = createLiveStreamHub(ctx, bus);
  app.addHook('onClose', async () => hub.close());

  const handle = async (client: LiveClient, raw: RawData) => {
    const parsed = parseMessage(raw);
    if (!parsed.success) return hub.send(client, { type: 'error', code: 'request.invalid', message: 'The message is not valid.' });
    const msg = parsed.data;
    if (msg.type === 'ping') return hub.send(client, { type: 'pong' });
    try {
      await subscribe(ctx, hub, client, msg);
    } catch (err) {
      if (!isAppError(err)) throw err;
      hub.send(client, { type: 'error', code: err.code, message: err.message } satisfies LiveStreamServerMessage);
    }
  };

  const wsHandler = (socket: LiveClient['socket'], req: FastifyRequest) => {
    const client: LiveClient = { socket, principal: requirePrincipal(req), group: null };
    hub.add(client);
    hub.send(client, { type: 'ready' });
    // One message at a time per client, so a quick second subscribe cannot finish before the first.
    let queue = Promise.resolve();
    socket.on('message', (raw) => {
      queue = queue
        .then(() => handle(client, raw))
        .catch((err: unknown) => {
          ctx.logger.error({ err }, 'listening live: message failed');
          hub.send(client, { type: 'error', code: 'internal', message: 'Something went wrong on our side. It has been logged.' });
        });
    });
    socket.on('close', () => hub.remove(client));
  };

  app.route({
    method: 'GET',
    url: '/listening/live',
    config: read,
    schema: { hide: true },
    // A plain GET (no upgrade) gets a catalogue error rather than an empty 404.
    handler: async () => {
      throw new AppError('request.invalid', 'Open this endpoint as a WebSocket.');
    },
    wsHandler,
  });
};
