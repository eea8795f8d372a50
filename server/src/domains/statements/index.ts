// The statements domain's only door.
import type { ConnectorRegistry } from '../../platform/connectors/index.ts';
import type { PlatformContext } from '../../platform/context.ts';
import type { JobDefinition } from '../../platform/jobs/types.ts';
import { registerPublishingJobs } from './publishing/index.ts';
import { statementStatusOf } from './statements.plugin.ts';
import { statementDue } from './commands/statement-due.ts';
import { createStatementDueJob } from './jobs/statement-due.job.ts';

export { seedStatementDefaults } from './commands/seed-defaults.ts';
export { createStatement } from './commands/create-statement.ts';
export { statementsPlugin } from './statements.plugin.ts';
export { federationPlugin } from './federation/index.ts';
export { newsroomPlugin } from './newsroom/index.ts';
export * from './statements.events.ts';

/** The statements desk's jobs (due times, publishing), bound to this process's context and connectors. */
export function statementJobs(ctx: Pick<PlatformContext, 'config' | 'secretBox' | 'storage'>, connectors: ConnectorRegistry): JobDefinition[] {
  return registerPublishingJobs([createStatementDueJob(ctx, (tx, input) => statementDue(tx, ctx, input)) as unknown as JobDefinition], {
    connectors,
    secretBox: ctx.secretBox,
    storage: ctx.storage,
    statementStatus: statementStatusOf,
  });
}
