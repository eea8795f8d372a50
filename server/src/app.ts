import { randomBytes, timingSafeEqual } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyCookie from '@fastify/cookie';
import fastifyRateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import fastifyWebsocket from '@fastify/websocket';
import { systemInfoResponse } from '@diplodesk/contracts';
import { sql } from 'drizzle-orm';
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest, LogController } from 'fastify';
import { serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import pino from 'pino';
import { cookieNamesFor, createIdentityRuntime, findRootUnit, identityPlugin, installIdentityGuards, readWorkspaceMeta, stepUpFactorsOf } from './domains/identity/index.ts';
import { insightsPlugin, startInsightsUpkeep } from './domains/insights/index.ts';
import { negotiationPlugin } from './domains/negotiation/index.ts';
import { createIntegrityRuntime, type IntegrityRuntime, integrityPlugin, rebuttalTargetOf, sharingPlugin, taxiiPlugin, taxiiPrefix } from './domains/integrity/index.ts';
import { createInProcessStream, listeningPlugin, type ManagedIngestStream, type StoredItemsHook } from './domains/listening/index.ts';
import { federationPlugin, newsroomPlugin, statementsPlugin } from './domains/statements/index.ts';
import { createDenialAudit, type DenialAudit } from './platform/audit/denial-audit.ts';
import { installRouteAuth } from './platform/authz/route-auth.ts';
import { installStepUp } from './platform/authz/step-up.ts';
import { type Config, staffUrlOf } from './platform/config/config.ts';
import { builtInConnectors, type ConnectorRegistry, createConnectorRegistry } from './platform/connectors/index.ts';
import { createPlatformContext, type PlatformContext } from './platform/context.ts';
import type { Outbound } from './platform/outbound/index.ts';
import type { Database } from './platform/db/index.ts';
import { queryRows } from './platform/db/index.ts';
import type { EventBus } from './platform/events/bus.ts';
import { AppError } from './platform/errors/app-error.ts';
import { installCallerRateLimit } from './platform/http/caller-rate-limit.ts';
import { installErrorHandling } from './platform/http/error-handler.ts';
import { openApiOptions } from './platform/http/openapi.ts';
import { installHostSplit } from './platform/http/host-split.ts';
import { hstsHeader, installSecurityHeaders } from './platform/http/security-headers.ts';
import { installHttpMetrics } from './platform/observability/metrics.ts';
import { installLiveGateway, installWebSocketOriginCheck, originCheckFor } from './platform/realtime/gateway.ts';
import { systemRoutes } from './platform/system/system.routes.ts';

declare module 'fastify' {
  interface FastifyInstance {
    auditDenials: DenialAudit;
  }
}

export const version = '0.1.0';
const requestPrefix = randomBytes(6).toString('base64url');
let requestCounter = 0;
const here = path.dirname(fileURLToPath(import.meta.url));
export const defaultWebDist = path.resolve(here, '../../web/dist');

export type BuildAppOptions = {
  config: Config;
  database: Database;
  bus: EventBus;
  /** Wakes the outbox dispatcher when this process runs one. */
  notifyOutbox?: () => void;
  /** Log destination; tests pass a silent logger. */
  logger?: pino.Logger;
  /** Publishing platforms; default: the built-in connectors configured in the environment. */
  connectors?: ConnectorRegistry;
  /** Listening's ingest stream; default: the in-process one on this database. */
  ingestStream?: ManagedIngestStream;
  /** The outbound guard; default: one from the config (tests pass one with a resolver of their own). */
  outbound?: Outbound;
};

const redactPaths = ['req.headers.cookie', 'req.headers.authorization', 'req.headers["x-csrf-token"]', 'res.headers["set-cookie"]', '*.password', '*.secret', '*.token'];

export function createLogger(config: Config): pino.Logger {
  return pino({ level: config.logLevel, redact: { paths: redactPaths, censor: '[redacted]' } });
}

/**
 * Requests are logged at debug when they complete, not twice at info; a request that failed inside
 * Fastify keeps its error line (the error handler logs the rest).
 */
class QuietRequestLog extends LogController {
  override incomingRequest(): void {}
  override requestCompleted(error: Error | null | undefined, request: FastifyRequest, reply: FastifyReply): void {
    if (error) reply.log.error({ err: error, statusCode: reply.statusCode, responseTime: Math.round(reply.elapsedTime) }, 'request errored');
    else request.log.debug({ method: request.method, url: request.url, statusCode: reply.statusCode, responseTime: Math.round(reply.elapsedTime) }, 'request completed');
  }
}

/** Trusts the `hops` entries of X-Forwarded-For nearest to this server, as Express's numeric setting does. */
function trustHops(hops: number): (address: string, hop: number) => boolean {
  return (_address, hop) => hop < hops;
}

/**
 * Mozilla's "intermediate" suites: forward-secret AEAD only. Node's default list also allows
 * RSA key exchange and CBC suites, which ASVS 12.1.2 does not.
 */
export const tlsCiphers = [
  'TLS_AES_128_GCM_SHA256',
  'TLS_AES_256_GCM_SHA384',
  'TLS_CHACHA20_POLY1305_SHA256',
  'ECDHE-ECDSA-AES128-GCM-SHA256',
  'ECDHE-RSA-AES128-GCM-SHA256',
  'ECDHE-ECDSA-AES256-GCM-SHA384',
  'ECDHE-RSA-AES256-GCM-SHA384',
  'ECDHE-ECDSA-CHACHA20-POLY1305',
  'ECDHE-RSA-CHACHA20-POLY1305',
  'DHE-RSA-AES128-GCM-SHA256',
  'DHE-RSA-AES256-GCM-SHA384',
  'DHE-RSA-CHACHA20-POLY1305',
].join(':');

/** Node's TLS server options from the configured files; read at start-up, so a renewed certificate needs a restart. */
export function tlsOptions(tls: NonNullable<Config['tls']>): { cert: Buffer; key: Buffer; minVersion: 'TLSv1.2' | 'TLSv1.3'; ciphers: string } {
  return { cert: fs.readFileSync(tls.certFile), key: fs.readFileSync(tls.keyFile), minVersion: tls.minVersion, ciphers: tlsCiphers };
}

/** Builds the HTTP application (no listen): API, OpenAPI, live gateway, health, metrics, web app. */
export async function buildApp(opts: BuildAppOptions): Promise<{
  app: FastifyInstance;
  ctx: PlatformContext;
  connectors: ConnectorRegistry;
  ingestStream: ManagedIngestStream;
  /** Integrity's claim matcher of this app (its jobs share it). */
  integrity: IntegrityRuntime;
  /** What listening calls on newly stored items inside their transaction (ADR 0023): pass it to every store path of this app. */
  storedItems: StoredItemsHook;
}> {
  const { config, database, bus } = opts;
  const logger = opts.logger ?? createLogger(config);
  const app = Fastify({
    loggerInstance: logger,
    // TLS_CERT_FILE/TLS_KEY_FILE: the server speaks HTTPS itself, so the proxy→instance hop is encrypted too.
    ...(config.tls ? { https: tlsOptions(config.tls) } : {}),
    // A number of proxies trusts that many hops nearest to us (the app must then be reachable only
    // through them: HOST is loopback by default); addresses/CIDRs are checked hop by hop.
    trustProxy: typeof config.trustProxy === 'number' ? trustHops(config.trustProxy) : config.trustProxy,
    bodyLimit: 1_048_576,
    // One line per request at info drowns everything else (thousands an hour for a few users).
    logController: new QuietRequestLog(),
    // The router refuses a malformed or over-long path segment before any handler runs; answer
    // those in the catalogue's shape too (Fastify's own body would carry no catalogued code).
    frameworkErrors: (err, _req, reply) => {
      const e = new AppError(err.code === 'FST_ERR_MAX_PARAM_LENGTH' ? 'request.uri-too-long' : 'request.invalid');
      void (reply as FastifyReply).code(e.status).send({ error: { code: e.code, message: e.message } });
    },
    genReqId: (req) => {
      const incoming = req.headers['x-request-id'];
      if (typeof incoming === 'string' && /^[A-Za-z0-9._:-]{8,100}$/.test(incoming)) return incoming;
      // Unique across instances (random prefix per process) and cheap (a counter, no RNG per request).
      requestCounter += 1;
      return `${requestPrefix}-${requestCounter.toString(36)}`;
    },
  }) as unknown as FastifyInstance;
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);

  const ctx = createPlatformContext(config, database, logger, opts.notifyOutbox, opts.outbound);
  app.addHook('onClose', () => ctx.passwordQuality.close());
  const connectors = opts.connectors ?? createConnectorRegistry(builtInConnectors(), config.env, ctx.outbound);
  const ingestStream = opts.ingestStream ?? createInProcessStream(database.db);
  // Per app, not per process: tests build several apps (on several databases) in one process.
  const integrity = createIntegrityRuntime();
  const storedItems: StoredItemsHook = integrity.storedItems;
  const { metrics } = ctx;

  installErrorHandling(app);
  const pagePolicy = {
    directives: {
      defaultSrc: ["'self'"],
      // Mantine sets inline style attributes; Swagger UI needs inline styles too.
      styleSrc: ["'self'", "'unsafe-inline'"],
      imgSrc: ["'self'", 'data:'],
      connectSrc: ["'self'"],
      scriptSrc: ["'self'"],
      // No page sets a <base>; 'none' stops injected markup from re-rooting relative URLs.
      baseUri: ["'none'"],
      formAction: ["'self'"],
      upgradeInsecureRequests: null,
    },
  };
  const staffUrl = staffUrlOf(config);
  // HSTS from the configured addresses, not the request: behind a TLS-terminating proxy the hop to us
  // may be plain http. Browsers ignore it over http, so one https site is enough to send it.
  const httpsUrl = [config.publicUrl, staffUrl].find((url) => url.startsWith('https://')) ?? config.publicUrl;
  installSecurityHeaders(app, { contentSecurityPolicy: pagePolicy }, hstsHeader(httpsUrl, config.hstsMaxAgeSeconds, config.hstsPreload));
  await app.register(fastifyCookie);
  // Refusals (rate limits, CSRF, permissions) go to the audit trail, coalesced per caller and minute.
  const denials = createDenialAudit(ctx);
  app.decorate('auditDenials', denials);
  app.addHook('onClose', () => denials.close());
  const onRouteLimitExceeded = (req: FastifyRequest, key: string) => {
    metrics.rateLimited.inc({ limit: 'route' });
    denials.onRateLimited(req, key);
  };
  await app.register(fastifyRateLimit, { global: false, onExceeded: onRouteLimitExceeded });
  await app.register(fastifyWebsocket, { options: { maxPayload: 64 * 1024 } });
  // Before budgets are spent or anyone authenticated: a request for the wrong site learns nothing
  // more. After the WebSocket plugin's own hook, which closes a refused handshake's socket.
  if (config.staffUrl) installHostSplit(app, { publicUrl: config.publicUrl, staffUrl: config.staffUrl });
  const cookies = cookieNamesFor(staffUrl);
  // Before authentication, so a flood is refused without a database read.
  installCallerRateLimit(app, {
    apiPerMinute: config.apiRatePerMinute,
    publicPerMinute: config.publicRatePerMinute,
    sessionCookie: cookies.session,
    onRefused: (req, refusal) => {
      metrics.rateLimited.inc({ limit: refusal.limit });
      denials.onCallerRateLimited(req, refusal);
    },
  });
  await app.register(fastifySwagger, openApiOptions({ version, publicUrl: config.publicUrl, staffUrl: config.staffUrl, sessionCookie: cookies.session, csrfCookie: cookies.csrf }));
  const identity = createIdentityRuntime(ctx, bus);
  // The API's map helps an attacker as much as an integrator: signed-in users only, unless opened up.
  const docsGuard = async (req: FastifyRequest) => {
    if (!config.apiDocsPublic && !(await identity.authenticate(req)).principal) throw new AppError('auth.required');
  };
  await app.register(fastifySwaggerUi, { routePrefix: '/api/docs', staticCSP: true, uiHooks: { onRequest: docsGuard } });
  installHttpMetrics(app, metrics);

  installRouteAuth(app, identity.authenticate);
  installIdentityGuards(app);
  installWebSocketOriginCheck(app, originCheckFor(staffUrl, config.staffUrl ? config.publicUrl : null), { requireTls: staffUrl.startsWith('https:') });
  denials.install(app);
  installStepUp(app, config.stepUpWindowSeconds, (userId) => stepUpFactorsOf(ctx, userId));
  // ActivityPub (WebFinger, actors, inboxes) lives at the root, outside /api/v1.
  await app.register(federationPlugin, { ctx, bus });
  // Insights keeps its rollups current from listening's events.
  await startInsightsUpkeep(ctx, bus);
  // Integrity's impersonation and coordination detectors read the same events.
  await integrity.startDetectors(ctx, bus);
  // The public newsroom, verify page and JWKS (no sign-in).
  await app.register(newsroomPlugin, { ctx });
  // TAXII 2.1 for partner organisations (threat sharing), with its own media type and error shape.
  await app.register(taxiiPlugin, { ctx, prefix: taxiiPrefix });

  app.get('/api/openapi.json', { config: { auth: config.apiDocsPublic ? { access: 'public' } : { access: 'signed-in' } }, schema: { hide: true } }, async () => app.swagger());
  app.get('/healthz', { config: { auth: { access: 'public' } }, schema: { hide: true } }, async () => ({ status: 'ok' }));
  app.get('/readyz', { config: { auth: { access: 'public' } }, schema: { hide: true } }, async (_req, reply) => {
    try {
      await queryRows(database.db, sql`select 1 as ok`);
      return { status: 'ready', database: database.kind, events: bus.kind };
    } catch (err) {
      logger.warn({ err }, 'readiness check failed');
      return reply.status(503).send({ error: { code: 'service.unavailable', message: 'The database is not reachable.' } });
    }
  });
  // Metrics reveal routes, volumes and timings: only for a scraper holding METRICS_TOKEN (unset = off).
  const metricsBearer = config.metricsToken ? Buffer.from(`Bearer ${config.metricsToken}`) : null;
  app.get('/metrics', { config: { auth: { access: 'public' } }, schema: { hide: true } }, async (req, reply) => {
    if (!metricsBearer) return reply.callNotFound();
    const sent = Buffer.from(req.headers.authorization ?? '');
    if (sent.length !== metricsBearer.length || !timingSafeEqual(sent, metricsBearer)) throw new AppError('auth.required', 'GET /metrics needs the METRICS_TOKEN bearer token.');
    void reply.header('content-type', metrics.registry.contentType);
    return metrics.registry.metrics();
  });

  await app.register(
    async (instance) => {
      const api = instance.withTypeProvider<ZodTypeProvider>();
      api.get('/system', { config: { auth: { access: 'public' } }, schema: { tags: ['system'], summary: 'Product, version and organisation', response: { 200: systemInfoResponse } } }, async () => {
        const meta = await readWorkspaceMeta(ctx);
        const root = await findRootUnit(database.db);
        return { name: 'DiploDesk' as const, version, organisation: root?.name ?? null, database: database.kind, events: bus.kind, demo: meta?.demo ?? false };
      });
      await api.register(identityPlugin, { ctx, identity });
      await api.register(systemRoutes, { ctx });
      // A rebuttal of a finding or claim is checked and filled in by integrity (ADR 0028).
      await api.register(statementsPlugin, { ctx, connectors, responseTargets: rebuttalTargetOf });
      await api.register(listeningPlugin, { ctx, connectors, bus, stream: ingestStream });
      await api.register(insightsPlugin, { ctx });
      await api.register(integrityPlugin, { ctx });
      await api.register(sharingPlugin, { ctx });
      await api.register(negotiationPlugin, { ctx, cookies: identity.cookies });
    },
    { prefix: '/api/v1' },
  );

  if (config.services.includes('realtime')) {
    installLiveGateway(app, bus, identity.canSeeEvent);
  }

  await serveWebApp(app, config.webDist ?? defaultWebDist, logger);
  return { app, ctx, connectors, ingestStream, integrity, storedItems };
}

/** Serves the built web app with a fallback to index.html for client-side routes. */
async function serveWebApp(app: FastifyInstance, dist: string, logger: pino.Logger): Promise<void> {
  const index = path.join(dist, 'index.html');
  if (!fs.existsSync(index)) {
    logger.warn({ dist }, 'web app not built: run `npm run build` to serve the interface');
    return;
  }
  await app.register(fastifyStatic, { root: dist, wildcard: false, index: false });
  const html = fs.readFileSync(index);
  const sendIndex = (_req: unknown, reply: FastifyReply) => reply.type('text/html; charset=utf-8').header('cache-control', 'no-cache').send(html);
  app.get('/', { config: { auth: { access: 'public' } }, schema: { hide: true } }, sendIndex);
  app.get('/*', { config: { auth: { access: 'public' } }, schema: { hide: true } }, async (req, reply) => {
    const url = req.url.split('?')[0] ?? '/';
    // Machine addresses (APIs, ActivityPub, /.well-known/ discovery) are never client routes: an
    // unknown one answers 404, not the app's HTML with 200 that crawlers would take for a document.
    if (/^\/(api|ap|nodeinfo|\.well-known)(\/|$)/.test(url)) return reply.callNotFound();
    const file = path.join(dist, path.normalize(url).replace(/^([/\\])+/, ''));
    if (file.startsWith(dist) && fs.existsSync(file) && fs.statSync(file).isFile()) {
      if (url.startsWith('/assets/')) void reply.header('cache-control', 'public, max-age=31536000, immutable');
      return reply.sendFile(path.relative(dist, file));
    }
    return sendIndex(req, reply);
  });
}
