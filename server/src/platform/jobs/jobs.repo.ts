import { and, eq, inArray, sql } from 'drizzle-orm';
import { type Db, type Executor, queryRows } from '../db/index.ts';
import { jobs } from '../db/platform.tables.ts';

export type ClaimedJob = { id: string; name: string; payload: unknown; attempts: number; maxAttempts: number };

const inMs = (ms: number) => sql`now() + ${Math.round(ms)}::int * interval '1 millisecond'`;

/**
 * Takes the next due job (or one whose worker's lease ran out) for `workerId`, counting the attempt.
 * SKIP LOCKED lets many workers claim at once without waiting on, or taking, each other's rows.
 */
export async function claimNextJob(db: Db, workerId: string, leaseMs: number, names: string[]): Promise<ClaimedJob | null> {
  if (names.length === 0) return null;
  const next = sql`(select ${jobs.id} from ${jobs}
    where ${inArray(jobs.name, names)}
      and ((${jobs.status} = 'queued' and ${jobs.runAt} <= now()) or (${jobs.status} = 'running' and ${jobs.lockedUntil} < now()))
    order by ${jobs.runAt} limit 1 for update skip locked)`;
  const rows = await db
    .update(jobs)
    .set({ status: 'running', lockedBy: workerId, lockedUntil: inMs(leaseMs), attempts: sql`${jobs.attempts} + 1` })
    .where(sql`${jobs.id} = ${next}`)
    .returning({ id: jobs.id, name: jobs.name, payload: jobs.payload, attempts: jobs.attempts, maxAttempts: jobs.maxAttempts });
  return rows[0] ?? null;
}

/**
 * Ends at once the leases of running jobs whose worker is provably gone (`isOwnerGone`, see
 * platform/process-identity.ts), so they are claimed again now instead of when the lease runs out;
 * the claim counts the attempt as usual. A row still locked — on PostgreSQL, a dead worker's
 * transaction the server has not yet ended — is skipped and keeps its lease. Returns how many.
 */
export async function releaseLeasesOfGoneOwners(db: Db, isOwnerGone: (ownerId: string) => boolean): Promise<number> {
  const owners = await db.selectDistinct({ ownerId: jobs.lockedBy }).from(jobs).where(and(eq(jobs.status, 'running'), sql`${jobs.lockedUntil} >= now()`));
  const gone = owners.flatMap(({ ownerId }) => (ownerId !== null && isOwnerGone(ownerId) ? [ownerId] : []));
  if (gone.length === 0) return 0;
  const rows = await queryRows<{ id: string }>(
    db,
    sql`update ${jobs} set locked_until = to_timestamp(0) where ${jobs.id} in (
          select ${jobs.id} from ${jobs} where ${jobs.status} = 'running' and ${inArray(jobs.lockedBy, gone)} for update skip locked)
        returning ${jobs.id}`,
  );
  return rows.length;
}

/** Only the claim that is still current may finish the job: a reclaimed job's old worker matches nothing. */
function isOwnClaim(job: ClaimedJob, workerId: string) {
  return and(eq(jobs.id, job.id), eq(jobs.status, 'running'), eq(jobs.lockedBy, workerId), eq(jobs.attempts, job.attempts));
}

/** Whether this worker's claim is still current; used by an effect job's step 1 before it claims anything. */
export async function holdsClaim(tx: Executor, job: ClaimedJob, workerId: string): Promise<boolean> {
  const rows = await tx.select({ id: jobs.id }).from(jobs).where(isOwnClaim(job, workerId)).for('update');
  return rows.length === 1;
}

/** Marks the job completed inside the handler's transaction; false if the claim was lost. */
export async function markCompleted(tx: Executor, job: ClaimedJob, workerId: string): Promise<boolean> {
  const rows = await tx
    .update(jobs)
    .set({ status: 'completed', completedAt: sql`now()`, lockedUntil: null })
    .where(isOwnClaim(job, workerId))
    .returning({ id: jobs.id });
  return rows.length === 1;
}

export async function markRetry(db: Db, job: ClaimedJob, workerId: string, delayMs: number, error: string): Promise<void> {
  await db
    .update(jobs)
    .set({ status: 'queued', runAt: inMs(delayMs), lockedUntil: null, lastError: error })
    .where(isOwnClaim(job, workerId));
}

export async function markFailed(db: Db, job: ClaimedJob, workerId: string, error: string): Promise<void> {
  await db.update(jobs).set({ status: 'failed', lockedUntil: null, lastError: error }).where(isOwnClaim(job, workerId));
}

/** How long finished jobs are kept, in days. */
export type JobRetention = { completedDays: number; failedDays: number };

/**
 * Deletes one slice (at most `limit` rows) of jobs finished before the retention: completed ones by
 * when they completed, failed ones by when their last attempt was due. Queued and running jobs are
 * never touched. A job's idempotency key goes with it, so the retention must outlast any moment a
 * key could be enqueued again (keys name an hour, a minute or a record; days are ample).
 */
export async function pruneFinishedJobs(db: Db, retention: JobRetention, limit: number): Promise<number> {
  const completedBefore = sql`now() - ${retention.completedDays}::int * interval '1 day'`;
  const failedBefore = sql`now() - ${retention.failedDays}::int * interval '1 day'`;
  const rows = await queryRows<{ id: string }>(
    db,
    sql`delete from ${jobs} where ${jobs.id} in (
          select ${jobs.id} from ${jobs}
          where (${jobs.status} = 'completed' and ${jobs.completedAt} < ${completedBefore})
             or (${jobs.status} = 'failed' and ${jobs.runAt} < ${failedBefore})
          limit ${limit}) returning ${jobs.id}`,
  );
  return rows.length;
}
