// JSON Lines / NDJSON: one JSON object per line, blank lines ignored. Lines are cut at the byte
// level (LF is never part of a multi-byte UTF-8 sequence) and decoded one by one.
import { ByteBuffer, DEFAULT_MAX_RECORD_BYTES, RAW_PREVIEW_BYTES, type RawRecord, rawPreview, strictUtf8 } from './records.ts';

const LF = 0x0a;
const CR = 0x0d;

export interface JsonlReaderOptions {
  startOffset?: number;
  startLine?: number;
  maxRecordBytes?: number;
}

/** Incremental JSONL reader: push chunks, get one record per non-blank line. */
export class JsonlRecordReader {
  private readonly maxRecordBytes: number;
  private readonly line = new ByteBuffer();
  private offset: number;
  private lineNumber: number;
  private oversized = false;

  constructor(options: JsonlReaderOptions = {}) {
    this.maxRecordBytes = options.maxRecordBytes ?? DEFAULT_MAX_RECORD_BYTES;
    this.offset = options.startOffset ?? 0;
    this.lineNumber = options.startLine ?? 1;
  }

  get position(): number {
    return this.offset;
  }

  *push(chunk: Uint8Array): Generator<RawRecord> {
    const base = this.offset;
    let start = 0;
    while (start < chunk.length) {
      const lf = chunk.indexOf(LF, start);
      const end = lf === -1 ? chunk.length : lf;
      this.take(chunk.subarray(start, end));
      if (lf === -1) break;
      const record = this.finishLine(base + lf + 1);
      if (record) yield record;
      start = lf + 1;
    }
    this.offset = base + chunk.length;
  }

  *end(): Generator<RawRecord> {
    const record = this.finishLine(this.offset);
    if (record) yield record;
  }

  private take(bytes: Uint8Array): void {
    if (this.oversized) return;
    if (this.line.length + bytes.length > this.maxRecordBytes) {
      this.oversized = true;
      // Keep only the start, for the report.
      this.line.append(bytes.subarray(0, Math.max(0, RAW_PREVIEW_BYTES - this.line.length)));
      return;
    }
    this.line.append(bytes);
  }

  private finishLine(endOffset: number): RawRecord | undefined {
    const lineNumber = this.lineNumber++;
    let length = this.line.length;
    if (length > 0 && this.line.bytes[length - 1] === CR) length--;
    const bytes = this.line.view(0, length);
    try {
      return this.toRecord(bytes, lineNumber, endOffset, this.lineNumber);
    } finally {
      this.line.reset();
      this.oversized = false;
    }
  }

  private toRecord(bytes: Uint8Array, line: number, endOffset: number, nextLine: number): RawRecord | undefined {
    const raw = rawPreview(bytes.subarray(0, RAW_PREVIEW_BYTES));
    if (this.oversized) return { line, nextLine, endOffset, raw, error: { reason: 'record-too-large', detail: `line is larger than ${this.maxRecordBytes} bytes` } };
    let text: string;
    try {
      text = strictUtf8.decode(bytes);
    } catch {
      return { line, nextLine, endOffset, raw, error: { reason: 'invalid-utf8', detail: 'line is not valid UTF-8 (save the file as UTF-8)' } };
    }
    if (text.trim() === '') return undefined;
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (error) {
      return { line, nextLine, endOffset, raw, error: { reason: 'invalid-json', detail: `malformed JSON: ${(error as Error).message}` } };
    }
    if (value === null || typeof value !== 'object' || Array.isArray(value)) {
      return { line, nextLine, endOffset, raw, error: { reason: 'not-an-object', detail: `expected a JSON object, found ${Array.isArray(value) ? 'an array' : value === null ? 'null' : typeof value}` } };
    }
    return { line, nextLine, endOffset, raw, object: value as Record<string, unknown> };
  }
}
