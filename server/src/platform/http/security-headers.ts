import type { IncomingMessage, ServerResponse } from 'node:http';
import type { FastifyInstance } from 'fastify';
import helmet, { type HelmetOptions } from 'helmet';

/**
 * JSON answers of the API get the short set OWASP recommends for REST services: nothing may
 * render or frame them, browsers must not sniff them, other sites may not embed them.
 */
const apiHeaders: Record<string, string> = {
  'content-security-policy': "default-src 'none'; frame-ancestors 'none'",
  'x-content-type-options': 'nosniff',
  'cross-origin-resource-policy': 'same-origin',
  'referrer-policy': 'no-referrer',
};

/**
 * Security headers, computed once at start-up and set from ready-made objects: Helmet re-derives
 * its Content-Security-Policy on every request, which cost more than a third of an API request's
 * time here, and our policies never vary per request. Pages (the web app, the API docs) get
 * Helmet's full set; `/api/v1` answers get the API set. The request id is echoed on every answer.
 */
export function installSecurityHeaders(app: FastifyInstance, options: HelmetOptions): void {
  const pageHeaders: Record<string, string> = {};
  const res = {
    setHeader(name: string, value: string | number | string[]) {
      pageHeaders[name.toLowerCase()] = String(value);
    },
    removeHeader() {},
  } as unknown as ServerResponse;
  helmet(options)({} as IncomingMessage, res, () => undefined);
  app.addHook('onRequest', (req, reply, done) => {
    reply.headers(req.url.startsWith('/api/v1/') ? apiHeaders : pageHeaders);
    reply.header('x-request-id', req.id);
    done();
  });
}
