import { setTimeout as sleep } from 'node:timers/promises';
import { z } from 'zod';
import { jobProbeLedger } from '../db/platform.tables.ts';
import { defineJob } from './types.ts';

/**
 * The operator's self-test: waits, then writes one ledger row keyed by the job id in the job's
 * own transaction, so a second run of the same job would violate the primary key.
 */
export const probeJob = defineJob({
  name: 'platform.probe@1',
  payload: z.object({
    label: z.string().max(200),
    sleepMs: z.number().int().min(0).max(60_000).default(0),
  }),
  async handler({ label, sleepMs }, ctx) {
    if (sleepMs > 0) await sleep(sleepMs, undefined, { signal: ctx.signal });
    await ctx.tx.insert(jobProbeLedger).values({ jobId: ctx.jobId, label, workerId: ctx.workerId });
  },
});
