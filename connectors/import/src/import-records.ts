import { createHash } from 'node:crypto';
import { ConnectorError, type IngestItem } from '@diplodesk/connector-sdk';
import { csvRow } from '@diplodesk/contracts';
import { CsvRecordReader, sniffDelimiter } from './csv-reader.ts';
import { JsonlRecordReader } from './jsonl-reader.ts';
import { parsePublishedAt } from './parse-date.ts';
import { byteOrderMarkLength, columnNames, type ImportFormat, readPath, UnsupportedEncodingError, valueToString } from './preview-import.ts';
import type { RawRecord, RecordError, RejectReason } from './records.ts';
import type { ImportMapping, MappingField } from './suggest-mapping.ts';

export interface ImportProgress {
  /** Absolute byte offset read so far. */
  bytes: number;
  /** Data rows handled so far (imported and rejected, counting rows before a resume point). */
  rows: number;
}

export interface ImportOptions {
  format: ImportFormat;
  mapping: ImportMapping;
  /** CSV delimiter; found from the first records when absent. */
  delimiter?: string;
  /** Column names when the stream has no header to read: a headerless export, or a resume mid-file. */
  columns?: string[];
  /** CSV: whether the first record names the columns (default true; ignored when `columns` is given). */
  hasHeader?: boolean;
  /** Where `source` starts in the file, for a resume: byte offset, rows already handled, physical line. A CSV resume also needs `delimiter` and `columns`. */
  startOffset?: number;
  startRow?: number;
  startLine?: number;
  /** Used when no column is mapped to `publishedAt` (default: when the import started). */
  defaultPublishedAt?: string;
  maxRecordBytes?: number;
  onProgress?: (progress: ImportProgress) => void;
}

export interface RejectedRow {
  /** 1-based data row (CSV: header excluded; JSONL: non-blank lines). */
  row: number;
  /** Physical line in the file where the row starts. */
  line: number;
  reason: RejectReason;
  /** Human explanation, e.g. which column and what was found. */
  detail: string;
  /** The row as written, first 200 characters. */
  raw: string;
}

/** Where a result sits in the file; `offset` is where reading resumes after it. */
export interface ImportPosition {
  row: number;
  /** Physical line where the next row starts. */
  line: number;
  offset: number;
}

export type ImportResult = ({ item: IngestItem } | { rejected: RejectedRow }) & { position: ImportPosition };

export interface ImportSummary {
  rows: number;
  imported: number;
  rejected: number;
  reasons: Partial<Record<RejectReason, number>>;
}

/** The results of one import, with a running summary that is final once iteration ends. */
export interface ImportRun extends AsyncIterable<ImportResult> {
  readonly summary: ImportSummary;
}

/** First C0/C1 control character other than tab and line breaks: they mark binary or mis-decoded data. */
function findControlCharacter(value: string): number | undefined {
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if ((c < 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d) || (c >= 0x7f && c <= 0x9f)) return c;
  }
  return undefined;
}
const PREFETCH_BYTES = 64 * 1024;
const MAPPING_FIELDS: MappingField[] = ['remoteId', 'text', 'url', 'author', 'publishedAt', 'language', 'title'];

/**
 * Streams a CSV or JSONL file into ingest items; rows that cannot be read or mapped come out as
 * rejected with a reason and the import goes on. Memory stays bounded by the largest row.
 *
 * @example
 * const run = importRecords(createReadStream(path), { format: 'csv', mapping: { text: 'isi', publishedAt: 'tanggal' } });
 * for await (const result of run) if ('item' in result) await store(result.item);
 * console.log(run.summary); // { rows, imported, rejected, reasons }
 */
export function importRecords(source: AsyncIterable<Uint8Array>, options: ImportOptions): ImportRun {
  if (!options.mapping?.text) throw new ConnectorError('rejected', 'The mapping must name the column that holds the text');
  const summary: ImportSummary = { rows: options.startRow ?? 0, imported: 0, rejected: 0, reasons: {} };
  return {
    summary,
    [Symbol.asyncIterator]: () => runImport(source, options, summary),
  };
}

async function* runImport(source: AsyncIterable<Uint8Array>, options: ImportOptions, summary: ImportSummary): AsyncGenerator<ImportResult> {
  const iterator = source[Symbol.asyncIterator]();
  try {
    let offset = options.startOffset ?? 0;
    let head = await prefetch(iterator, PREFETCH_BYTES);
    if (offset === 0) {
      let bom: number;
      try {
        bom = byteOrderMarkLength(head);
      } catch (error) {
        if (error instanceof UnsupportedEncodingError) throw new ConnectorError('rejected', error.message);
        throw error;
      }
      head = head.subarray(bom);
      offset = bom;
    }
    const readerOptions = { startOffset: offset, startLine: options.startLine ?? 1, maxRecordBytes: options.maxRecordBytes };
    const reader = options.format === 'csv' ? new CsvRecordReader(options.delimiter ?? sniffDelimiter(head), readerOptions) : new JsonlRecordReader(readerOptions);
    const mapper = new RowMapper(options);
    const emit = (record: RawRecord) => {
      const result = mapper.map(record, ++summary.rows);
      if (result === undefined) {
        summary.rows--;
        return undefined;
      }
      if ('item' in result) summary.imported++;
      else {
        summary.rejected++;
        summary.reasons[result.rejected.reason] = (summary.reasons[result.rejected.reason] ?? 0) + 1;
      }
      return result;
    };
    let chunk: Uint8Array | undefined = head;
    while (chunk !== undefined) {
      for (const record of reader.push(chunk)) {
        const result = emit(record);
        if (result) yield result;
      }
      options.onProgress?.({ bytes: reader.position, rows: summary.rows });
      const next = await iterator.next();
      chunk = next.done ? undefined : next.value;
    }
    for (const record of reader.end()) {
      const result = emit(record);
      if (result) yield result;
    }
    options.onProgress?.({ bytes: reader.position, rows: summary.rows });
  } finally {
    // Closes the file when the consumer stops early (a poll that has its batch).
    await iterator.return?.();
  }
}

/** Reads chunks until at least `min` bytes (or the end), so the delimiter can be sniffed. */
async function prefetch(iterator: AsyncIterator<Uint8Array>, min: number): Promise<Uint8Array> {
  const parts: Uint8Array[] = [];
  let length = 0;
  while (length < min) {
    const next = await iterator.next();
    if (next.done) break;
    parts.push(next.value);
    length += next.value.length;
  }
  if (parts.length === 1) return parts[0]!;
  const head = new Uint8Array(length);
  let at = 0;
  for (const part of parts) {
    head.set(part, at);
    at += part.length;
  }
  return head;
}

/** Turns a raw record into an item or a rejection; holds the header once read. */
class RowMapper {
  private columns: string[] | undefined;
  private indexes = new Map<string, number>();
  private readonly defaultPublishedAt: string;

  private readonly options: ImportOptions;

  constructor(options: ImportOptions) {
    this.options = options;
    this.defaultPublishedAt = options.defaultPublishedAt ?? new Date().toISOString();
    if (options.columns) this.setColumns(options.columns);
  }

  map(record: RawRecord, row: number): ImportResult | undefined {
    const position: ImportPosition = { row, line: record.nextLine, offset: record.endOffset };
    if (this.options.format === 'csv' && this.columns === undefined) {
      if (this.options.hasHeader === false) {
        this.setColumns((record.fields ?? []).map((_, i) => `column_${i + 1}`));
      } else {
        if (!record.fields) throw new ConnectorError('rejected', `The header row cannot be read: ${record.error?.detail ?? 'unknown error'}`);
        this.setColumns(columnNames(record.fields));
        return undefined;
      }
    }
    const reject = (error: RecordError): ImportResult => ({ rejected: { row, line: record.line, ...error, raw: record.raw }, position });
    if (record.error) return reject(record.error);
    let read: (column: string) => string;
    let identity: string;
    if (record.fields) {
      const fields = record.fields;
      if (fields.length !== this.columns!.length) return reject({ reason: 'column-count', detail: `expected ${this.columns!.length} fields, found ${fields.length}` });
      read = (column) => fields[this.indexes.get(column)!] ?? '';
      identity = fields.join('\u0000');
    } else {
      const object = record.object!;
      read = (column) => valueToString(readPath(object, column));
      identity = JSON.stringify(object);
    }
    const values: Partial<Record<MappingField, string>> = {};
    for (const field of MAPPING_FIELDS) {
      const column = this.options.mapping[field];
      if (column === undefined) continue;
      const value = read(column);
      const control = findControlCharacter(value);
      if (control !== undefined) return reject({ reason: 'control-characters', detail: `column "${column}" contains the control character U+${control.toString(16).toUpperCase().padStart(4, '0')}` });
      values[field] = value.trim();
    }
    if (!values.text) return reject({ reason: 'empty-text', detail: `column "${this.options.mapping.text}" is empty` });
    let publishedAt = this.defaultPublishedAt;
    const dateColumn = this.options.mapping.publishedAt;
    if (dateColumn !== undefined) {
      if (!values.publishedAt) return reject({ reason: 'missing-date', detail: `column "${dateColumn}" is empty` });
      const parsed = parsePublishedAt(values.publishedAt);
      if (parsed === null) return reject({ reason: 'invalid-date', detail: `"${values.publishedAt.slice(0, 40)}" in column "${dateColumn}" is not a date this import reads` });
      publishedAt = parsed;
    }
    return { item: toItem(values, values.text, publishedAt, identity, row), position };
  }

  private setColumns(columns: string[]): void {
    this.columns = columns;
    this.indexes = new Map(columns.map((c, i) => [c, i]));
    if (this.options.format !== 'csv') return;
    for (const field of MAPPING_FIELDS) {
      const column = this.options.mapping[field];
      if (column !== undefined && !this.indexes.has(column)) throw new ConnectorError('rejected', `The mapping names a column the file does not have: "${column}" (columns: ${columns.join(', ').slice(0, 300)})`);
    }
  }
}

function toItem(values: Partial<Record<MappingField, string>>, text: string, publishedAt: string, identity: string, row: number): IngestItem {
  // Identical rows get the same id, so a re-import or a duplicated line is stored once.
  const remoteId = values.remoteId || `sha256:${createHash('sha256').update(identity).digest('hex').slice(0, 32)}`;
  const item: IngestItem = { remoteId, text, publishedAt, raw: { row, ...(values.title ? { title: values.title } : {}) } };
  if (values.url && /^https?:\/\//i.test(values.url) && URL.canParse(values.url)) item.url = values.url;
  if (values.author) item.author = { remoteAccountId: values.author, handle: values.author };
  if (values.language && /^[A-Za-z]{2,3}(?:-[A-Za-z0-9]{1,8})*$/.test(values.language)) item.language = values.language;
  return item;
}

/** Consumes a run, keeping the first `keepRejected` rejections for the report. */
export async function collectImport(run: ImportRun, onItem: (item: IngestItem) => void | Promise<void>, keepRejected = 1000): Promise<ImportSummary & { rejectedRows: RejectedRow[] }> {
  const rejectedRows: RejectedRow[] = [];
  for await (const result of run) {
    if ('item' in result) await onItem(result.item);
    else if (rejectedRows.length < keepRejected) rejectedRows.push(result.rejected);
  }
  return { ...run.summary, rejectedRows };
}

/** The rejected-rows report as CSV (row, line, reason, detail, raw), formula-safe, for download next to the summary. */
export function formatRejectedReport(rows: RejectedRow[]): string {
  const lines = ['row,line,reason,detail,raw', ...rows.map((r) => csvRow([r.row, r.line, r.reason, r.detail, r.raw]))];
  return `${lines.join('\r\n')}\r\n`;
}
