import pino from 'pino';
import { buildApp } from '../../../app.ts';
import type { Config } from '../../../platform/config/config.ts';
import { inTransaction } from '../../../platform/context.ts';
import { newIdFor } from '../../../platform/db/index.ts';
import { createInProcessBus, createOutboxDispatcher } from '../../../platform/events/index.ts';
import { testConfig, type TestApp } from '../../../test/test-app.ts';
import { createTestDatabase } from '../../../test/test-db.ts';
import { freePort } from '../../../test/server-process.ts';
import { findRootUnit, initialiseWorkspace } from '../../identity/index.ts';
import { newsroomPlugin } from './newsroom.plugin.ts';
import { recordSignedStatement, type SignedStatementInput } from './record-signed-statement.ts';

export type NewsroomTestApp = Omit<TestApp, 'ingestStream' | 'startIngestWorker'> & { organisationId: string; url: string };

/**
 * The real app with the newsroom mounted (createTestApp makes the app ready before a plugin could
 * be added). Mounts the plugin only when app.ts does not already. With `listen`, it serves on a
 * free 127.0.0.1 port that is also its PUBLIC_URL, for the CLI's online checks.
 */
export async function createNewsroomTestApp(opts: { listen?: boolean; overrides?: Partial<Config> } = {}): Promise<NewsroomTestApp> {
  const port = opts.listen ? await freePort() : 0;
  const config = testConfig({ publicUrl: opts.listen ? `http://127.0.0.1:${port}` : 'https://news.example.go.id', ...opts.overrides });
  const database = await createTestDatabase();
  const bus = createInProcessBus();
  const dispatcher = createOutboxDispatcher({ db: database.db, bus, pollMs: 50 });
  const { app, ctx, integrity, storedItems } = await buildApp({ config, database, bus, logger: pino({ level: process.env.NEWSROOM_TEST_LOG ?? 'silent' }), notifyOutbox: () => dispatcher.notify() });
  if (!app.hasRoute({ method: 'GET', url: '/newsroom/:lang/:slug' })) await app.register(newsroomPlugin, { ctx });
  await app.ready();
  await initialiseWorkspace(ctx);
  dispatcher.start();
  if (opts.listen) await app.listen({ port, host: '127.0.0.1' });
  const root = await findRootUnit(ctx.db);
  if (!root) throw new Error('workspace has no root unit');
  return {
    app,
    ctx,
    database,
    bus,
    config,
    integrity,
    storedItems,
    organisationId: root.id,
    url: config.publicUrl,
    async close() {
      await app.close();
      await dispatcher.stop();
      await bus.close();
      await database.drop();
    },
  };
}

/** Signs and stores a statement version the way the statements core does, public an hour ago by default. */
export async function publishTestStatement(t: NewsroomTestApp, input: Partial<SignedStatementInput> = {}) {
  const full: SignedStatementInput = {
    statementId: newIdFor(),
    organisationId: t.organisationId,
    unitId: t.organisationId,
    kind: 'press-release',
    language: 'en',
    title: 'Statement on the regional climate partnership',
    body: 'The Ministry welcomes the agreement reached today.\n\nIt commits both countries to cut emissions by 40 per cent before 2035.',
    publishedAt: new Date(Date.now() - 3_600_000),
    attachments: [],
    ...input,
  };
  const recorded = await inTransaction(t.ctx, (tx) => recordSignedStatement(tx, { secretBox: t.ctx.secretBox, config: t.config }, full));
  return { ...recorded, input: full };
}
