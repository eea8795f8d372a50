// The server process of the delivery crash test: the job runner with the insights jobs on the
// embedded database, which is what a SIGKILL interrupts mid-delivery. CRASH_STATUS_PORT serves the
// delivery states so the test can tell when everything settled.
import http from 'node:http';
import { sql } from 'drizzle-orm';
import pino from 'pino';
import { loadConfig } from '../../../platform/config/config.ts';
import { createPlatformContext } from '../../../platform/context.ts';
import { openDatabase, queryRows } from '../../../platform/db/index.ts';
import { createJobRegistry, createJobRunner } from '../../../platform/jobs/index.ts';
import { insightsJobs } from '../insights-jobs.ts';

const config = loadConfig(process.env);
const database = await openDatabase({ url: config.databaseUrl, dataDir: config.dataDir });
await database.migrate();
const ctx = createPlatformContext(config, database, pino({ level: config.logLevel }));
const runner = createJobRunner({
  db: database.db,
  registry: createJobRegistry(insightsJobs(ctx)),
  workerId: `delivery-crash-child-${process.pid}`,
  concurrency: config.jobConcurrency,
  pollMs: config.jobPollMs,
  leaseMs: config.jobLeaseMs,
  logger: ctx.logger,
});
runner.start();

const status = http.createServer((_req, res) => {
  queryRows<{ state: string; n: number }>(database.db, sql`select state, count(*)::int as n from insights_alert_deliveries group by 1`).then(
    (rows) => res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(rows)),
    (err) => res.writeHead(500).end(String(err)),
  );
});
status.listen(Number(process.env.CRASH_STATUS_PORT), '127.0.0.1');

process.once('SIGTERM', () => {
  status.close();
  void runner
    .stop({ graceMs: 2000 })
    .then(() => database.close())
    .then(() => process.exit(0));
});
