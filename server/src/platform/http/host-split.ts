import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from '../errors/app-error.ts';

/** Which application a path belongs to when the staff app has a host of its own (STAFF_URL). */
export type Surface = 'public' | 'staff' | 'anywhere';

// The newsroom's pages, feeds and assets, verification, its public API (signed statements, audit
// checkpoints), ActivityPub and discovery (JWKS, WebFinger, NodeInfo): readable by anyone.
const publicPath = /^\/(newsroom|verify|ap|nodeinfo|\.well-known)(\/|$)|^\/api\/v1\/public\//;
// Probes and the scraper: a load balancer or Prometheus names the instance, not either site.
const operatorPath = /^\/(healthz|readyz|metrics)$/;

function safeDecode(path: string): string {
  try {
    return decodeURIComponent(path);
  } catch {
    return path;
  }
}

/**
 * The surface a request belongs to, from the route it matched when there is one (so `/%6eewsroom`
 * cannot pass for a public page), else from its decoded path. Everything not public is staff: the
 * web app and its assets, the API (docs included), the WebSockets and every sign-in step.
 */
export function surfaceOf(req: Pick<FastifyRequest, 'url' | 'routeOptions'>): Surface {
  const pattern = req.routeOptions.url;
  const path = pattern && pattern !== '/*' ? pattern : safeDecode(req.url.split('?')[0] ?? '/');
  if (operatorPath.test(path)) return 'anywhere';
  return publicPath.test(path) ? 'public' : 'staff';
}

/**
 * `host[:port]` as the configured origin writes it (no default port, lower case), or null for a
 * value that is no host at all. `req.host` is the Host header, or X-Forwarded-Host from a proxy
 * TRUST_PROXY believes.
 */
export function canonicalHost(host: string | undefined, protocol: string): string | null {
  if (!host || /[\s/\\?#@]/.test(host)) return null;
  try {
    return new URL(`${protocol}//${host}`).host;
  } catch {
    return null;
  }
}

export type HostSplit = { publicUrl: string; staffUrl: string };

/**
 * Keeps the staff app and the public newsroom apart by host name (ASVS 3.5.4), before any
 * cookie is read or budget spent, so the same-origin policy separates them:
 * - a staff path on the public host answers 404 (`/` goes to the newsroom instead);
 * - a public path on the staff host is redirected (308, method and body kept) to the public host;
 * - any other host answers 421 `request.misdirected`, naming neither site;
 * - health checks and /metrics answer on any host.
 */
export function installHostSplit(app: FastifyInstance, split: HostSplit): void {
  const publicUrl = new URL(split.publicUrl);
  const staffUrl = new URL(split.staffUrl);
  const hosts = { public: publicUrl.host, staff: staffUrl.host };

  function hostOf(req: FastifyRequest): 'public' | 'staff' | null {
    const publicHost = canonicalHost(req.host, publicUrl.protocol);
    if (publicHost === hosts.public) return 'public';
    return canonicalHost(req.host, staffUrl.protocol) === hosts.staff ? 'staff' : null;
  }

  app.addHook('onRequest', async (req: FastifyRequest, reply: FastifyReply) => {
    const surface = surfaceOf(req);
    if (surface === 'anywhere') return;
    const host = hostOf(req);
    if (host === null) throw new AppError('request.misdirected');
    if (host === surface) return;
    if (surface === 'public') return reply.redirect(`${publicUrl.origin}${req.url}`, 308);
    if ((req.method === 'GET' || req.method === 'HEAD') && req.url.split('?')[0] === '/') return reply.redirect('/newsroom', 302);
    throw new AppError('route.not-found');
  });
}
