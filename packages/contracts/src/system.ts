import { z } from 'zod';
import { plainText } from './common.ts';

export const systemInfoResponse = z.object({
  name: z.literal('DiploDesk'),
  version: z.string(),
  organisation: z.string().nullable(),
  database: z.enum(['embedded', 'postgres']),
  events: z.enum(['in-process', 'nats']),
  demo: z.boolean(),
});
export type SystemInfo = z.infer<typeof systemInfoResponse>;

export const jobStatus = z.enum(['queued', 'running', 'completed', 'failed']);
export const jobStatsQuery = z.object({ label: plainText(1, 200).optional() });
export const jobStatsResponse = z.object({
  // Every status is always present (0 when none): an object, so that the schema names its keys.
  byStatus: z.object({ queued: z.number().int(), running: z.number().int(), completed: z.number().int(), failed: z.number().int() }),
  byName: z.array(z.object({ name: z.string(), status: jobStatus, count: z.number().int() })),
  /** With `label`: how many probe jobs of that self-test have run (each exactly once). */
  probe: z.object({ label: z.string(), enqueued: z.number().int(), ran: z.number().int(), distinctJobs: z.number().int() }).nullable(),
});
export const probeJobsRequest = z.object({
  count: z.number().int().min(1).max(1000).default(10),
  sleepMs: z.number().int().min(0).max(10_000).default(0),
});
export const probeJobsResponse = z.object({ label: z.string(), enqueued: z.number().int() });
