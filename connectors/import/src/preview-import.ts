import { CsvRecordReader, sniffDelimiter } from './csv-reader.ts';
import { JsonlRecordReader } from './jsonl-reader.ts';
import { type ImportMapping, suggestMapping } from './suggest-mapping.ts';
import type { RawRecord } from './records.ts';

export type ImportFormat = 'csv' | 'jsonl' | 'ndjson';

export interface ImportPreview {
  format: ImportFormat;
  /** CSV only: the delimiter found (or given). */
  delimiter?: string;
  columns: string[];
  sampleRows: Record<string, string>[];
  suggestedMapping: Partial<ImportMapping>;
}

export interface PreviewOptions {
  format?: ImportFormat;
  delimiter?: string;
  /** How many rows to show (default 20). */
  sampleSize?: number;
  /** CSV: whether the first record names the columns (default true); otherwise columns are `column_1`, `column_2`, … */
  hasHeader?: boolean;
  /** Whether `firstBytes` is the whole file; otherwise a last record without a line break is dropped as possibly cut. */
  isComplete?: boolean;
}

const UTF8_BOM = [0xef, 0xbb, 0xbf];

/** Length of a UTF-8 byte order mark at the start, or 0. Throws for UTF-16, which must be converted first. */
export function byteOrderMarkLength(head: Uint8Array): number {
  if ((head[0] === 0xff && head[1] === 0xfe) || (head[0] === 0xfe && head[1] === 0xff)) {
    throw new UnsupportedEncodingError('the file is UTF-16; save it as UTF-8');
  }
  return UTF8_BOM.every((b, i) => head[i] === b) ? 3 : 0;
}

export class UnsupportedEncodingError extends Error {
  override readonly name = 'UnsupportedEncodingError';
}

/** Guesses JSONL when the first non-blank character opens an object. */
export function detectFormat(head: Uint8Array): 'csv' | 'jsonl' {
  for (const b of head) {
    if (b === 0x20 || b === 0x09 || b === 0x0a || b === 0x0d) continue;
    return b === 0x7b ? 'jsonl' : 'csv';
  }
  return 'csv';
}

/** Header cells as column names: trimmed, empty ones named by position, duplicates numbered. */
export function columnNames(header: string[]): string[] {
  const seen = new Map<string, number>();
  return header.map((cell, i) => {
    const base = cell.trim() || `column_${i + 1}`;
    const count = (seen.get(base) ?? 0) + 1;
    seen.set(base, count);
    return count === 1 ? base : `${base}_${count}`;
  });
}

/** Reads a JSONL value for a column: the key itself, else a dotted path into nested objects. */
export function readPath(object: Record<string, unknown>, column: string): unknown {
  if (Object.hasOwn(object, column)) return object[column];
  let current: unknown = object;
  for (const part of column.split('.')) {
    if (current === null || typeof current !== 'object' || !Object.hasOwn(current, part)) return undefined;
    current = (current as Record<string, unknown>)[part];
  }
  return current;
}

export function valueToString(value: unknown): string {
  if (value === undefined || value === null) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return JSON.stringify(value);
}

/** Keys of a JSONL object with nested objects flattened to dotted paths (two levels deep). */
function flattenKeys(object: Record<string, unknown>, prefix = '', depth = 0): string[] {
  const keys: string[] = [];
  for (const [key, value] of Object.entries(object)) {
    const path = prefix + key;
    if (depth < 2 && value !== null && typeof value === 'object' && !Array.isArray(value)) keys.push(...flattenKeys(value as Record<string, unknown>, `${path}.`, depth + 1));
    else keys.push(path);
  }
  return keys;
}

/**
 * Reads the start of a file for the mapping screen: format, delimiter, columns, sample rows and a
 * suggested mapping. Rows that cannot be read are left out of the sample.
 *
 * @example
 * previewImport(new TextEncoder().encode('id;isi;tanggal\n1;Halo;17/08/2025\n')).suggestedMapping
 * // { text: 'isi', remoteId: 'id', publishedAt: 'tanggal' }
 */
export function previewImport(firstBytes: Uint8Array, options: PreviewOptions = {}): ImportPreview {
  const bom = byteOrderMarkLength(firstBytes);
  const head = firstBytes.subarray(bom);
  const format = options.format ?? detectFormat(head);
  const sampleSize = options.sampleSize ?? 20;
  const records = (reader: { push(c: Uint8Array): Generator<RawRecord>; end(): Generator<RawRecord> }): RawRecord[] => {
    const out = [...reader.push(head)];
    if (options.isComplete || out.length === 0) out.push(...reader.end());
    return out;
  };
  if (format === 'csv') {
    const delimiter = options.delimiter ?? sniffDelimiter(head);
    const all = records(new CsvRecordReader(delimiter, { startOffset: bom }));
    const headerless = options.hasHeader === false;
    const first = all[0]?.fields ?? [];
    const columns = headerless ? first.map((_, i) => `column_${i + 1}`) : columnNames(first);
    const rest = headerless ? all : all.slice(1);
    const sampleRows = rest
      .filter((r) => r.fields?.length === columns.length)
      .slice(0, sampleSize)
      .map((r) => Object.fromEntries(columns.map((c, i) => [c, r.fields![i]!])));
    return { format, delimiter, columns, sampleRows, suggestedMapping: suggestMapping(columns, sampleRows) };
  }
  const objects = records(new JsonlRecordReader({ startOffset: bom }))
    .flatMap((r) => (r.object ? [r.object] : []))
    .slice(0, sampleSize);
  const columns = [...new Set(objects.flatMap((o) => flattenKeys(o)))];
  const sampleRows = objects.map((o) => Object.fromEntries(columns.map((c) => [c, valueToString(readPath(o, c))])));
  return { format, columns, sampleRows, suggestedMapping: suggestMapping(columns, sampleRows) };
}
