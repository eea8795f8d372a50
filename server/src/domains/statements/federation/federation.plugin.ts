import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { systemActor } from '../../../platform/audit/audit.ts';
import { inTransaction, type PlatformContext } from '../../../platform/context.ts';
import { AppError } from '../../../platform/errors/app-error.ts';
import type { EventBus } from '../../../platform/events/index.ts';
import { auditStatement } from '../statements.audit.ts';
import { createStatementDeliveryHandler } from './deliver-statements.ts';
import type { RefusedDelivery } from './delivery-guard.ts';
import { createDiploFederation, type DiploFederation, withdrawnNoteResponse } from './federation.ts';
import { federationRoutes } from './federation.routes.ts';
import { createDbKvStore } from './kv-store.ts';
import { createDbMessageQueue } from './message-queue.ts';

export type FederationPluginOptions = { ctx: PlatformContext; bus: EventBus };

// Fedify answers for these; everything else stays with the app.
const publicAccess = { auth: { access: 'public' } } as const;
const hopByHop = new Set(['connection', 'content-length', 'transfer-encoding', 'keep-alive', 'upgrade']);

/** Fastify request → WHATWG Request for `federation.fetch`, with the raw body bytes (signatures cover its digest). */
function toRequest(req: FastifyRequest, publicUrl: string): Request {
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    if (value === undefined || hopByHop.has(name)) continue;
    headers.set(name, Array.isArray(value) ? value.join(', ') : value);
  }
  const hasBody = req.method !== 'GET' && req.method !== 'HEAD' && Buffer.isBuffer(req.body);
  return new Request(new URL(req.url, publicUrl), { method: req.method, headers, ...(hasBody ? { body: new Uint8Array(req.body as Buffer) } : {}) });
}

const notFound = Symbol('not-found');

async function serveFederation(federation: DiploFederation, ctx: PlatformContext, req: FastifyRequest, reply: FastifyReply) {
  let missing = false;
  // Answering a request can make Fedify fetch (a signer's key, an actor): confined to the guard.
  const res = await ctx.outbound.confine(() => federation.fetch(toRequest(req, ctx.config.publicUrl), {
    contextData: ctx,
    onNotFound: async (request) => {
      const gone = await withdrawnNoteResponse(federation, ctx, request);
      if (gone) return gone;
      missing = true;
      return new Response(null, { status: 404, statusText: String(notFound) });
    },
    onNotAcceptable: () => new Response('This address serves ActivityPub JSON; the newsroom is the page for people.', { status: 406, headers: { 'content-type': 'text/plain; charset=utf-8', vary: 'Accept' } }),
  }));
  if (missing) throw new AppError('route.not-found');
  void reply.status(res.status);
  res.headers.forEach((value, name) => {
    if (!hopByHop.has(name)) void reply.header(name, value);
  });
  return reply.send(Buffer.from(await res.arrayBuffer()));
}

/** A refused delivery goes to the audit trail (and the log): someone's inbox now points where we may not go. */
async function recordRefusedDelivery(ctx: PlatformContext, refusal: RefusedDelivery): Promise<void> {
  ctx.logger.warn({ inbox: refusal.inbox, activityId: refusal.activityId, stage: refusal.stage }, 'ActivityPub delivery refused by the outbound guard');
  await inTransaction(ctx, (tx) =>
    auditStatement(tx, systemActor('activitypub'), {
      action: 'federation.delivery-refused',
      targetType: 'federation-inbox',
      targetId: refusal.inbox,
      unitId: refusal.senderUnitId,
      summary: { activityId: refusal.activityId, activityType: refusal.activityType, recipients: refusal.recipients, stage: refusal.stage },
    }),
  );
}

/**
 * The newsroom on ActivityPub: WebFinger, actors, outbox, followers, notes and inboxes served by
 * Fedify, the admin API under /api/v1/federation, and — on worker instances — the delivery of
 * published and withdrawn statements plus the federation queue. Register at the root (no prefix).
 */
export const federationPlugin: FastifyPluginAsync<FederationPluginOptions> = async (app, { ctx, bus }) => {
  if (!ctx.config.activityPubEnabled) return;
  const kv = createDbKvStore(ctx.db);
  const queue = createDbMessageQueue(ctx.db, { logger: ctx.logger, secretBox: ctx.secretBox.for('federation-queue'), pollMs: ctx.config.jobPollMs });
  const federation = createDiploFederation({ kv, queue, config: ctx.config, outbound: ctx.outbound, onRefusedDelivery: (refusal) => recordRefusedDelivery(ctx, refusal) });

  await app.register(async (scope) => {
    // Inbox POSTs must reach Fedify byte for byte: the HTTP signature covers the body's digest.
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser('*', { parseAs: 'buffer', bodyLimit: 1_048_576 }, (_req, body, done) => done(null, body));
    const handler = (req: FastifyRequest, reply: FastifyReply) => serveFederation(federation, ctx, req, reply);
    scope.get('/.well-known/webfinger', { config: publicAccess, schema: { hide: true } }, handler);
    scope.get('/.well-known/nodeinfo', { config: publicAccess, schema: { hide: true } }, handler);
    scope.get('/nodeinfo/2.1', { config: publicAccess, schema: { hide: true } }, handler);
    scope.all('/ap/*', { config: publicAccess, schema: { hide: true } }, handler);
  });

  await app.register(federationRoutes, { prefix: '/api/v1', ctx, federation });

  if (ctx.config.services.includes('worker')) {
    const deliver = createStatementDeliveryHandler(ctx, federation);
    await bus.subscribeGroup('activitypub', (event) => ctx.outbound.confine(() => deliver(event)));
    const stop = new AbortController();
    const running = federation.startQueue(ctx, { signal: stop.signal }).catch((err: unknown) => ctx.logger.error({ err }, 'federation queue stopped'));
    const prune = setInterval(() => void kv.pruneExpired().catch(() => undefined), 3_600_000);
    prune.unref();
    app.addHook('onClose', async () => {
      clearInterval(prune);
      stop.abort();
      await running;
    });
  }
};
