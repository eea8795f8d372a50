import type { PlatformContext } from '../../platform/context.ts';
import { staffUrlOf } from '../../platform/config/config.ts';
import type { JobDefinition } from '../../platform/jobs/types.ts';
import { sendInvitationJob } from './send-invitation.job.ts';

/** The negotiation domain's jobs: the invitation e-mails of external delegates. */
export function negotiationJobs(ctx: Pick<PlatformContext, 'outbound' | 'secretBox' | 'config'>): JobDefinition[] {
  return [sendInvitationJob({ outbound: ctx.outbound, secretBox: ctx.secretBox.for('notification-secrets'), staffUrl: staffUrlOf(ctx.config) }) as unknown as JobDefinition];
}
