// The import as an IngestSource: a local file named in the source's settings, read in batches of
// up to 500 items. The cursor is a byte offset after the last row handled, so a restarted worker
// seeks there instead of re-reading a 1 GB file.
import { createReadStream } from 'node:fs';
import { open, stat } from 'node:fs/promises';
import { ConnectorError, type Credentials, type IngestBatch, type IngestSource, type SourceHealth } from '@diplodesk/connector-sdk';
import { type ImportResult, importRecords, type RejectedRow } from './import-records.ts';
import { type ImportFormat, previewImport } from './preview-import.ts';
import type { ImportMapping } from './suggest-mapping.ts';

export const IMPORT_BATCH_SIZE = 500;
const HEAD_BYTES = 64 * 1024;
const IMPORT_FORMATS: readonly ImportFormat[] = ['csv', 'jsonl', 'ndjson'];

interface ImportCursor {
  offset: number;
  row: number;
  line: number;
}

interface ImportConfig {
  path: string;
  format: ImportFormat;
  mapping: ImportMapping;
  delimiter?: string;
  hasHeader: boolean;
  columns?: string[];
}

export interface ImportBatch extends IngestBatch {
  rejected: RejectedRow[];
  /** Whether the end of the file was reached. */
  done: boolean;
}

export interface ImportSource extends IngestSource {
  /** Like `poll`, with the rows rejected in this batch and whether the file is finished. */
  pollWithReport(credentials: Credentials | null, cursor: string | null): Promise<ImportBatch>;
}

function encodeCursor(cursor: ImportCursor): string {
  return JSON.stringify({ v: 1, offset: cursor.offset, row: cursor.row, line: cursor.line });
}

function decodeCursor(cursor: string | null): ImportCursor {
  if (cursor === null) return { offset: 0, row: 0, line: 1 };
  try {
    const parsed = JSON.parse(cursor) as Partial<ImportCursor> & { v?: number };
    if (parsed.v === 1 && Number.isSafeInteger(parsed.offset) && Number.isSafeInteger(parsed.row) && Number.isSafeInteger(parsed.line)) {
      return { offset: parsed.offset!, row: parsed.row!, line: parsed.line! };
    }
  } catch {
    // fall through to the error below
  }
  throw new ConnectorError('rejected', 'The import cursor is not one this connector wrote');
}

async function readHead(path: string): Promise<Uint8Array> {
  const handle = await open(path, 'r');
  try {
    const buffer = new Uint8Array(HEAD_BYTES);
    const { bytesRead } = await handle.read(buffer, 0, HEAD_BYTES, 0);
    return buffer.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}

function formatFromPath(path: string): ImportFormat | undefined {
  const extension = path.toLowerCase().split('.').pop();
  if (extension === 'csv' || extension === 'tsv' || extension === 'txt') return 'csv';
  if (extension === 'jsonl' || extension === 'ndjson') return 'jsonl';
  return undefined;
}

function parseMapping(json: string | undefined): ImportMapping | undefined {
  if (json === undefined || json === '') return undefined;
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch {
    throw new ConnectorError('rejected', 'The column mapping is not valid JSON');
  }
  if (value === null || typeof value !== 'object' || typeof (value as { text?: unknown }).text !== 'string') {
    throw new ConnectorError('rejected', 'The column mapping must be an object naming at least the text column');
  }
  for (const [key, column] of Object.entries(value)) {
    if (typeof column !== 'string') throw new ConnectorError('rejected', `The column mapping for "${key}" must be a column name`);
  }
  return value as ImportMapping;
}

/** The file's settings, with the header read again on a resume (the cursor stays small). */
async function readConfig(credentials: Credentials | null, resuming: boolean): Promise<ImportConfig> {
  const extra = credentials?.extra ?? {};
  const path = extra.path;
  if (!path) throw new ConnectorError('rejected', 'No file to import: set the path in the source settings');
  let head: Uint8Array;
  try {
    head = await readHead(path);
  } catch (error) {
    throw new ConnectorError('rejected', `The import file cannot be read: ${(error as NodeJS.ErrnoException).code ?? 'error'}`, { cause: error });
  }
  if (extra.format !== undefined && !IMPORT_FORMATS.includes(extra.format as ImportFormat)) throw new ConnectorError('rejected', `Unknown import format "${extra.format}" (use csv, jsonl or ndjson)`);
  const format = (extra.format as ImportFormat | undefined) ?? formatFromPath(path);
  // `header: "false"` for headerless exports such as GDELT's; columns are then column_1, column_2, …
  const hasHeader = extra.header !== 'false';
  let preview: ReturnType<typeof previewImport>;
  try {
    preview = previewImport(head, { ...(format ? { format } : {}), ...(extra.delimiter ? { delimiter: extra.delimiter } : {}), hasHeader, isComplete: head.length < HEAD_BYTES });
  } catch (error) {
    throw new ConnectorError('rejected', (error as Error).message, { cause: error });
  }
  const mapping = parseMapping(extra.mapping) ?? (preview.suggestedMapping.text ? (preview.suggestedMapping as ImportMapping) : undefined);
  if (!mapping) throw new ConnectorError('rejected', 'No column mapping, and no column looks like the text: set the mapping');
  const config: ImportConfig = { path, format: preview.format, mapping, hasHeader };
  if (preview.delimiter) config.delimiter = preview.delimiter;
  if ((resuming || !hasHeader) && preview.format === 'csv') {
    if (preview.columns.length === 0) throw new ConnectorError('rejected', 'The first row is longer than 64 KiB');
    config.columns = preview.columns;
  }
  return config;
}

/** Creates the file-import ingest source. */
export function createImportSource(): ImportSource {
  const pollWithReport = async (credentials: Credentials | null, cursor: string | null): Promise<ImportBatch> => {
    const start = decodeCursor(cursor);
    const config = await readConfig(credentials, start.offset > 0);
    const run = importRecords(createReadStream(config.path, { start: start.offset, highWaterMark: HEAD_BYTES }), {
      format: config.format,
      mapping: config.mapping,
      ...(config.delimiter ? { delimiter: config.delimiter } : {}),
      ...(config.columns ? { columns: config.columns } : {}),
      hasHeader: config.hasHeader,
      startOffset: start.offset,
      startRow: start.row,
      startLine: start.line,
    });
    const items: ImportBatch['items'] = [];
    const rejected: RejectedRow[] = [];
    let last = start;
    let done = true;
    for await (const result of run as AsyncIterable<ImportResult>) {
      if ('item' in result) items.push(result.item);
      else rejected.push(result.rejected);
      last = { ...result.position };
      if (items.length >= IMPORT_BATCH_SIZE) {
        done = false;
        break;
      }
    }
    return { items, rejected, done, nextCursor: encodeCursor(last) };
  };

  return {
    pollWithReport,
    async poll(credentials, cursor) {
      const { items, nextCursor, done } = await pollWithReport(credentials, cursor);
      return { items, nextCursor, more: !done };
    },
    async *stream(credentials, cursor, signal) {
      let next = cursor;
      while (!signal.aborted) {
        const batch = await pollWithReport(credentials, next);
        const stuck = batch.nextCursor === next;
        next = batch.nextCursor;
        if (batch.items.length > 0) yield { items: batch.items, nextCursor: batch.nextCursor };
        if (batch.done || stuck) return;
      }
    },
    async health(credentials): Promise<SourceHealth> {
      const checkedAt = new Date().toISOString();
      const path = credentials?.extra?.path;
      if (!path) return { status: 'down', detail: 'no file configured', checkedAt };
      try {
        const info = await stat(path);
        if (!info.isFile()) return { status: 'down', detail: 'the path is not a file', checkedAt };
        return { status: 'ok', detail: `${info.size} bytes`, checkedAt };
      } catch (error) {
        return { status: 'down', detail: `the file cannot be read: ${(error as NodeJS.ErrnoException).code ?? 'error'}`, checkedAt };
      }
    },
  };
}
