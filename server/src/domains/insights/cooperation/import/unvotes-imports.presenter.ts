import type { UnVotesImport, UnVotesImportStatus } from '@diplodesk/contracts';
import type { IdealPointsRun } from '../ideal-points.job.ts';
import type { UnVotesImportRow } from './unvotes-imports.repo.ts';

/** Shares of the whole import's bar: checking the file, storing its rows, computing ideal points. */
const share = { checking: 15, storing: 75, computing: 10 } as const;

function statusOf(row: UnVotesImportRow, idealPoints: IdealPointsRun | null): UnVotesImportStatus {
  if (row.status !== 'stored') return row.status;
  // A failed recomputation does not undo the import: the page says so beside its result.
  return idealPoints?.state === 'running' ? 'computing' : 'done';
}

const fraction = (done: number, total: number) => (total > 0 ? Math.min(1, done / total) : 1);

function percentOf(row: UnVotesImportRow, status: UnVotesImportStatus, idealPoints: IdealPointsRun | null): number {
  if (status === 'done') return 100;
  if (status === 'queued') return 0;
  let percent: number;
  if (status === 'computing') percent = share.checking + share.storing + share.computing * fraction(idealPoints?.done ?? 0, idealPoints?.total ?? 0);
  else if (row.rowsToStore === null) percent = share.checking * fraction(row.bytesChecked, row.sizeBytes);
  else percent = share.checking + share.storing * fraction(row.rowsStored, row.rowsToStore);
  return Math.min(99, Math.floor(percent));
}

/** An import with its progress; `idealPoints` is the recomputation it queued (run id = import id), if any. */
export function presentUnVotesImport(row: UnVotesImportRow, idealPoints: IdealPointsRun | null): UnVotesImport {
  const run = row.idealPoints ? (idealPoints ?? { state: 'idle', done: 0, total: 0 }) : null;
  const status = statusOf(row, run);
  return {
    id: row.id,
    part: row.part,
    fileName: row.fileName,
    sizeBytes: row.sizeBytes,
    status,
    percent: percentOf(row, status, run),
    bytesChecked: row.bytesChecked,
    rowsRead: row.rowsRead,
    rowsToStore: row.rowsToStore,
    rowsStored: row.rowsStored,
    idealPoints: run,
    result: row.result,
    error: row.error,
    createdAt: row.createdAt.toISOString(),
    finishedAt: row.finishedAt?.toISOString() ?? null,
  };
}
