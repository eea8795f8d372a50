import type { JobDefinition } from '../../platform/jobs/types.ts';
import type { Outbound } from '../../platform/outbound/index.ts';
import { createPollClaimFeedJob } from './claim-feeds/poll-claim-feed.job.ts';
import { createBackfillClaimsJob } from './claims/backfill-claims.job.ts';
import type { IntegrityRuntime } from './integrity-runtime.ts';

export type IntegrityJobOptions = {
  /** The guard every feed address goes through (the app's `ctx.outbound`). */
  outbound: Pick<Outbound, 'fetch'>;
  backfillPageSize?: number;
  /** A claim feed's byte cap (default 8 MiB). */
  feedMaxBytes?: number;
};

/** The integrity domain's jobs, sharing the app's claim matcher and outbound guard. */
export function integrityJobs(integrity: Pick<IntegrityRuntime, 'claims'>, opts: IntegrityJobOptions): JobDefinition[] {
  return [
    createBackfillClaimsJob(integrity.claims, opts.backfillPageSize) as unknown as JobDefinition,
    createPollClaimFeedJob({ outbound: opts.outbound, ...(opts.feedMaxBytes ? { maxBytes: opts.feedMaxBytes } : {}) }) as unknown as JobDefinition,
  ];
}
