import type { JobDefinition } from '../../platform/jobs/types.ts';
import { createBackfillClaimsJob } from './claims/backfill-claims.job.ts';
import type { IntegrityRuntime } from './integrity-runtime.ts';

/** The integrity domain's jobs, sharing the app's claim matcher. */
export function integrityJobs(integrity: Pick<IntegrityRuntime, 'claims'>, opts: { backfillPageSize?: number } = {}): JobDefinition[] {
  return [createBackfillClaimsJob(integrity.claims, opts.backfillPageSize) as unknown as JobDefinition];
}
