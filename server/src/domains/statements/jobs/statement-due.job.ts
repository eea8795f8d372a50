import { z } from 'zod';
import type { PlatformContext } from '../../../platform/context.ts';
import { defineJob, type JobDefinition } from '../../../platform/jobs/types.ts';

const payload = z.object({ statementId: z.uuid(), at: z.iso.datetime({ offset: true }) });

/** The job's name and payload, for enqueueing. Its handler is bound at start-up with `createStatementDueJob`. */
export const statementDueJob = defineJob({
  name: 'statements.statement-due@1',
  payload,
  maxAttempts: 10,
  async handler() {
    throw new Error('statements.statement-due@1 runs only through createStatementDueJob');
  },
});

/**
 * Runs at a statement's scheduled time: a scheduled statement goes live; one still in clearance
 * expires (never published) and its owner is told. A due job for a time that is no longer the
 * statement's (rescheduled) does nothing.
 */
export function createStatementDueJob(deps: Pick<PlatformContext, 'config'>, run: (tx: Parameters<JobDefinition<typeof payload>['handler']>[1]['tx'], input: z.output<typeof payload>) => Promise<void>): JobDefinition<typeof payload> {
  void deps;
  return defineJob({ ...statementDueJob, handler: (input, ctx) => run(ctx.tx, input) });
}
