import { z } from 'zod';
import type { Db } from '../db/index.ts';
import { errorFields, type Logger, silentLogger } from '../events/logger.ts';
import { createWaker } from '../events/waker.ts';
import { describeError, retryDelayMs } from './backoff.ts';
import { type EffectSteps, effectStepsOf } from './effect.ts';
import { type ClaimedJob, claimNextJob, holdsClaim, type JobRetention, markCompleted, markFailed, markRetry, pruneFinishedJobs, releaseLeasesOfGoneOwners } from './jobs.repo.ts';
import type { JobRegistry } from './registry.ts';
import type { JobDefinition } from './types.ts';

export type JobOutcome = 'completed' | 'retried' | 'failed';

export type JobRunnerOptions = {
  db: Db;
  registry: JobRegistry;
  /** Unique per process start (e.g. host, pid and a random suffix). */
  workerId: string;
  /** Jobs run at once by this runner. Default 1. */
  concurrency?: number;
  pollMs?: number;
  /** How long a claim lasts; a job still running then is aborted, and a dead worker's job becomes claimable. */
  leaseMs?: number;
  /**
   * Whether the worker behind a lease is provably gone (`isLeaseOwnerGone`): at start the runner
   * takes such workers' jobs at once instead of after their lease. Default: none is.
   */
  isLeaseOwnerGone?: (ownerId: string) => boolean;
  logger?: Logger;
  onJobFinished?: (name: string, outcome: JobOutcome, ms: number) => void;
  /** Finished jobs older than this are deleted. Default: completed 7 days, failed 30 days. */
  retention?: Partial<JobRetention>;
  /** How often an idle runner deletes a slice of old finished jobs. Default 1 hour. */
  pruneEveryMs?: number;
};

export type JobRunner = {
  start(): void;
  /** Stops claiming and waits for running jobs; after `graceMs` their signals are aborted. */
  stop(opts?: { graceMs?: number }): Promise<void>;
  /** Claims and runs one job; false when none was due. */
  runOnce(): Promise<boolean>;
  /** Wakes idle loops (e.g. after enqueueing a job that is due now). */
  notify(): void;
  /** Deletes one slice of finished jobs past their retention; returns how many. */
  pruneOnce(): Promise<number>;
};

const PRUNE_SLICE = 10_000;

/** The claim was taken over by another worker before this one could finish it. */
class ClaimLostError extends Error {}

/**
 * Runs jobs from the `jobs` table. Each handler runs in a transaction that first marks its job
 * completed: the job's database effects and its completion commit together or not at all. On
 * PostgreSQL that transaction also holds the job's row lock, so no other worker can reclaim it
 * while the handler is still running, even past its lease.
 */
export function createJobRunner(opts: JobRunnerOptions): JobRunner {
  const { db, registry, workerId } = opts;
  const logger = opts.logger ?? silentLogger;
  const leaseMs = opts.leaseMs ?? 5 * 60_000;
  const pollMs = opts.pollMs ?? 1000;
  const names = registry.names();
  const waker = createWaker();
  let stopping = new AbortController();
  let hardStop = new AbortController();
  let loops: Promise<void>[] = [];
  const retention: JobRetention = { completedDays: opts.retention?.completedDays ?? 7, failedDays: opts.retention?.failedDays ?? 30 };
  const pruneEveryMs = opts.pruneEveryMs ?? 3_600_000;
  let lastPrune = 0;

  const pruneOnce = () => pruneFinishedJobs(db, retention, PRUNE_SLICE);

  /** An idle runner keeps the table to its retention, a slice at a time, so the queue's index stays small. */
  async function pruneWhenDue(): Promise<void> {
    if (Date.now() - lastPrune < pruneEveryMs) return;
    lastPrune = Date.now();
    const pruned = await pruneOnce();
    if (pruned > 0) logger.info({ pruned }, 'deleted finished jobs past their retention');
    // A full slice means more are waiting: the next idle moment takes the next one.
    if (pruned === PRUNE_SLICE) lastPrune = 0;
  }

  async function runOnce(): Promise<boolean> {
    const job = await claimNextJob(db, workerId, leaseMs, names);
    if (!job) return false;
    const started = performance.now();
    const outcome = await execute(registry.get(job.name), job);
    if (outcome) opts.onJobFinished?.(job.name, outcome, performance.now() - started);
    return true;
  }

  async function execute(def: JobDefinition, job: ClaimedJob): Promise<JobOutcome | null> {
    if (job.attempts > job.maxAttempts) {
      return fail(job, `the final attempt (${job.maxAttempts}) did not finish before its lease expired; the worker stopped or crashed`);
    }
    const parsed = def.payload.safeParse(job.payload);
    if (!parsed.success) return fail(job, `payload no longer matches ${def.name}: ${z.prettifyError(parsed.error)}`);
    try {
      await runHandler(def, job, parsed.data);
      logger.debug({ jobId: job.id, job: job.name, attempt: job.attempts }, 'job completed');
      return 'completed';
    } catch (err) {
      if (!(err instanceof ClaimLostError)) return retryOrFail(def, job, err);
      logger.warn({ jobId: job.id, job: job.name }, 'job claim lost to another worker; not run');
      return null;
    }
  }

  async function runHandler(def: JobDefinition, job: ClaimedJob, payload: unknown): Promise<void> {
    const signal = AbortSignal.any([AbortSignal.timeout(leaseMs), hardStop.signal]);
    const steps = effectStepsOf(def);
    if (steps) return runEffect(steps, job, payload, signal);
    await db.transaction(async (tx) => {
      if (!(await markCompleted(tx, job, workerId))) throw new ClaimLostError();
      await def.handler(payload, { tx, db, jobId: job.id, attempt: job.attempts, workerId, signal });
    });
  }

  /**
   * The two-step shape (see effect.ts): step 1 commits before the external call, the call runs
   * with no transaction open, step 3 records the outcome in the transaction that completes the job.
   */
  async function runEffect(steps: EffectSteps, job: ClaimedJob, payload: unknown, signal: AbortSignal): Promise<void> {
    const base = { jobId: job.id, attempt: job.attempts, workerId };
    const plan = await db.transaction(async (tx) => {
      if (!(await holdsClaim(tx, job, workerId))) throw new ClaimLostError();
      return steps.prepare(payload, { ...base, tx });
    });
    if (plan === null || plan === undefined) {
      await db.transaction(async (tx) => {
        if (!(await markCompleted(tx, job, workerId))) throw new ClaimLostError();
      });
      return;
    }
    let outcome: { ok: true; value: unknown } | { ok: false; error: unknown };
    try {
      outcome = { ok: true, value: await steps.perform(plan, { db, jobId: job.id, attempt: job.attempts, signal }) };
    } catch (error) {
      outcome = { ok: false, error };
    }
    await db.transaction(async (tx) => {
      if (!(await markCompleted(tx, job, workerId))) throw new ClaimLostError();
      await steps.record(payload, plan, outcome, { tx, db, jobId: job.id, attempt: job.attempts, workerId, signal });
    });
  }

  async function retryOrFail(def: JobDefinition, job: ClaimedJob, err: unknown): Promise<JobOutcome> {
    const fields = { ...errorFields(err), jobId: job.id, job: job.name, attempt: job.attempts, maxAttempts: job.maxAttempts };
    if (job.attempts >= job.maxAttempts) {
      logger.error(fields, 'job failed; no attempts left');
      await markFailed(db, job, workerId, describeError(err));
      return 'failed';
    }
    const delayMs = retryDelayMs(def, job.attempts);
    logger.warn({ ...fields, retryInMs: delayMs }, 'job attempt failed; will retry');
    await markRetry(db, job, workerId, delayMs, describeError(err));
    return 'retried';
  }

  async function fail(job: ClaimedJob, reason: string): Promise<JobOutcome> {
    logger.error({ jobId: job.id, job: job.name, reason }, 'job failed without running');
    await markFailed(db, job, workerId, describeError(new Error(reason)));
    return 'failed';
  }

  /** A worker restarted after a crash takes its predecessor's jobs now, not when their lease runs out. */
  async function releaseGoneLeases(): Promise<void> {
    if (!opts.isLeaseOwnerGone) return;
    try {
      const released = await releaseLeasesOfGoneOwners(db, opts.isLeaseOwnerGone);
      if (released > 0) logger.info({ released }, 'took over the jobs of a worker that is gone');
    } catch (err) {
      logger.error(errorFields(err), 'could not release the leases of gone workers; they run out instead');
    }
  }

  async function loop(signal: AbortSignal, ready: Promise<void>): Promise<void> {
    await ready;
    while (!signal.aborted) {
      let worked = false;
      try {
        worked = await runOnce();
        if (!worked) await pruneWhenDue();
      } catch (err) {
        logger.error(errorFields(err), 'job runner iteration failed');
      }
      if (!worked && !signal.aborted) await waker.wait(pollMs);
    }
  }

  return {
    start() {
      if (loops.length > 0) return;
      stopping = new AbortController();
      hardStop = new AbortController();
      const ready = releaseGoneLeases();
      loops = Array.from({ length: Math.max(1, opts.concurrency ?? 1) }, () => loop(stopping.signal, ready));
    },
    async stop({ graceMs } = {}) {
      stopping.abort();
      waker.wake();
      const timer = graceMs === undefined ? undefined : setTimeout(() => hardStop.abort(new Error('job runner stopped')), graceMs);
      await Promise.all(loops);
      clearTimeout(timer);
      loops = [];
    },
    runOnce,
    notify: () => waker.wake(),
    pruneOnce,
  };
}
