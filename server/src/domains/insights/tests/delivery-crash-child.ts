// The server process of the delivery crash test: the job runner with the insights jobs on the
// embedded database, which is what a SIGKILL interrupts mid-delivery. CRASH_STATUS_PORT serves the
// delivery states so the test can tell when everything settled.
import { sql } from 'drizzle-orm';
import pino from 'pino';
import { loadConfig } from '../../../platform/config/config.ts';
import { createPlatformContext } from '../../../platform/context.ts';
import { openDatabase, queryRows } from '../../../platform/db/index.ts';
import { serveCrashStatus } from '../../../test/crash-status.ts';
import { createJobRegistry, createJobRunner } from '../../../platform/jobs/index.ts';
import { isLeaseOwnerGone, newInstanceId } from '../../../platform/process-identity.ts';
import { insightsJobs } from '../insights-jobs.ts';

const config = loadConfig(process.env);
const database = await openDatabase({ url: config.databaseUrl, dataDir: config.dataDir });
await database.migrate();
const ctx = createPlatformContext(config, database, pino({ level: config.logLevel }));
const runner = createJobRunner({
  db: database.db,
  registry: createJobRegistry(insightsJobs(ctx)),
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
  () => queryRows<{ state: string; n: number }>(database.db, sql`select state, count(*)::int as n from insights_alert_deliveries group by 1`),
  () => runner.stop({ graceMs: 2000 }).then(() => database.close()),
);
