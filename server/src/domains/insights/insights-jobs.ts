import type { JobDefinition } from '../../platform/jobs/types.ts';
import { evaluateAlertsJob } from './alerts/evaluate-alerts.job.ts';
import { rebuildRollupsJob } from './rollups/rebuild-rollups.job.ts';

/** The insights domain's jobs. */
export function insightsJobs(): JobDefinition[] {
  return [rebuildRollupsJob as unknown as JobDefinition, evaluateAlertsJob as unknown as JobDefinition];
}
