import type { FastifyInstance } from 'fastify';
import type pino from 'pino';
import { buildApp, createLogger } from './app.ts';
import { findRootUnit, initialiseWorkspace } from './domains/identity/index.ts';
import { insightsJobs, scheduleAlertEvaluation, scheduleBriefPlanning, seedDefaultMonitors } from './domains/insights/index.ts';
import { type IntegrityRuntime, integrityJobs } from './domains/integrity/index.ts';
import { negotiationJobs } from './domains/negotiation/index.ts';
import { type IngestStream, listeningJobs, openIngestStream, seedListeningDemo, seedListeningTopics, startListeningWorker } from './domains/listening/index.ts';
import { seedStatementDefaults, startUnusedUploadsRemoval, statementJobs } from './domains/statements/index.ts';
import { createAuditCheckpointJob, scheduleAuditCheckpoint } from './platform/audit/checkpoint.job.ts';
import { createAuditForwarder } from './platform/audit/sink/forwarder.ts';
import type { Config } from './platform/config/config.ts';
import type { ConnectorRegistry } from './platform/connectors/index.ts';
import type { PlatformContext } from './platform/context.ts';
import { type Database, openConfiguredDatabase } from './platform/db/index.ts';
import type { EventBus } from './platform/events/bus.ts';
import { createInProcessBus, createNatsBus, createOutboxDispatcher } from './platform/events/index.ts';
import { createJobRegistry, createJobRunner, probeJob } from './platform/jobs/index.ts';
import { isLeaseOwnerGone, newInstanceId } from './platform/process-identity.ts';

export type Runtime = {
  app: FastifyInstance;
  ctx: PlatformContext;
  database: Database;
  bus: EventBus;
  url: string | null;
  stop(): Promise<void>;
};

export const jobRegistry = (ctx: PlatformContext, connectors: ConnectorRegistry, ingestStream: IngestStream, integrity: IntegrityRuntime) =>
  createJobRegistry([
    probeJob,
    createAuditCheckpointJob({ secretBox: ctx.secretBox.for('signing-keys'), organisationId: async (x) => (await findRootUnit(x))?.id ?? null }),
    ...statementJobs(ctx, connectors),
    // A live source's streaming session ends well inside the job lease and reconnects.
    ...listeningJobs(ctx, connectors, ingestStream, { streamSessionMs: Math.round(ctx.config.jobLeaseMs * 0.75) }),
    ...insightsJobs(ctx),
    ...integrityJobs(integrity, { outbound: ctx.outbound }),
    ...negotiationJobs(ctx),
  ]);

/**
 * Starts the roles named in config.services on one process: web (API + web app), realtime
 * (/api/live) and worker (jobs + outbox dispatcher). The same code runs as one embedded process
 * or as many stateless instances on PostgreSQL + NATS.
 */
export async function startRuntime(config: Config, opts: { logger?: pino.Logger; listen?: boolean; onFirstRun?: (info: { adminEmail: string | null; generatedPassword: string | null }) => void } = {}): Promise<Runtime> {
  const logger = opts.logger ?? createLogger(config);
  // Unique per process start: a restarted worker must not be mistaken for the one that died.
  const instanceId = newInstanceId();
  const database = await openConfiguredDatabase(config);
  await database.migrate();
  // A worker restarted after a crash takes the jobs and stream batches its predecessor held at
  // once, when that process is provably gone; on the embedded database, which admits one process,
  // every other process is.
  const leaseOwnerGone = (ownerId: string) => isLeaseOwnerGone(ownerId, { exclusiveDatabase: database.kind === 'embedded' });
  const bus = config.natsUrl
    ? await createNatsBus({ url: config.natsUrl, prefix: config.natsStreamPrefix, logger, instanceId })
    : createInProcessBus(logger);
  const isWorker = config.services.includes('worker');
  let onDispatched: (events: { type: string }[]) => void = () => undefined;
  const dispatcher = isWorker
    ? createOutboxDispatcher({ db: database.db, bus, pollMs: config.outboxPollMs, logger, onDispatched: (events) => onDispatched(events) })
    : null;
  // AUDIT_SINK: a copy of every audit entry outside the database, forwarded by a worker.
  const forwarder = isWorker && config.auditSink ? createAuditForwarder({ db: database.db, target: config.auditSink, owner: instanceId, pollMs: Math.max(config.outboxPollMs, 1000), logger }) : null;
  const ingest = await openIngestStream({ db: database.db, natsUrl: config.natsUrl, prefix: config.natsStreamPrefix, instanceId, leaseMs: config.jobLeaseMs, isLeaseOwnerGone: leaseOwnerGone });
  const notifyOutbox = () => {
    dispatcher?.notify();
    forwarder?.notify();
  };
  const { app, ctx, connectors, integrity, storedItems } = await buildApp({ config, database, bus, logger, notifyOutbox, ingestStream: ingest });
  onDispatched = (events) => {
    for (const e of events) ctx.metrics.eventsDispatched.inc({ type: e.type });
  };
  dispatcher?.start();
  forwarder?.start();

  const first = await initialiseWorkspace(ctx);
  if (first.created) opts.onFirstRun?.(first);
  await seedStatementDefaults(ctx);
  await startUnusedUploadsRemoval(ctx);
  await seedListeningTopics(ctx);
  await seedListeningDemo(ctx, storedItems);
  await seedDefaultMonitors(ctx);
  // The claim matcher is built before the first batch needs it (rebuilt later when the registry changes).
  if (isWorker) await integrity.claims.current(database.db);
  // The hourly signed checkpoint of the audit chain; each run schedules the next (one per hour).
  if (isWorker) await scheduleAuditCheckpoint(database.db);
  // Alert rules are evaluated every minute besides after each batch of items.
  if (isWorker) await scheduleAlertEvaluation(database.db);
  // Daily briefs due by their units' schedules are planned every minute.
  if (isWorker) await scheduleBriefPlanning(database.db);

  const runner = isWorker
    ? createJobRunner({
        db: database.db,
        registry: jobRegistry(ctx, connectors, ingest, integrity),
        workerId: instanceId,
        concurrency: config.jobConcurrency,
        pollMs: config.jobPollMs,
        leaseMs: config.jobLeaseMs,
        isLeaseOwnerGone: leaseOwnerGone,
        logger,
        onJobFinished: (name, outcome) => ctx.metrics.jobsFinished.inc({ name, outcome }),
      })
    : null;

  let url: string | null = null;
  const servesHttp = config.services.includes('web') || config.services.includes('realtime');
  if (opts.listen !== false && servesHttp) {
    url = await app.listen({ host: config.host, port: config.port });
  } else {
    await app.ready();
  }
  // The workers start last: the process is ready (and answers) before it takes on a backlog, and
  // on the embedded database the start-up steps above do not queue behind the workers' transactions.
  runner?.start();
  // The analysing worker: takes what sources appended to the ingest stream and stores it analysed.
  const ingestWorker = isWorker ? startListeningWorker(ctx, ingest, { workerId: instanceId, analysisThreads: config.analysisThreads, batchSize: config.ingestBatchSize, storedItems }) : null;

  let stopped = false;
  return {
    app,
    ctx,
    database,
    bus,
    url,
    async stop() {
      if (stopped) return;
      stopped = true;
      await app.close();
      await ingestWorker?.stop();
      await runner?.stop();
      await dispatcher?.stop();
      await forwarder?.stop();
      await ingest.close?.();
      await bus.close();
      await database.close();
    },
  };
}
