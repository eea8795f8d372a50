import { z } from 'zod';
import { systemActor } from '../../../platform/audit/audit.ts';
import type { PlatformContext } from '../../../platform/context.ts';
import type { Executor } from '../../../platform/db/index.ts';
import { defineJob, enqueueJob, type JobDefinition } from '../../../platform/jobs/index.ts';
import { auditImport } from './imports.audit.ts';
import { type ImportRow, lockImport, updateImport } from './imports.repo.ts';

/** An upload whose columns nobody chose within a day was abandoned (a page closed, a wrong file). */
export const importExpiresAfterMs = 24 * 3_600_000;

/** When a `ready` import expires; null once it has started or ended. */
export const importExpiresAt = (row: Pick<ImportRow, 'status' | 'createdAt'>): Date | null =>
  row.status === 'ready' ? new Date(row.createdAt.getTime() + importExpiresAfterMs) : null;

const payload = z.object({ importId: z.uuid() });

/** Name and payload for enqueueing; the handler is bound at start-up by `createExpireImportJob`. */
export const expireImportJob = defineJob({
  name: 'listening.expire-import@1',
  payload,
  maxAttempts: 5,
  async handler() {
    throw new Error('listening.expire-import@1 runs through createExpireImportJob');
  },
});

/** Queued with the upload, in its transaction: the upload can never be left without its expiry. */
export function scheduleImportExpiry(tx: Executor, row: Pick<ImportRow, 'id' | 'createdAt'>): Promise<string> {
  const runAt = new Date(row.createdAt.getTime() + importExpiresAfterMs);
  return enqueueJob(tx, expireImportJob, { importId: row.id }, { runAt, idempotencyKey: `${expireImportJob.name}:${row.id}` });
}

/**
 * A `ready` import past its time becomes `expired` and its uploaded file is removed; one that
 * started, ended or was discarded is left alone. The file goes inside the transaction: if the
 * transaction then fails, the job runs again and removing a missing file is not an error.
 */
export async function expireImport(tx: Executor, ctx: Pick<PlatformContext, 'storage'>, input: { importId: string }, now: Date): Promise<boolean> {
  const row = await lockImport(tx, input.importId);
  const expiresAt = row ? importExpiresAt(row) : null;
  if (!row || !expiresAt || expiresAt.getTime() > now.getTime()) return false;
  await updateImport(tx, row.id, { status: 'expired', finishedAt: now });
  await auditImport(tx, systemActor('import-expiry'), { action: 'listening-import.expired', importId: row.id, unitId: row.unitId, summary: { fileName: row.fileName, createdAt: row.createdAt.toISOString() } });
  await ctx.storage.remove(row.storageKey);
  return true;
}

export function createExpireImportJob(ctx: Pick<PlatformContext, 'storage'>): JobDefinition<typeof payload> {
  return defineJob({
    ...expireImportJob,
    async handler(input, job) {
      await expireImport(job.tx, ctx, input, new Date());
    },
  });
}
