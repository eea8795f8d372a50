import type { LiveServerMessage } from '@diplodesk/contracts';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { WebSocket } from 'ws';
import type { Principal } from '../authz/principal.ts';
import { requirePrincipal } from '../authz/route-auth.ts';
import { AppError } from '../errors/app-error.ts';
import type { EventBus } from '../events/bus.ts';
import type { DomainEvent } from '../events/outbox.ts';

/** Decides per recipient whether a connected user may see an event (by the event's unit). */
export type LivePolicy = (p: Principal, event: DomainEvent) => Promise<boolean>;

type Client = { socket: WebSocket; principal: Principal };

/** Which page origins may open the socket (the browser sends `Origin` on every WebSocket handshake). */
export type OriginCheck = (origin: string) => boolean;

/**
 * A browser sends its session cookie with a WebSocket handshake from any site (no CORS applies),
 * so a foreign page could read a user's live events: the handshake must come from our own origin.
 * A client without `Origin` is not a browser; it is accepted only with an API token.
 */
function checkHandshake(req: FastifyRequest, allowOrigin: OriginCheck, requireTls: boolean): void {
  // Behind an https staff address the socket carries session data too: never over plain ws (the proxy
  // reports the scheme it was reached by; TRUST_PROXY decides whether that is believed).
  if (requireTls && req.protocol !== 'https') throw new AppError('authz.forbidden', 'A live connection needs TLS (wss://).');
  const origin = req.headers.origin;
  if (origin === undefined) {
    if (req.principal?.via !== 'token') throw new AppError('authz.forbidden', 'A live connection without an Origin needs an API token.');
    return;
  }
  if (!allowOrigin(origin)) throw new AppError('authz.forbidden', 'This site may not open a live connection.');
}

/**
 * Checks the handshake of every WebSocket endpoint (/api/live, /api/v1/listening/live, any later
 * one); install after route authentication, which resolves the caller first.
 */
export function installWebSocketOriginCheck(app: FastifyInstance, allowOrigin: OriginCheck, opts: { requireTls: boolean } = { requireTls: false }): void {
  app.addHook('onRequest', async (req) => {
    if (req.headers.upgrade?.toLowerCase() === 'websocket') checkHandshake(req, allowOrigin, opts.requireTls);
  });
}

const loopbackHosts = ['localhost', '127.0.0.1', '[::1]'];
const isLoopbackOrigin = (origin: string) => {
  try {
    const u = new URL(origin);
    return u.protocol === 'http:' && loopbackHosts.includes(u.hostname);
  } catch {
    return false;
  }
};

/**
 * The staff app's origin (STAFF_URL, else PUBLIC_URL). When that is itself a loopback address (a
 * local or development instance), any loopback port too: the Vite dev server proxies the socket
 * from its own port. `publicUrl` is given when the newsroom has a host of its own: its pages are
 * never a staff origin, not even on loopback.
 */
export function originCheckFor(staffUrl: string, publicUrl: string | null = null): OriginCheck {
  const own = new URL(staffUrl).origin;
  const local = isLoopbackOrigin(own);
  const publicHost = publicUrl ? new URL(publicUrl).hostname : null;
  return (origin) => origin === own || (local && isLoopbackOrigin(origin) && new URL(origin).hostname !== publicHost);
}

const maxBufferedBytes = 1_000_000;

/**
 * `/api/live`: one WebSocket per browser tab. Committed events fan out to every connection whose
 * user may read the event's unit; a slow client whose buffer fills is dropped rather than
 * letting memory grow.
 */
export function installLiveGateway(app: FastifyInstance, bus: EventBus, policy: LivePolicy): { connections: () => number } {
  const clients = new Set<Client>();

  const unsubscribe = bus.subscribeFanout(async (event) => {
    for (const client of clients) {
      if (client.socket.readyState !== client.socket.OPEN) continue;
      if (!(await policy(client.principal, event).catch(() => false))) continue;
      if (client.socket.bufferedAmount > maxBufferedBytes) {
        client.socket.close(1013, 'too slow');
        continue;
      }
      const msg: LiveServerMessage = { type: 'event', event: { id: event.id, type: event.type, unitId: event.unitId, at: event.at, data: event.data } };
      client.socket.send(JSON.stringify(msg));
    }
  });
  app.addHook('onClose', async () => {
    unsubscribe();
    for (const c of clients) c.socket.close(1001, 'server shutting down');
  });

  app.get('/api/live', { websocket: true, config: { auth: { access: 'signed-in' } }, schema: { hide: true } }, (socket, req) => {
    const client: Client = { socket, principal: requirePrincipal(req) };
    clients.add(client);
    const hello: LiveServerMessage = { type: 'hello', userId: client.principal.userId };
    socket.send(JSON.stringify(hello));
    socket.on('message', (raw) => {
      let msg: unknown;
      try {
        msg = JSON.parse(String(raw));
      } catch {
        return;
      }
      if ((msg as { type?: unknown })?.type === 'ping') socket.send(JSON.stringify({ type: 'pong' } satisfies LiveServerMessage));
    });
    socket.on('close', () => clients.delete(client));
  });

  return { connections: () => clients.size };
}
