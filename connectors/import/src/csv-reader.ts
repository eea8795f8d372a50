// RFC 4180 records cut at the byte level. Quotes, delimiters and line breaks are ASCII and never
// occur inside a multi-byte UTF-8 sequence, so scanning bytes is safe and gives exact offsets
// for progress and resume.
import { ByteBuffer, DEFAULT_MAX_RECORD_BYTES, RAW_PREVIEW_BYTES, type RawRecord, type RecordError, rawPreview, strictUtf8 } from './records.ts';

const QUOTE = 0x22;
const CR = 0x0d;
const LF = 0x0a;

const FIELD_START = 0;
const UNQUOTED = 1;
const QUOTED = 2;
/** A quote seen inside a quoted field: either an escaped quote or the field's end. */
const QUOTED_QUOTE = 3;

export interface CsvReaderOptions {
  /** Absolute offset of the first byte pushed (non-zero when resuming). */
  startOffset?: number;
  /** Physical line number of the first byte pushed. */
  startLine?: number;
  maxRecordBytes?: number;
}

/** Incremental CSV reader: push chunks, get complete records; memory is bounded by the largest record. */
export class CsvRecordReader {
  private readonly delimiter: number;
  private readonly maxRecordBytes: number;
  private state = FIELD_START;
  private readonly field = new ByteBuffer();
  private readonly fieldEnds: number[] = [];
  private readonly raw = new ByteBuffer(RAW_PREVIEW_BYTES);
  private offset: number;
  private line: number;
  private recordLine: number;
  private hasContent = false;
  private pendingCr = false;
  private oversized = false;
  private problem: RecordError | undefined;

  constructor(delimiter: string, options: CsvReaderOptions = {}) {
    if (delimiter.length !== 1 || delimiter.charCodeAt(0) > 0x7f || delimiter === '"') throw new Error(`Unsupported CSV delimiter ${JSON.stringify(delimiter)}`);
    this.delimiter = delimiter.charCodeAt(0);
    this.maxRecordBytes = options.maxRecordBytes ?? DEFAULT_MAX_RECORD_BYTES;
    this.offset = options.startOffset ?? 0;
    this.line = options.startLine ?? 1;
    this.recordLine = this.line;
  }

  /** Bytes consumed so far, as an absolute file offset. */
  get position(): number {
    return this.offset;
  }

  *push(chunk: Uint8Array): Generator<RawRecord> {
    const base = this.offset;
    for (let i = 0; i < chunk.length; i++) {
      const b = chunk[i]!;
      if (this.pendingCr) {
        // The CR ended the previous chunk: the record ends after its LF, if one follows.
        this.pendingCr = false;
        const record = this.finishRecord(b === LF ? base + i + 1 : base + i);
        if (record) yield record;
        if (b === LF) continue;
      }
      if (!this.hasContent) {
        this.hasContent = true;
        this.recordLine = this.line;
      }
      const state = this.state;
      if (state === QUOTED) {
        if (b === QUOTE) {
          this.captureRaw(b);
          this.state = QUOTED_QUOTE;
        } else {
          if (b === LF) {
            this.line++;
            // An unclosed quote would otherwise swallow the rest of the file: give up at the limit.
            if (this.oversized) {
              yield this.finishRecord(base + i + 1, { reason: 'record-too-large', detail: `record is larger than ${this.maxRecordBytes} bytes (often an unclosed quote)` });
              this.state = FIELD_START;
              continue;
            }
          }
          this.take(b);
        }
        continue;
      }
      if (state === QUOTED_QUOTE && b === QUOTE) {
        this.take(QUOTE);
        this.state = QUOTED;
        continue;
      }
      if (b === this.delimiter) {
        this.endField();
        this.state = FIELD_START;
        continue;
      }
      if (b === CR || b === LF) {
        this.line++;
        let end = base + i + 1;
        if (b === CR) {
          if (i + 1 === chunk.length) {
            this.pendingCr = true;
            continue;
          }
          if (chunk[i + 1] === LF) {
            i++;
            end++;
          }
        }
        const record = this.finishRecord(end);
        if (record) yield record;
        continue;
      }
      if (state === FIELD_START && b === QUOTE) {
        this.captureRaw(b);
        this.state = QUOTED;
        continue;
      }
      if (state === QUOTED_QUOTE) this.problem ??= { reason: 'malformed-quote', detail: 'text after the closing quote of a field' };
      // A quote inside an unquoted field is kept literally, as spreadsheets write `5" screen`.
      this.state = UNQUOTED;
      this.take(b);
    }
    this.offset = base + chunk.length;
  }

  /** Flushes a last record that has no line break after it. */
  *end(): Generator<RawRecord> {
    if (this.pendingCr) {
      this.pendingCr = false;
      const record = this.finishRecord(this.offset);
      if (record) yield record;
    }
    if (!this.hasContent) return;
    if (this.state === QUOTED) this.problem ??= { reason: 'unclosed-quote', detail: 'the file ends inside a quoted field' };
    const record = this.finishRecord(this.offset);
    if (record) yield record;
  }

  private take(b: number): void {
    this.captureRaw(b);
    if (this.field.length >= this.maxRecordBytes) {
      this.oversized = true;
      return;
    }
    this.field.push(b);
  }

  private captureRaw(b: number): void {
    if (this.raw.length < RAW_PREVIEW_BYTES) this.raw.push(b);
  }

  private endField(): void {
    this.captureRaw(this.delimiter);
    this.fieldEnds.push(this.field.length);
  }

  private finishRecord(endOffset: number): RawRecord | undefined;
  private finishRecord(endOffset: number, forced: RecordError): RawRecord;
  private finishRecord(endOffset: number, forced?: RecordError): RawRecord | undefined {
    const blank = this.field.length === 0 && this.fieldEnds.length === 0 && this.state === FIELD_START && !forced;
    this.fieldEnds.push(this.field.length);
    let record: RawRecord | undefined;
    if (!blank) {
      const error = forced ?? (this.oversized ? { reason: 'record-too-large' as const, detail: `record is larger than ${this.maxRecordBytes} bytes` } : this.problem);
      record = { line: this.recordLine, nextLine: this.line, endOffset, raw: rawPreview(this.raw.view()) };
      if (error) record.error = error;
      else this.decodeFields(record);
    }
    this.field.reset();
    this.raw.reset();
    this.fieldEnds.length = 0;
    this.state = FIELD_START;
    this.hasContent = false;
    this.oversized = false;
    this.problem = undefined;
    return record;
  }

  private decodeFields(record: RawRecord): void {
    const fields: string[] = [];
    let start = 0;
    for (let f = 0; f < this.fieldEnds.length; f++) {
      const end = this.fieldEnds[f]!;
      try {
        fields.push(strictUtf8.decode(this.field.view(start, end)));
      } catch {
        record.error = { reason: 'invalid-utf8', detail: `field ${f + 1} is not valid UTF-8 (save the file as UTF-8)` };
        return;
      }
      start = end;
    }
    record.fields = fields;
  }
}

export const DELIMITER_CANDIDATES = [',', ';', '\t', '|'] as const;

/**
 * Picks the delimiter that splits the first records into the same number (>1) of fields most
 * consistently; ties go to the earlier candidate. Parsing is quote-aware, so `"a,b";c` reads as `;`.
 *
 * @example
 * sniffDelimiter(new TextEncoder().encode('id;isi\n1;"halo, dunia"\n')) // ';'
 */
export function sniffDelimiter(head: Uint8Array, maxRecords = 10): string {
  let best: string = ',';
  let bestScore = -1;
  for (const candidate of DELIMITER_CANDIDATES) {
    const reader = new CsvRecordReader(candidate, { maxRecordBytes: 64 * 1024 });
    const counts: number[] = [];
    for (const record of reader.push(head)) {
      counts.push(record.fields?.length ?? 0);
      if (counts.length >= maxRecords) break;
    }
    if (counts.length === 0) for (const record of reader.end()) counts.push(record.fields?.length ?? 0);
    const first = counts[0] ?? 0;
    if (first < 2) continue;
    const consistent = counts.filter((c) => c === first).length;
    // Consistency across records matters most; the field count only breaks near-ties.
    const score = (consistent / counts.length) * 1000 + Math.min(first, 999) / 1000;
    if (score > bestScore) {
      bestScore = score;
      best = candidate;
    }
  }
  return best;
}
