// Shared shapes of the byte-level readers: a record is cut from the byte stream first and decoded
// afterwards, so a broken UTF-8 sequence rejects one row instead of corrupting the rest of the file.

/** Why a row was not imported; stable codes, counted in the summary. */
export type RejectReason =
  | 'invalid-utf8'
  | 'invalid-json'
  | 'not-an-object'
  | 'column-count'
  | 'unclosed-quote'
  | 'malformed-quote'
  | 'record-too-large'
  | 'empty-text'
  | 'control-characters'
  | 'missing-date'
  | 'invalid-date';

export interface RecordError {
  reason: RejectReason;
  detail: string;
}

/** One record as cut from the file, before mapping. */
export interface RawRecord {
  /** 1-based physical line where the record starts. */
  line: number;
  /** Physical line where the next record starts (for a resume). */
  nextLine: number;
  /** Absolute byte offset just past the record's terminator: where a resume starts reading. */
  endOffset: number;
  /** The record as written (first RAW_PREVIEW_CHARS characters), for the rejected-rows report. */
  raw: string;
  /** CSV fields, when the record could be read. */
  fields?: string[];
  /** The JSONL object, when the line could be read. */
  object?: Record<string, unknown>;
  error?: RecordError;
}

export const RAW_PREVIEW_CHARS = 200;
/** Enough bytes for RAW_PREVIEW_CHARS characters of up to 4 UTF-8 bytes each. */
export const RAW_PREVIEW_BYTES = RAW_PREVIEW_CHARS * 4;
/** A record larger than this is rejected: it keeps memory bounded when a quote is never closed. */
export const DEFAULT_MAX_RECORD_BYTES = 1024 * 1024;

export const strictUtf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
const lenientUtf8 = new TextDecoder('utf-8', { ignoreBOM: true });

/** Decodes the captured raw prefix for a report, replacing broken sequences instead of failing. */
export function rawPreview(bytes: Uint8Array): string {
  return lenientUtf8.decode(bytes).slice(0, RAW_PREVIEW_CHARS);
}

/** A growable byte buffer reused across records, so a 1 GB file allocates only per record size. */
export class ByteBuffer {
  bytes: Uint8Array;
  length = 0;

  constructor(initial = 4096) {
    this.bytes = new Uint8Array(initial);
  }

  push(byte: number): void {
    if (this.length === this.bytes.length) this.grow(this.length + 1);
    this.bytes[this.length++] = byte;
  }

  append(chunk: Uint8Array): void {
    if (this.length + chunk.length > this.bytes.length) this.grow(this.length + chunk.length);
    this.bytes.set(chunk, this.length);
    this.length += chunk.length;
  }

  view(start = 0, end = this.length): Uint8Array {
    return this.bytes.subarray(start, end);
  }

  reset(): void {
    // Give back memory after an unusually large record instead of holding it for the whole file.
    if (this.bytes.length > 1024 * 1024) this.bytes = new Uint8Array(4096);
    this.length = 0;
  }

  private grow(min: number): void {
    let size = this.bytes.length * 2;
    while (size < min) size *= 2;
    const next = new Uint8Array(size);
    next.set(this.bytes.subarray(0, this.length));
    this.bytes = next;
  }
}
