// Test support: a database with the publishing jobs, the configured connectors pointed at local
// fakes, and a way to run every due job (moving future retries forward when asked).
import type { ConnectorDefinition, Credentials } from '@diplodesk/connector-sdk';
import type { FakePlatform, StartFake } from '@diplodesk/connector-sdk/testing';
import { and, eq, inArray, sql } from 'drizzle-orm';
import pino from 'pino';
import { systemActor } from '../../../../platform/audit/audit.ts';
import { createConnectorRegistry, type ConnectorRegistry } from '../../../../platform/connectors/index.ts';
import { createPlatformContext, type PlatformContext } from '../../../../platform/context.ts';
import type { Database } from '../../../../platform/db/index.ts';
import { jobs } from '../../../../platform/db/platform.tables.ts';
import { createJobRegistry, createJobRunner, type JobRunner } from '../../../../platform/jobs/index.ts';
import { testConfig } from '../../../../test/test-app.ts';
import { publishingJobs } from '../publishing.jobs.ts';
import { storeAccount } from '../publishing.commands.ts';
import type { PublishingDeps } from '../publishing.effects.ts';

export type Loaded = { id: string; definition: ConnectorDefinition; startFake: StartFake };

/** The connectors (with their fakes) present in this checkout; others are being written. */
export async function availableConnectors(ids: readonly string[]): Promise<Loaded[]> {
  const out: Loaded[] = [];
  for (const id of ids) {
    try {
      const definition = ((await import(`@diplodesk/connector-${id}`)) as { default: ConnectorDefinition }).default;
      const { startFake } = (await import(`@diplodesk/connector-${id}/fake`)) as { startFake: StartFake };
      if (typeof startFake === 'function') out.push({ id, definition, startFake });
    } catch {
      // not written yet
    }
  }
  return out;
}

export type Harness = {
  ctx: PlatformContext;
  connectors: ConnectorRegistry;
  deps: PublishingDeps;
  runner: JobRunner;
  /** Runs due jobs until none is left; `fastForward` makes delayed ones due at once. */
  drain(opts?: { fastForward?: boolean; maxRounds?: number }): Promise<void>;
};

export const publishingJobNames = ['statements.publish-publication@1', 'statements.publish-reply@1', 'statements.reconcile-publication@1', 'statements.withdraw-publication@1'];

export function createHarness(database: Database, definitions: ConnectorDefinition[], env: Record<string, string>): Harness {
  const config = testConfig();
  const ctx = createPlatformContext(config, database, pino({ level: 'silent' }));
  const connectors = createConnectorRegistry(definitions, env, ctx.outbound);
  const deps: PublishingDeps = { connectors, secretBox: ctx.secretBox.for('channel-tokens'), storage: ctx.storage };
  const runner = createJobRunner({ db: database.db, registry: createJobRegistry(publishingJobs(deps)), workerId: 'test-worker', pollMs: 20, leaseMs: 60_000 });
  async function drain({ fastForward = true, maxRounds = 200 } = {}) {
    for (let round = 0; round < maxRounds; round++) {
      while (await runner.runOnce()) {
        // keep going
      }
      const queued = await database.db
        .select({ id: jobs.id })
        .from(jobs)
        .where(and(inArray(jobs.name, publishingJobNames), eq(jobs.status, 'queued')));
      if (queued.length === 0) return;
      if (!fastForward) return;
      await database.db.update(jobs).set({ runAt: sql`now()` }).where(inArray(jobs.id, queued.map((q) => q.id)));
    }
    throw new Error('jobs did not settle');
  }
  return { ctx, connectors, deps, runner, drain };
}

/** Connects an account on the fake directly with credentials the fake issued. */
export async function connectFakeAccount(h: Harness, fake: FakePlatform, unitId: string, handle = `${fake.platform}-account`) {
  const credentials: Credentials = await fake.issueCredentials();
  const extra = credentials.extra ?? {};
  const remoteAccountId = extra.userId ?? extra.accountId ?? extra.did ?? extra.pageId ?? extra.channelId ?? extra.chatId ?? handle;
  return storeAccount(h.ctx, systemActor('test'), { unitId, platform: fake.platform, credentials, account: { remoteAccountId, handle } });
}

/** Ledger entries that are posts (not link replies) and not deleted. */
export const livePosts = (fake: FakePlatform) => fake.ledger().filter((e) => !e.replyTo && !e.deleted);
