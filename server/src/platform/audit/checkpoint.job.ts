import { z } from 'zod';
import type { SecretBox } from '../crypto/secret-box.ts';
import type { Executor } from '../db/index.ts';
import { enqueueJob } from '../jobs/enqueue.ts';
import { defineJob } from '../jobs/types.ts';
import { createAuditCheckpoint } from './checkpoints.ts';

export type CheckpointJobDeps = {
  secretBox: SecretBox;
  /** The organisation whose key signs (the root unit); null before the workspace exists. */
  organisationId: (x: Executor) => Promise<string | null>;
};

const hourMs = 3_600_000;
const payload = z.object({ hour: z.iso.datetime({ offset: true }) });

const startOfHour = (at: Date) => new Date(Math.floor(at.getTime() / hourMs) * hourMs);

/** Name and payload for enqueueing; the handler is bound by `createAuditCheckpointJob`. */
export const auditCheckpointJobName = 'platform.audit-checkpoint@1' as const;

/**
 * Signs the audit chain's head once an hour. Each run schedules the next hour's run with an
 * idempotency key naming that hour, so any number of workers and restarts keep exactly one chain
 * of hourly runs; a run that finds the head unmoved writes nothing.
 */
export function createAuditCheckpointJob(deps: CheckpointJobDeps) {
  const job = defineJob({
    name: auditCheckpointJobName,
    payload,
    maxAttempts: 3,
    async handler({ hour }, { tx }) {
      const organisationId = await deps.organisationId(tx);
      if (organisationId) await createAuditCheckpoint(tx, deps.secretBox, organisationId);
      // After downtime the next run is the coming hour, not a catch-up of every missed one.
      const next = new Date(Math.max(startOfHour(new Date(hour)).getTime(), startOfHour(new Date()).getTime()) + hourMs);
      await scheduleAuditCheckpoint(tx, next);
    },
  });
  return job;
}

/** Enqueues the run for the hour that contains `at` (idempotent: one job per hour). */
export async function scheduleAuditCheckpoint(x: Executor, at: Date = new Date()): Promise<void> {
  const hour = startOfHour(at);
  const def = defineJob({ name: auditCheckpointJobName, payload, async handler() {} });
  await enqueueJob(x, def, { hour: hour.toISOString() }, { idempotencyKey: `${auditCheckpointJobName}:${hour.toISOString()}`, runAt: hour });
}
