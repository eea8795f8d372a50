// The statements domain's only door.
import type { ConnectorRegistry } from '../../platform/connectors/index.ts';
import { inTransaction, type PlatformContext } from '../../platform/context.ts';
import type { JobDefinition } from '../../platform/jobs/types.ts';
import { registerPublishingJobs } from './publishing/index.ts';
import { statementStatusOf } from './statements.plugin.ts';
import { statementDue } from './commands/statement-due.ts';
import { createRemoveUnusedUploadsJob, scheduleUnusedUploadsRemoval } from './jobs/remove-unused-uploads.job.ts';
import { createStatementDueJob } from './jobs/statement-due.job.ts';

export { seedStatementDefaults } from './commands/seed-defaults.ts';
export { createStatement } from './commands/create-statement.ts';
export { statementsPlugin } from './statements.plugin.ts';
export { federationPlugin } from './federation/index.ts';
export { newsroomPlugin } from './newsroom/index.ts';
// The verify machinery, for integrity's fake-statement detector: a text or a newsroom address checked against the signed statements.
export { type DiffPart, type VerificationResult, VerifyInputError, verifyText, verifyUrl } from './newsroom/index.ts';
export * from './statements.events.ts';
export { removeUnusedUploads } from './jobs/remove-unused-uploads.job.ts';
export { statementsSealedColumns } from './statements.sealed.ts';

/** Queues the hourly removal of unused uploads (at start-up; the job then queues each next run). */
export function startUnusedUploadsRemoval(ctx: Pick<PlatformContext, 'db' | 'notifyOutbox'>): Promise<string> {
  return inTransaction(ctx, (tx) => scheduleUnusedUploadsRemoval(tx, new Date()));
}

/** The statements desk's jobs (due times, publishing, unused uploads), bound to this process's context and connectors. */
export function statementJobs(ctx: Pick<PlatformContext, 'config' | 'secretBox' | 'storage'>, connectors: ConnectorRegistry): JobDefinition[] {
  const own = [createStatementDueJob(ctx, (tx, input) => statementDue(tx, ctx, input)), createRemoveUnusedUploadsJob(ctx)] as unknown as JobDefinition[];
  return registerPublishingJobs(own, {
    connectors,
    secretBox: ctx.secretBox.for('channel-tokens'),
    storage: ctx.storage,
    statementStatus: statementStatusOf,
  });
}
export { type StatementResponse, statementResponseOf } from './response-of.ts';
export { type MatchingStatement, statementsMatching } from './queries/statements-matching.ts';
export { type OfficialChannelAccount, officialChannelAccounts } from './queries/official-channel-accounts.ts';
export { type ResponseStatement, statementsRespondingTo } from './queries/responses-to.ts';
export type { ForeignResponseTarget, ResolvedResponseTarget, ResponseTargetResolver } from './response-targets.ts';
export { type PublishedClaimReview, publishedClaimReviews } from './newsroom/index.ts';
