import { z } from 'zod';
import type { Db, Executor } from '../../../../platform/db/index.ts';
import { AppError } from '../../../../platform/errors/app-error.ts';
import { defineEffectJob, defineJob, enqueueJob } from '../../../../platform/jobs/index.ts';
import type { UnVotesImportError } from '../unvotes.tables.ts';
import { runUnVotesImport, type UnVotesImportDeps } from './run-unvotes-import.ts';
import { activeStates, failUnVotesImport, findUnVotesImport, type UnVotesImportRow } from './unvotes-imports.repo.ts';

const payload = z.object({ importId: z.uuid() });
const maxAttempts = 5;

/** Name and payload for enqueueing; the steps are bound at start-up by `createUnVotesImportJob`. */
export const importUnVotesJob = defineJob({
  name: 'insights.import-un-votes@1',
  payload,
  maxAttempts,
  async handler() {
    throw new Error('insights.import-un-votes@1 runs through createUnVotesImportJob');
  },
});

const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error)).slice(0, 500);

/** The errors that end an import at once (retrying cannot help); null for one worth retrying. */
function endingOf(error: unknown): UnVotesImportError | null {
  if (error instanceof AppError && error.code === 'insights-unvotes.invalid-file') {
    const details = (error.details ?? {}) as { part?: string; line?: number; column?: string; value?: string };
    const problem = details.part !== undefined && details.line !== undefined ? { part: details.part as UnVotesImportRow['part'], line: details.line, ...(details.column ? { column: details.column } : {}), ...(details.value !== undefined ? { value: details.value } : {}) } : null;
    return { code: 'invalid-file', message: error.message, problem };
  }
  if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { code: 'failed', message: 'The uploaded file is no longer stored; upload it again.', problem: null };
  return null;
}

/** Ends an import that failed, and removes its file. */
async function fail(tx: Executor, deps: UnVotesImportDeps, importId: string, error: UnVotesImportError): Promise<void> {
  const row = await findUnVotesImport(tx, importId);
  if (!row || !(await failUnVotesImport(tx, importId, error))) return;
  await deps.storage.remove(row.storageKey).catch((e: unknown) => deps.onWarning?.('failed UN votes file not removed', e));
}

/**
 * The background import: each run checks the file and stores chunks for a while, then queues the
 * next run, so no run outlives its lease. A bad file fails the import with its line at once;
 * other errors are retried, then fail it.
 */
export function createUnVotesImportJob(deps: UnVotesImportDeps) {
  return defineEffectJob({
    name: importUnVotesJob.name,
    payload,
    maxAttempts,
    async prepare(input, ctx) {
      const row = await findUnVotesImport(ctx.tx, input.importId);
      return row && activeStates.includes(row.status) ? { importId: row.id } : null;
    },
    perform: (plan, ctx) => runUnVotesImport(deps, ctx.db, plan.importId, ctx.signal),
    async record(input, _plan, outcome, ctx) {
      if (outcome.ok) {
        if (outcome.value.state === 'more') await enqueueJob(ctx.tx, importUnVotesJob, input, { idempotencyKey: `${importUnVotesJob.name}:${input.importId}:after:${ctx.jobId}` });
        return;
      }
      const ending = endingOf(outcome.error);
      if (!ending && ctx.attempt < maxAttempts) throw outcome.error;
      await fail(ctx.tx, deps, input.importId, ending ?? { code: 'failed', message: messageOf(outcome.error), problem: null });
    },
  });
}

/**
 * Runs an import to its end in this process (the CLI): the same steps as the job, with no budget.
 * Its queued job, if a worker takes it later, finds the import ended and does nothing.
 */
export async function runUnVotesImportToEnd(deps: UnVotesImportDeps, db: Db, importId: string): Promise<UnVotesImportRow> {
  try {
    await runUnVotesImport({ ...deps, runBudgetMs: null }, db, importId, new AbortController().signal);
  } catch (error) {
    const ending = endingOf(error);
    if (!ending) throw error;
    await db.transaction((tx) => fail(tx, deps, importId, ending));
  }
  // `stopped` with the import still going: another run (a worker that took its job) is at it.
  for (;;) {
    const row = await findUnVotesImport(db, importId);
    if (!row) throw new Error(`UN votes import ${importId} vanished`);
    if (!activeStates.includes(row.status)) return row;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}
