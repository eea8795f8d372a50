import type { IncomingMessage, ServerResponse } from 'node:http';
import type { FastifyInstance } from 'fastify';
import helmet, { type HelmetOptions } from 'helmet';

/**
 * JSON answers of the API get the short set OWASP recommends for REST services: nothing may
 * render or frame them, browsers must not sniff them, other sites may not embed them.
 */
const apiHeaders: Record<string, string> = {
  // default-src does not cover base-uri or form-action, so each is closed explicitly.
  'content-security-policy': "default-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
  'x-content-type-options': 'nosniff',
  'cross-origin-resource-policy': 'same-origin',
  'referrer-policy': 'no-referrer',
};

/**
 * The Strict-Transport-Security value for a deployment, or null: only behind an https PUBLIC_URL
 * (over plain http the header is meaningless, and a localhost set-up must stay reachable), with
 * includeSubDomains so no sibling host can be reached over http either.
 */
export function hstsHeader(publicUrl: string, maxAgeSeconds: number, preload: boolean): string | null {
  if (!publicUrl.startsWith('https://') || maxAgeSeconds <= 0) return null;
  return `max-age=${maxAgeSeconds}; includeSubDomains${preload ? '; preload' : ''}`;
}

/**
 * Security headers, computed once at start-up and set from ready-made objects: Helmet re-derives
 * its Content-Security-Policy on every request, which cost more than a third of an API request's
 * time here, and our policies never vary per request. Pages (the web app, the API docs) get
 * Helmet's full set; `/api/v1` answers get the API set. The request id is echoed on every answer.
 */
export function installSecurityHeaders(app: FastifyInstance, pages: { contentSecurityPolicy: HelmetOptions['contentSecurityPolicy'] }, hsts: string | null = null): void {
  const pageHeaders: Record<string, string> = {};
  const res = {
    setHeader(name: string, value: string | number | string[]) {
      pageHeaders[name.toLowerCase()] = String(value);
    },
    removeHeader() {},
  } as unknown as ServerResponse;
  // Helmet's own HSTS is left off: ours depends on PUBLIC_URL and goes on API answers too.
  helmet({ contentSecurityPolicy: pages.contentSecurityPolicy, strictTransportSecurity: false })({} as IncomingMessage, res, () => undefined);
  const api = hsts ? { ...apiHeaders, 'strict-transport-security': hsts } : apiHeaders;
  if (hsts) pageHeaders['strict-transport-security'] = hsts;
  app.addHook('onRequest', (req, reply, done) => {
    reply.headers(req.url.startsWith('/api/v1/') ? api : pageHeaders);
    reply.header('x-request-id', req.id);
    done();
  });
}
