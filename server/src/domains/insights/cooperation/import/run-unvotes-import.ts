// The work of one UN votes import, shared by the background job and the CLI: check every line of
// the stored file (nothing is written until the whole file is good), then store its rows a chunk
// per transaction with the counts so far, then end it with its result, its audit entry and the
// ideal points to recompute — that last step in one transaction.
import { setImmediate as nextTurn } from 'node:timers/promises';
import type { UnVotesImportResult } from '@diplodesk/contracts';
import { sql } from 'drizzle-orm';
import { appendAudit } from '../../../../platform/audit/audit.ts';
import type { Db, Executor } from '../../../../platform/db/index.ts';
import type { Storage } from '../../../../platform/storage/storage.ts';
import { findRootUnit } from '../../../identity/index.ts';
import { enqueueIdealPoints } from '../ideal-points.job.ts';
import { planWrites, rollCallsWithoutDescription, type WritePlan } from './store-unvotes.ts';
import { type ParsedPart, readUnVotesPart } from './unvotes-file.ts';
import { activeStates, findUnVotesImport, lockUnVotesImport, recordChecking, type UnVotesImportRow, updateUnVotesImport } from './unvotes-imports.repo.ts';

export type UnVotesProgress = { phase: 'checking' | 'storing'; done: number; total: number };

export type UnVotesImportDeps = {
  storage: Storage;
  /** Rows per chunk; each chunk is one transaction. Default 10,000. */
  chunkRows?: number;
  /** How long one run may go on before a fresh job takes over (well inside the job lease); null: until done. Default 30 s. */
  runBudgetMs?: number | null;
  /** How often the checking progress is written. Default 250 ms. */
  progressEveryMs?: number;
  onProgress?: (progress: UnVotesProgress) => void;
  onWarning?: (message: string, error: unknown) => void;
};

/** `more`: the run's budget is spent and a fresh run goes on; `stopped`: nothing (left) to do here. */
export type UnVotesRunOutcome = { state: 'stored' | 'stopped' | 'more' };

/** One import at a time writes: two files of overlapping votes would otherwise race on the same rows. */
const oneWriterAtATime = (tx: Executor) => tx.execute(sql`select pg_advisory_xact_lock(hashtext('insights.un-votes-import'))`);

const rowCount = (parsed: ParsedPart) => (parsed.part === 'votes' ? parsed.rows.rcids.length + parsed.rows.skipped : parsed.rows.length);

/** Moves the import from one state to the next, unless another run already did. */
function advance(db: Db, id: string, from: UnVotesImportRow['status'], patch: Parameters<typeof updateUnVotesImport>[2]): Promise<UnVotesImportRow | null> {
  return db.transaction(async (tx) => {
    const current = await lockUnVotesImport(tx, id);
    return current?.status === from ? updateUnVotesImport(tx, id, patch) : null;
  });
}

/** Reads the whole file, every line checked; the progress is written while the import is `checking`. */
async function checkFile(deps: UnVotesImportDeps, db: Db, row: UnVotesImportRow): Promise<ParsedPart> {
  const every = deps.progressEveryMs ?? 250;
  let bytes = 0;
  let line = 0;
  let written = Date.now();
  async function* metered(): AsyncGenerator<Uint8Array> {
    for await (const chunk of deps.storage.open(row.storageKey)) {
      bytes += chunk.length;
      deps.onProgress?.({ phase: 'checking', done: bytes, total: row.sizeBytes });
      if (row.status === 'checking' && Date.now() - written >= every) {
        written = Date.now();
        await recordChecking(db, row.id, { bytesChecked: bytes, rowsRead: Math.max(0, line - 1) });
      }
      yield chunk;
    }
  }
  return readUnVotesPart(row.part, metered(), {
    onLine: (n) => {
      line = n;
    },
  });
}

async function storeChunks(deps: UnVotesImportDeps, db: Db, start: UnVotesImportRow, plan: WritePlan, budget: AbortSignal): Promise<UnVotesImportRow | null> {
  const size = deps.chunkRows ?? 10_000;
  let row = start;
  while (row.rowsStored < plan.total) {
    if (budget.aborted) return null;
    const from = row.rowsStored;
    const to = Math.min(plan.total, from + size);
    const next = await db.transaction(async (tx) => {
      await oneWriterAtATime(tx);
      const current = await lockUnVotesImport(tx, row.id);
      // Another run (a job taken over after its lease, the CLI) stored this chunk already.
      if (current?.status !== 'storing' || current.rowsStored !== from) return null;
      const counts = await plan.write(tx, from, to);
      return updateUnVotesImport(tx, row.id, { rowsStored: to, added: current.added + counts.added, changed: current.changed + counts.changed });
    });
    if (!next) throw new StoppedError();
    row = next;
    deps.onProgress?.({ phase: 'storing', done: row.rowsStored, total: plan.total });
    // PGlite runs on this thread and answers in microtasks: without a turn of the event loop
    // between chunks, requests (the progress the page asks for) and timers wait for the whole file.
    await nextTurn();
  }
  return row;
}

class StoppedError extends Error {}

/** The last step: what the file did, audited as the uploader, and the ideal points queued when votes or roll calls changed. */
function finishImport(db: Db, id: string, parsed: ParsedPart, plan: WritePlan): Promise<UnVotesImportRow | null> {
  return db.transaction(async (tx) => {
    await oneWriterAtATime(tx);
    const current = await lockUnVotesImport(tx, id);
    if (current?.status !== 'storing' || current.rowsStored !== plan.total) return null;
    await plan.finish(tx);
    const result: UnVotesImportResult = {
      part: current.part,
      rows: current.rowsRead,
      added: current.added,
      changed: current.changed,
      unchanged: Math.max(0, plan.total - current.added - current.changed),
      skipped: parsed.part === 'votes' ? parsed.rows.skipped : 0,
      rollCallsWithoutDescription: await rollCallsWithoutDescription(tx),
    };
    const root = await findRootUnit(tx);
    await appendAudit(tx, current.actor, {
      action: 'insights-unvotes.imported',
      targetType: 'insights-unvotes',
      targetId: current.id,
      unitId: root?.id ?? null,
      summary: { ...result, fileName: current.fileName },
    });
    const idealPoints = current.added + current.changed > 0 && current.part !== 'issues';
    // The recomputation's run id is the import's: its progress is this import's last phase.
    if (idealPoints) await enqueueIdealPoints(tx, current.id);
    return updateUnVotesImport(tx, id, { status: 'stored', result, idealPoints, finishedAt: new Date() });
  });
}

/**
 * Takes an import from where it is to its end, or until the run's budget is spent. A bad line
 * throws `insights-unvotes.invalid-file` before anything is written; the caller ends the import
 * with it (see failUnVotesImportWith).
 */
export async function runUnVotesImport(deps: UnVotesImportDeps, db: Db, importId: string, signal: AbortSignal): Promise<UnVotesRunOutcome> {
  const budget = deps.runBudgetMs === null ? signal : AbortSignal.any([signal, AbortSignal.timeout(deps.runBudgetMs ?? 30_000)]);
  let row: UnVotesImportRow | null = (await findUnVotesImport(db, importId)) ?? null;
  if (!row || !activeStates.includes(row.status)) return { state: 'stopped' };
  if (row.status === 'queued') row = await advance(db, importId, 'queued', { status: 'checking' });
  if (!row) return { state: 'stopped' };
  // A resumed run reads the file again (a few seconds for the full votes file) rather than keep a copy of its rows.
  const parsed = await checkFile(deps, db, row);
  const plan = planWrites(parsed);
  if (row.status === 'checking') row = await advance(db, importId, 'checking', { status: 'storing', bytesChecked: row.sizeBytes, rowsRead: rowCount(parsed), rowsToStore: plan.total });
  if (!row) return { state: 'stopped' };
  try {
    const stored = await storeChunks(deps, db, row, plan, budget);
    if (!stored) return { state: 'more' };
  } catch (error) {
    if (error instanceof StoppedError) return { state: 'stopped' };
    throw error;
  }
  if (!(await finishImport(db, importId, parsed, plan))) return { state: 'stopped' };
  await deps.storage.remove(row.storageKey).catch((e: unknown) => deps.onWarning?.('imported UN votes file not removed', e));
  return { state: 'stored' };
}
