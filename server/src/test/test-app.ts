import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import pino from 'pino';
import { buildApp } from '../app.ts';
import { initialiseWorkspace } from '../domains/identity/index.ts';
import { seedStatementDefaults } from '../domains/statements/index.ts';
import type { IntegrityRuntime } from '../domains/integrity/index.ts';
import { type ManagedIngestStream, openIngestStream, startListeningWorker, type StoredItemsHook } from '../domains/listening/index.ts';
import os from 'node:os';
import path from 'node:path';
import { loadConfig, type Config } from '../platform/config/config.ts';
import type { PlatformContext } from '../platform/context.ts';
import { randomBytes } from 'node:crypto';
import { jetstreamManager } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';
import { createInProcessBus, createNatsBus, createOutboxDispatcher, type EventBus } from '../platform/events/index.ts';
import { createTestDatabase, type TestDatabase } from './test-db.ts';
import { TEST_OUTBOUND_ALLOW } from './outbound.ts';
import { TEST_PASSWORD_HASH_COST } from './password-cost.ts';

export const adminEmail = 'admin@test.diplodesk';
export const adminPassword = 'correct horse battery staple';

export type TestApp = {
  app: FastifyInstance;
  ctx: PlatformContext;
  database: TestDatabase;
  bus: EventBus;
  config: Config;
  /** Listening's ingest stream (JetStream on the PostgreSQL + NATS tier). */
  ingestStream: ManagedIngestStream;
  /** Integrity's claim matcher of this app, and listening's store hook that runs it. */
  integrity: IntegrityRuntime;
  storedItems: StoredItemsHook;
  /** What the first run created (the generated administrator password when none was configured). */
  firstRun?: Awaited<ReturnType<typeof initialiseWorkspace>>;
  /** Starts the analysing worker on the ingest stream (stopped by close). */
  startIngestWorker(): void;
  close(): Promise<void>;
};

export function testConfig(overrides: Partial<Config> = {}): Config {
  return loadConfig(
    {
      NODE_ENV: 'test',
      LOG_LEVEL: 'silent',
      PASSWORD_HASH_COST: TEST_PASSWORD_HASH_COST,
      DIPLODESK_SECRET: 'test-secret-test-secret-test-secret-0123',
      DIPLODESK_ADMIN_EMAIL: adminEmail,
      DIPLODESK_ADMIN_PASSWORD: adminPassword,
      DIPLODESK_DEMO: '1',
      DIPLODESK_SERVICES: 'web,realtime',
      WEB_DIST: '/nonexistent-web-dist',
      STORAGE_DIR: path.join(os.tmpdir(), `diplodesk-test-storage-${process.pid}`),
      // Every fake platform and feed listens on loopback; the SSRF tests override this with [].
      OUTBOUND_ALLOW_CIDRS: TEST_OUTBOUND_ALLOW,
      // A suite calls from one session and one address thousands of times a minute;
      // caller-rate-limit.int.test.ts sets its own low limits.
      API_RATE_PER_MINUTE: '10000000',
      PUBLIC_RATE_PER_MINUTE: '10000000',
    },
    overrides,
  );
}

/** With TEST_NATS=1 the app's bus is NATS JetStream, on a stream named for this test file only. */
function testNats(): { url: string; prefix: string } | null {
  if (process.env.TEST_NATS !== '1') return null;
  return { url: process.env.NATS_URL ?? 'nats://127.0.0.1:4222', prefix: `t_${randomBytes(5).toString('hex')}` };
}

async function deleteNatsStream(url: string, stream: string): Promise<void> {
  const nc = await connect({ servers: url });
  try {
    await (await jetstreamManager(nc)).streams.delete(stream);
  } finally {
    await nc.close();
  }
}

/** A real app on a fresh database (PGlite in memory, or PostgreSQL with TEST_DATABASE=postgres), with the demo workspace. */
export async function createTestApp(overrides: Partial<Config> = {}, opts: { logger?: pino.Logger } = {}): Promise<TestApp> {
  const config = testConfig(overrides);
  const database = await createTestDatabase();
  const nats = testNats();
  const bus = nats ? await createNatsBus({ url: nats.url, prefix: nats.prefix, instanceId: 'test' }) : createInProcessBus();
  const dispatcher = createOutboxDispatcher({ db: database.db, bus, pollMs: 50 });
  const ingestStream = await openIngestStream({ db: database.db, natsUrl: nats?.url, prefix: nats?.prefix ?? 'test', instanceId: 'test' });
  const { app, ctx, integrity, storedItems } = await buildApp({ config, database, bus, logger: opts.logger ?? pino({ level: process.env.DBG_LOG ?? 'silent' }), notifyOutbox: () => dispatcher.notify(), ingestStream });
  let ingestWorker: { stop(): Promise<void> } | null = null;
  await app.ready();
  const firstRun = await initialiseWorkspace(ctx);
  await seedStatementDefaults(ctx);
  dispatcher.start();
  return {
    app,
    ctx,
    database,
    bus,
    config,
    ingestStream,
    integrity,
    storedItems,
    firstRun,
    startIngestWorker() {
      ingestWorker ??= startListeningWorker(ctx, ingestStream, { workerId: 'test-worker', storedItems });
    },
    async close() {
      await app.close();
      await ingestWorker?.stop();
      await dispatcher.stop();
      await ingestStream.close?.();
      await bus.close();
      if (nats) {
        await deleteNatsStream(nats.url, `${nats.prefix}_events`);
        await deleteNatsStream(nats.url, `${nats.prefix}_ingest`);
      }
      await database.drop();
    },
  };
}

export type Client = {
  csrf: string;
  cookie: string;
  request(opts: InjectOptions): Promise<LightMyRequestResponse>;
  get(url: string): Promise<LightMyRequestResponse>;
  post(url: string, body?: unknown): Promise<LightMyRequestResponse>;
  patch(url: string, body?: unknown): Promise<LightMyRequestResponse>;
  delete(url: string): Promise<LightMyRequestResponse>;
};

export function cookiesOf(res: LightMyRequestResponse): Record<string, string> {
  return Object.fromEntries(res.cookies.map((c) => [c.name, c.value]));
}

/** Signs in through the real API and returns a client that sends the cookie and CSRF token. */
export async function signInAs(app: FastifyInstance, email: string, password: string): Promise<Client> {
  const res = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email, password } });
  if (res.statusCode !== 200) throw new Error(`sign-in failed: ${res.statusCode} ${res.body}`);
  const c = cookiesOf(res);
  return clientFor(app, `dd_session=${c.dd_session}`, c.dd_csrf ?? '');
}

export function clientFor(app: FastifyInstance, cookie: string, csrf: string): Client {
  const request = (opts: InjectOptions) => app.inject({ ...opts, headers: { cookie, 'x-csrf-token': csrf, ...(opts.headers ?? {}) } });
  return {
    csrf,
    cookie,
    request,
    get: (url) => request({ method: 'GET', url }),
    post: (url, body) => request({ method: 'POST', url, ...(body === undefined ? {} : { payload: body as Record<string, unknown> }) }),
    patch: (url, body) => request({ method: 'PATCH', url, payload: body as Record<string, unknown> }),
    delete: (url) => request({ method: 'DELETE', url }),
  };
}
