import { formatRejectedReport, type RejectedRow } from '@diplodesk/connector-import';
import type { Storage } from '../../../platform/storage/storage.ts';

/**
 * The report keeps the first rejected rows up to this many (each row's raw text is cut at 200
 * characters, so the report stays under ~50 MB); the counts per reason cover every row.
 */
export const REPORT_ROW_LIMIT = 100_000;

/** Rows already in the report, given how many were rejected so far (both commit together). */
export const rowsInReport = (rejected: number) => Math.min(rejected, REPORT_ROW_LIMIT);

/** The current report (opened only once read, so a failed open reaches the caller) and the new rows. */
async function* concat(storage: Storage, currentKey: string | null, tail: Uint8Array): AsyncGenerator<Uint8Array> {
  if (currentKey) yield* storage.open(currentKey);
  yield tail;
}

/**
 * Writes the report with `rows` appended, as a new stored file (storage has no append): the caller
 * records the new key in the same transaction as the counts, then removes the old file. A crash in
 * between leaves an unused file, never a report that misses rows already counted.
 * Returns null when there is nothing to add (no rows, or the report is full).
 */
export async function extendRejectedReport(storage: Storage, currentKey: string | null, rejectedSoFar: number, rows: RejectedRow[]): Promise<string | null> {
  const room = REPORT_ROW_LIMIT - rowsInReport(rejectedSoFar);
  if (rows.length === 0 || room <= 0) return null;
  const text = formatRejectedReport(rows.slice(0, room));
  // The report is opened in spreadsheets: a UTF-8 byte order mark keeps Indonesian names intact in Excel.
  const body = currentKey ? text.slice(text.indexOf('\r\n') + 2) : `\uFEFF${text}`;
  const stored = await storage.put(concat(storage, currentKey, new TextEncoder().encode(body)));
  return stored.storageKey;
}
