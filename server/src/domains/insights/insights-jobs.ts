import { staffUrlOf } from '../../platform/config/config.ts';
import type { PlatformContext } from '../../platform/context.ts';
import type { JobDefinition } from '../../platform/jobs/types.ts';
import { evaluateAlertsJob } from './alerts/evaluate-alerts.job.ts';
import { planBriefsJob, sendBriefJob } from './brief/send-brief.job.ts';
import { idealPointsJob } from './cooperation/ideal-points.job.ts';
import { createUnVotesImportJob } from './cooperation/import/import-unvotes.job.ts';
import { deliverAlertJob } from './delivery/deliver-alert.job.ts';
import { rebuildRollupsJob } from './rollups/rebuild-rollups.job.ts';

/** The insights domain's jobs. */
export function insightsJobs(ctx: Pick<PlatformContext, 'config' | 'outbound' | 'secretBox' | 'storage' | 'logger'>): JobDefinition[] {
  return [
    rebuildRollupsJob as unknown as JobDefinition,
    evaluateAlertsJob as unknown as JobDefinition,
    idealPointsJob as unknown as JobDefinition,
    // A run checks the file again when it resumes, so it gets half the lease rather than listening's 20 s.
    createUnVotesImportJob({
      storage: ctx.storage,
      runBudgetMs: Math.round(ctx.config.jobLeaseMs / 2),
      onWarning: (message, error) => ctx.logger.warn({ err: error }, message),
    }) as unknown as JobDefinition,
    deliverAlertJob({ outbound: ctx.outbound, secretBox: ctx.secretBox.for('notification-secrets'), staffUrl: staffUrlOf(ctx.config) }) as unknown as JobDefinition,
    planBriefsJob as unknown as JobDefinition,
    sendBriefJob({ outbound: ctx.outbound, secretBox: ctx.secretBox.for('notification-secrets'), staffUrl: staffUrlOf(ctx.config) }) as unknown as JobDefinition,
  ];
}
