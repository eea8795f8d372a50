// The statements domain's only door.
import type { PlatformContext } from '../../platform/context.ts';
import { statementDue } from './commands/statement-due.ts';
import { createStatementDueJob } from './jobs/statement-due.job.ts';

export { seedStatementDefaults } from './commands/seed-defaults.ts';
export { createStatement } from './commands/create-statement.ts';
export { statementsPlugin } from './statements.plugin.ts';
export { federationPlugin } from './federation/index.ts';
export { newsroomPlugin } from './newsroom/index.ts';
export * from './statements.events.ts';

/** The statements core's jobs, bound to this process's configuration. */
export function statementJobs(ctx: Pick<PlatformContext, 'config'>) {
  return [createStatementDueJob(ctx, (tx, input) => statementDue(tx, ctx, input))];
}
