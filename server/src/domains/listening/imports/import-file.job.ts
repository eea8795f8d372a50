import type { IngestItem } from '@diplodesk/connector-sdk';
import { z } from 'zod';
import type { Db } from '../../../platform/db/index.ts';
import { defineEffectJob, defineJob, enqueueJob } from '../../../platform/jobs/index.ts';
import type { Storage } from '../../../platform/storage/storage.ts';
import type { IngestStream } from '../stream/ingest-stream.ts';
import { draftMapping, readerMapping } from './import-preview.ts';
import { type ImportChunk, type ImportFile, ImportFileError, openImportReader } from './import-reader.ts';
import { failImport, findImport, type ImportRow, lockImport, updateImport } from './imports.repo.ts';
import { extendRejectedReport } from './rejected-report.ts';

const payload = z.object({ importId: z.uuid() });
const maxAttempts = 5;

/** Name and payload for enqueueing; the steps are bound at start-up by `createImportJob`. */
export const importFileJob = defineJob({
  name: 'listening.import-file@1',
  payload,
  maxAttempts,
  async handler() {
    throw new Error('listening.import-file@1 runs through createImportJob');
  },
});

export type ImportJobDeps = {
  stream: IngestStream;
  storage: Storage;
  /** Rows per chunk; each chunk is one transaction. Default 1,000. */
  chunkRows?: number;
  /** How long one run reads before a fresh job takes over (well inside the job lease). Default 20 s. */
  runBudgetMs?: number;
  onWarning?: (message: string, error: unknown) => void;
};

export type ImportRunOutcome = { state: 'done' | 'stopped' | 'more' };

function fileOf(row: ImportRow): ImportFile {
  const mapping = readerMapping(draftMapping(row.mapping));
  if (!mapping) throw new ImportFileError('unreadable', 'the import has no column for the text');
  return {
    storageKey: row.storageKey,
    format: row.format as ImportFile['format'],
    delimiter: row.delimiter,
    mapping,
    bytesRead: row.bytesRead,
    rowsRead: row.rowsRead,
    defaultPublishedAt: row.createdAt.toISOString(),
  };
}

/** Items carry their import's id, so the page can count what this import newly stored. */
const tagged = (item: IngestItem, importId: string): IngestItem => ({ ...item, raw: { ...((item.raw as object | undefined) ?? {}), importId } });

function progressAfter(current: ImportRow, chunk: ImportChunk, reportKey: string | null): Partial<ImportRow> {
  const reasons = { ...current.reasons };
  for (const r of chunk.rejected) reasons[r.reason] = (reasons[r.reason] ?? 0) + 1;
  return {
    bytesRead: chunk.position?.offset ?? current.bytesRead,
    rowsRead: chunk.position?.row ?? current.rowsRead,
    rejected: current.rejected + chunk.rejected.length,
    reasons,
    ...(reportKey ? { rejectedKey: reportKey } : {}),
    ...(chunk.done ? { status: 'done' as const, finishedAt: new Date() } : {}),
  };
}

/**
 * Appends one chunk's items to the ingest stream and records the import's progress in one
 * transaction, so a crash either loses the whole chunk (read again from the same offset) or
 * neither. Returns the updated row, or null when the chunk is not to be added: the import was
 * cancelled, or another run already moved past this point.
 */
async function commitChunk(deps: ImportJobDeps, db: Db, state: ImportRow, chunk: ImportChunk): Promise<ImportRow | null> {
  const reportKey = await extendRejectedReport(deps.storage, state.rejectedKey, state.rejected, chunk.rejected);
  const discardReport = async () => {
    if (reportKey) await deps.storage.remove(reportKey).catch((e: unknown) => deps.onWarning?.('unused rejected-rows report not removed', e));
  };
  let committed: ImportRow | null;
  try {
    committed = await db.transaction(async (tx) => {
      const current = await lockImport(tx, state.id);
      if (current?.status !== 'running' || current.bytesRead !== state.bytesRead || current.rowsRead !== state.rowsRead || !current.sourceId) return null;
      const source = { sourceId: current.sourceId, unitId: current.unitId };
      await deps.stream.append(
        tx,
        chunk.items.map((item) => ({ ...source, item: tagged(item, current.id) })),
      );
      return updateImport(tx, current.id, progressAfter(current, chunk, reportKey));
    });
  } catch (error) {
    await discardReport();
    throw error;
  }
  if (!committed) {
    await discardReport();
    return null;
  }
  if (reportKey && state.rejectedKey) await deps.storage.remove(state.rejectedKey).catch((e: unknown) => deps.onWarning?.('replaced rejected-rows report not removed', e));
  return committed;
}

/**
 * Reads a running import from where it stopped, chunk by chunk, until the file ends, the import
 * is cancelled, or the run's budget (or `maxChunks`) is spent — then `more` asks for a fresh run.
 * Waits for room in the ingest stream before each chunk, so a large file never floods analysis.
 */
export async function readImport(deps: ImportJobDeps, db: Db, importId: string, signal: AbortSignal, opts: { maxChunks?: number } = {}): Promise<ImportRunOutcome> {
  const budget = AbortSignal.any([signal, AbortSignal.timeout(deps.runBudgetMs ?? 20_000)]);
  let state = await findImport(db, importId);
  if (state?.status !== 'running') return { state: 'stopped' };
  const reader = await openImportReader(deps.storage, fileOf(state));
  try {
    for (let chunks = 0; ; chunks++) {
      if (chunks >= (opts.maxChunks ?? Number.POSITIVE_INFINITY)) return { state: 'more' };
      await deps.stream.waitForRoom(budget);
      if (budget.aborted) return { state: 'more' };
      const chunk = await reader.next(deps.chunkRows ?? 1000);
      const next = await commitChunk(deps, db, state, chunk);
      if (!next) return { state: 'stopped' };
      if (chunk.done) return { state: 'done' };
      state = next;
    }
  } finally {
    await reader.close();
  }
}

const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error)).slice(0, 500);

/**
 * The background import: each run reads for a while (one transaction per chunk of rows), then
 * queues the next run, so no run outlives its lease however large the file. A file that cannot
 * be read fails the import with the reason; other errors are retried, then fail it.
 */
export function createImportJob(deps: ImportJobDeps) {
  return defineEffectJob({
    name: importFileJob.name,
    payload,
    maxAttempts,
    async prepare(input, ctx) {
      const row = await findImport(ctx.tx, input.importId);
      return row?.status === 'running' ? { importId: row.id } : null;
    },
    perform: (plan, ctx) => readImport(deps, ctx.db, plan.importId, ctx.signal),
    async record(input, _plan, outcome, ctx) {
      if (outcome.ok) {
        if (outcome.value.state === 'more') await enqueueJob(ctx.tx, importFileJob, input, { idempotencyKey: `${importFileJob.name}:${input.importId}:after:${ctx.jobId}` });
        return;
      }
      const error = outcome.error;
      if (error instanceof ImportFileError) {
        await failImport(ctx.tx, input.importId, `${error.code}: ${messageOf(error)}`);
        return;
      }
      if (ctx.attempt < maxAttempts) throw error;
      await failImport(ctx.tx, input.importId, `failed: ${messageOf(error)}`);
    },
  });
}
