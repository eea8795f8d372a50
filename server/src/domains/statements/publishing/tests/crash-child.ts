// The server process of the crash test: the worker role on the embedded database (migrations,
// platform context, the publishing job runner), which is what a SIGKILL can interrupt mid-effect.
// The web role is left out to keep each of the 50+ restarts short; the composition root does not
// mount the publishing jobs yet either. CRASH_STATUS_PORT serves the publication states so the
// test can tell when everything settled.
import { sql } from 'drizzle-orm';
import pino from 'pino';
import { loadConfig } from '../../../../platform/config/config.ts';
import { builtInConnectors, createConnectorRegistry } from '../../../../platform/connectors/index.ts';
import { createPlatformContext } from '../../../../platform/context.ts';
import { openDatabase, queryRows } from '../../../../platform/db/index.ts';
import { serveCrashStatus } from '../../../../test/crash-status.ts';
import { createJobRegistry, createJobRunner } from '../../../../platform/jobs/index.ts';
import { isLeaseOwnerGone, newInstanceId } from '../../../../platform/process-identity.ts';
import { publishingJobs } from '../publishing.jobs.ts';

const config = loadConfig(process.env);
const database = await openDatabase({ url: config.databaseUrl, dataDir: config.dataDir });
await database.migrate();
const ctx = createPlatformContext(config, database, pino({ level: config.logLevel }));
const connectors = createConnectorRegistry(builtInConnectors(), config.env, ctx.outbound);
const runner = createJobRunner({
  db: database.db,
  registry: createJobRegistry(publishingJobs({ connectors, secretBox: ctx.secretBox.for('channel-tokens'), storage: ctx.storage })),
  workerId: newInstanceId(),
  // The embedded database admits one process: a lease of any other was left by a killed child.
  isLeaseOwnerGone: (owner) => isLeaseOwnerGone(owner, { exclusiveDatabase: database.kind === 'embedded' }),
  concurrency: config.jobConcurrency,
  pollMs: config.jobPollMs,
  leaseMs: config.jobLeaseMs,
  logger: ctx.logger,
});
runner.start();

serveCrashStatus(
  () => queryRows<{ state: string; reply_state: string | null; has_job: boolean; n: number }>(database.db,
    sql`select state, reply_state, job_id is not null as has_job, count(*)::int as n from publications group by 1, 2, 3`),
  () => runner.stop({ graceMs: 2000 }).then(() => database.close()),
);
