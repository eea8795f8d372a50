import { z } from 'zod';
import { systemActor } from '../../../platform/audit/audit.ts';
import type { PlatformContext } from '../../../platform/context.ts';
import type { Executor } from '../../../platform/db/index.ts';
import { enqueueJob } from '../../../platform/jobs/enqueue.ts';
import { defineJob, type JobDefinition } from '../../../platform/jobs/types.ts';
import { deleteUnusedAttachments } from '../attachments.repo.ts';
import { auditStatement } from '../statements.audit.ts';

/** An upload no version names after this long was abandoned (a draft never saved, a file replaced). */
export const unusedUploadAgeMs = 24 * 3_600_000;
const batchSize = 1000;
const payload = z.object({ at: z.iso.datetime({ offset: true }) });

/** The job's name and payload, for enqueueing. Its handler is bound at start-up with `createRemoveUnusedUploadsJob`. */
export const removeUnusedUploadsJob = defineJob({
  name: 'statements.remove-unused-uploads@1',
  payload,
  maxAttempts: 3,
  async handler() {
    throw new Error('statements.remove-unused-uploads@1 runs only through createRemoveUnusedUploadsJob');
  },
});

/**
 * Removes uploads older than a day that no version of their statement names (rows and files),
 * and records how many in the audit trail. A file is removed inside the job's transaction: if
 * that transaction then fails, the row of an unused upload outlives its file and the next run
 * deletes it again (removing a missing file is not an error).
 */
export async function removeUnusedUploads(tx: Executor, ctx: Pick<PlatformContext, 'storage'>, now: Date): Promise<{ count: number; bytes: number }> {
  const createdBefore = new Date(now.getTime() - unusedUploadAgeMs);
  const removed = await deleteUnusedAttachments(tx, createdBefore, batchSize);
  if (removed.length === 0) return { count: 0, bytes: 0 };
  const bytes = removed.reduce((n, r) => n + Number(r.byte_size), 0);
  await auditStatement(tx, systemActor('unused-uploads'), {
    action: 'statement.unused-uploads-removed',
    targetType: 'statement',
    targetId: null,
    unitId: null,
    summary: { count: removed.length, bytes, createdBefore: createdBefore.toISOString() },
  });
  for (const r of removed) await ctx.storage.remove(r.storage_key);
  return { count: removed.length, bytes };
}

/** Queues the next run at the next full hour; one job per hour whoever asks (uploads, the job itself). */
export function scheduleUnusedUploadsRemoval(tx: Executor, after: Date): Promise<string> {
  const at = new Date(Math.floor(after.getTime() / 3_600_000) * 3_600_000 + 3_600_000);
  return enqueueJob(tx, removeUnusedUploadsJob, { at: at.toISOString() }, { runAt: at, idempotencyKey: `${removeUnusedUploadsJob.name}:${at.toISOString()}` });
}

/** Runs hourly: each run removes what is due and queues the next (a full batch runs again at once). */
export function createRemoveUnusedUploadsJob(ctx: Pick<PlatformContext, 'storage'>): JobDefinition<typeof payload> {
  return defineJob({
    ...removeUnusedUploadsJob,
    async handler(input, job) {
      const { count } = await removeUnusedUploads(job.tx, ctx, new Date());
      if (count === batchSize) await enqueueJob(job.tx, removeUnusedUploadsJob, input, { idempotencyKey: `${removeUnusedUploadsJob.name}:${input.at}:more:${job.jobId}` });
      // A run that comes late (the worker was down) queues the next from now, not hour by hour behind.
      else await scheduleUnusedUploadsRemoval(job.tx, new Date(Math.max(Date.now(), Date.parse(input.at))));
    },
  });
}
