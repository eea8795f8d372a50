// Reads a stored import file in chunks of rows, from the start or from where an earlier run
// stopped. Storage streams a file from its first byte only, so a resume reads past the part already
// done; that part is parsed by the same record reader to learn the physical line where the next
// row starts, so line numbers in the rejected-rows report stay right after a crash.
import type { IngestItem } from '@diplodesk/connector-sdk';
import {
  CsvRecordReader,
  type ImportFormat,
  type ImportMapping,
  type ImportPosition,
  type ImportResult,
  importRecords,
  JsonlRecordReader,
  previewImport,
  type RejectedRow,
} from '@diplodesk/connector-import';
import type { Storage } from '../../../platform/storage/storage.ts';

export const HEAD_BYTES = 64 * 1024;

/** A problem with the file itself (not one row): the import fails with this code. */
export class ImportFileError extends Error {
  override readonly name = 'ImportFileError';
  readonly code: 'file-missing' | 'unreadable';

  constructor(code: 'file-missing' | 'unreadable', message: string) {
    super(message);
    this.code = code;
  }
}

/** The first bytes of a stored file (all of it when it is smaller). */
export async function readHead(storage: Storage, storageKey: string, max = HEAD_BYTES): Promise<Uint8Array> {
  const parts: Uint8Array[] = [];
  let length = 0;
  for await (const chunk of storage.open(storageKey)) {
    const take = chunk.subarray(0, max - length);
    parts.push(take);
    length += take.length;
    if (length >= max) break;
  }
  return concatBytes(parts, length);
}

function concatBytes(parts: Uint8Array[], length: number): Uint8Array {
  if (parts.length === 1) return parts[0]!;
  const out = new Uint8Array(length);
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}

export type ImportFile = {
  storageKey: string;
  format: ImportFormat;
  delimiter: string | null;
  mapping: ImportMapping;
  /** Where the next run starts: byte offset just past the last row handled, and rows handled. */
  bytesRead: number;
  rowsRead: number;
  /** Used for rows without a date column; fixed per import so a re-read gives the same items. */
  defaultPublishedAt: string;
};

export type ImportChunk = {
  items: IngestItem[];
  rejected: RejectedRow[];
  /** After the chunk's last row; null when the chunk is empty. */
  position: ImportPosition | null;
  /** The end of the file was reached. */
  done: boolean;
};

export type ChunkReader = {
  next(maxRows: number): Promise<ImportChunk>;
  close(): Promise<void>;
};

/** What the skipped part of the file tells a resume: the header's columns and the line of the next row. */
type Resume = { columns: string[] | undefined; line: number; remainder: Uint8Array | undefined };

async function skipDone(iterator: AsyncIterator<Uint8Array>, file: ImportFile): Promise<Resume> {
  const csv = file.format === 'csv';
  const reader = csv ? new CsvRecordReader(file.delimiter ?? ',') : new JsonlRecordReader();
  const head: Uint8Array[] = [];
  let headLength = 0;
  let line = 1;
  let at = 0;
  let remainder: Uint8Array | undefined;
  while (at < file.bytesRead) {
    const next = await iterator.next();
    if (next.done) throw new ImportFileError('file-missing', 'the stored file is shorter than the part already read');
    const take = Math.min(next.value.length, file.bytesRead - at);
    const part = next.value.subarray(0, take);
    for (const record of reader.push(part)) line = record.nextLine;
    if (headLength < HEAD_BYTES) {
      head.push(part.subarray(0, HEAD_BYTES - headLength));
      headLength += Math.min(part.length, HEAD_BYTES - headLength);
    }
    at += take;
    if (take < next.value.length) remainder = next.value.subarray(take);
  }
  for (const record of reader.end()) line = record.nextLine;
  const columns = csv ? previewImport(concatBytes(head, headLength), { format: 'csv', delimiter: file.delimiter ?? ',', isComplete: true }).columns : undefined;
  return { columns, line, remainder };
}

/**
 * Opens the file only when the first chunk is asked for: a file stream that fails to open before
 * anyone reads it would report its error to nobody (an uncaught exception).
 */
async function* opened(storage: Storage, storageKey: string): AsyncGenerator<Uint8Array> {
  yield* storage.open(storageKey);
}

async function* resumeFrom(remainder: Uint8Array | undefined, iterator: AsyncIterator<Uint8Array>): AsyncGenerator<Uint8Array> {
  if (remainder && remainder.length > 0) yield remainder;
  for (;;) {
    const next = await iterator.next();
    if (next.done) return;
    yield next.value;
  }
}

/**
 * Opens a stored import file at its resume point and reads it a chunk of rows at a time; rows
 * the reader cannot use come back as rejected. Throws ImportFileError when the file is gone or
 * cannot be read at all.
 */
export async function openImportReader(storage: Storage, file: ImportFile): Promise<ChunkReader> {
  const iterator = opened(storage, file.storageKey)[Symbol.asyncIterator]();
  const resume: Resume = file.bytesRead > 0 ? await guard(() => skipDone(iterator, file)) : { columns: undefined, line: 1, remainder: undefined };
  const run = importRecords(resumeFrom(resume.remainder, iterator), {
    format: file.format,
    mapping: file.mapping,
    ...(file.delimiter ? { delimiter: file.delimiter } : {}),
    ...(resume.columns ? { columns: resume.columns } : {}),
    ...(file.bytesRead > 0 ? { startOffset: file.bytesRead, startRow: file.rowsRead, startLine: resume.line } : {}),
    defaultPublishedAt: file.defaultPublishedAt,
  });
  const results = run[Symbol.asyncIterator]();
  return {
    async next(maxRows) {
      const chunk: ImportChunk = { items: [], rejected: [], position: null, done: false };
      while (chunk.items.length + chunk.rejected.length < maxRows) {
        const next: IteratorResult<ImportResult> = await guard(() => results.next());
        if (next.done) return { ...chunk, done: true };
        if ('item' in next.value) chunk.items.push(next.value.item);
        else chunk.rejected.push(next.value.rejected);
        chunk.position = next.value.position;
      }
      return chunk;
    },
    async close() {
      await results.return?.();
      await iterator.return?.(undefined);
    },
  };
}

/** Storage and reader failures become ImportFileError; anything else (a bug) passes through. */
async function guard<T>(read: () => Promise<T>): Promise<T> {
  try {
    return await read();
  } catch (error) {
    if (error instanceof ImportFileError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new ImportFileError('file-missing', 'the uploaded file is no longer in storage');
    if ((error as { name?: string }).name === 'ConnectorError') throw new ImportFileError('unreadable', (error as Error).message);
    throw error;
  }
}
