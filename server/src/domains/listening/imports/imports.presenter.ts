import type { ImportDto } from '@diplodesk/contracts';
import { type Principal, can } from '../../../platform/authz/principal.ts';
import { importExpiresAt } from './expire-import.job.ts';
import { draftMapping } from './import-preview.ts';
import type { ImportRow } from './imports.repo.ts';
import { rowsInReport } from './rejected-report.ts';

const errorCodes = ['file-missing', 'unreadable', 'failed'] as const;

/** Errors are stored as `code: detail`; older or unexpected text reads as a plain failure. */
function presentError(error: string | null): ImportDto['error'] {
  if (!error) return null;
  const at = error.indexOf(': ');
  const code = errorCodes.find((c) => c === error.slice(0, at));
  return code ? { code, detail: error.slice(at + 2) } : { code: 'failed', detail: error };
}

export type ImportFigures = { stored: number; analysisIdle: boolean; createdByName: string };

/**
 * An import with its progress. `stored` comes from the items table (analysis runs after reading),
 * so duplicates are known only once the import is done and analysis has nothing left waiting.
 */
export function presentImport(p: Principal, row: ImportRow, unitPath: string, figures: ImportFigures): ImportDto {
  const manage = can(p, 'listening.manage', unitPath);
  const appended = Math.max(0, row.rowsRead - row.rejected);
  const settled = row.status !== 'running' && row.status !== 'ready' && (figures.analysisIdle || figures.stored >= appended);
  const percent = row.status === 'done' ? 100 : row.sizeBytes > 0 ? Math.min(99, Math.floor((row.bytesRead / row.sizeBytes) * 100)) : 0;
  return {
    id: row.id,
    unitId: row.unitId,
    sourceId: row.sourceId,
    fileName: row.fileName,
    sizeBytes: row.sizeBytes,
    format: row.format as ImportDto['format'],
    delimiter: row.delimiter,
    mapping: draftMapping(row.mapping),
    status: row.status,
    bytesRead: row.bytesRead,
    percent,
    rowsRead: row.rowsRead,
    rejected: row.rejected,
    reasons: row.reasons,
    appended,
    stored: figures.stored,
    duplicates: settled ? Math.max(0, appended - figures.stored) : null,
    settled,
    hasRejectedReport: row.rejectedKey !== null,
    rejectedInReport: rowsInReport(row.rejected),
    error: presentError(row.error),
    createdAt: row.createdAt.toISOString(),
    createdBy: { id: row.createdBy, name: figures.createdByName },
    expiresAt: importExpiresAt(row)?.toISOString() ?? null,
    finishedAt: row.finishedAt?.toISOString() ?? null,
    policies: { start: manage && row.status === 'ready', cancel: manage && (row.status === 'ready' || row.status === 'running') },
  };
}
