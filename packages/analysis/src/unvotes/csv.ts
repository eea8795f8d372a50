// A CSV reader that takes text in chunks, so an 870,000-row file never has to be one string.

/**
 * Splits RFC 4180 CSV arriving in chunks into records (quoted fields may hold commas, doubled
 * quotes and line breaks; CRLF and LF both end a record). `push` returns the records a chunk
 * completed, `end` the last one.
 *
 * @example const reader = createCsvReader(); reader.push('a,b\n1,'); reader.push('2\n'); // [['a','b']], then [['1','2']]
 */
export function createCsvReader(options: { maxFieldLength?: number } = {}): { push(chunk: string): string[][]; end(): string[][] } {
  const reader = createCsvLineReader(options);
  return { push: (chunk) => reader.push(chunk).map((r) => r.fields), end: () => reader.end().map((r) => r.fields) };
}

/** A record and the line of the text it starts on (1-based; a quoted field may span lines). */
export type CsvRecord = { fields: string[]; line: number };

/** `createCsvReader` that also tells each record's line, for error messages about a file. */
export function createCsvLineReader(options: { maxFieldLength?: number } = {}): { push(chunk: string): CsvRecord[]; end(): CsvRecord[] } {
  // An unclosed quote would otherwise swallow the rest of an uploaded file into one field.
  const maxFieldLength = options.maxFieldLength ?? 1_000_000;
  let field = '';
  let row: string[] = [];
  let quoted = false;
  /** A quote seen inside a quoted field: either the closing quote or the first of a doubled pair. */
  let pendingQuote = false;
  let afterCr = false;
  let line = 1;
  let recordLine = 1;
  const finish = (out: CsvRecord[]) => {
    row.push(field);
    field = '';
    if (row.length > 1 || row[0] !== '') out.push({ fields: row, line: recordLine });
    row = [];
    recordLine = line;
  };
  return {
    push(chunk) {
      const out: CsvRecord[] = [];
      for (const ch of chunk) {
        if (afterCr) {
          afterCr = false;
          if (ch === '\n') continue;
        }
        if (ch === '\n' || ch === '\r') line++;
        if (pendingQuote) {
          pendingQuote = false;
          if (ch === '"') {
            field += '"';
            continue;
          }
          quoted = false;
        }
        if (field.length >= maxFieldLength) throw new RangeError(`CSV field longer than ${maxFieldLength} characters from line ${recordLine} (an unclosed quote?)`);
        if (quoted) {
          if (ch === '"') pendingQuote = true;
          else field += ch;
        } else if (ch === '"') quoted = true;
        else if (ch === ',') {
          row.push(field);
          field = '';
        } else if (ch === '\n' || ch === '\r') {
          afterCr = ch === '\r';
          finish(out);
        } else field += ch;
      }
      return out;
    },
    end() {
      const out: CsvRecord[] = [];
      if (field !== '' || row.length > 0) finish(out);
      return out;
    },
  };
}

/** Records of CSV text given whole or in chunks (sync or async), header row included. */
export async function* csvRecords(source: string | Iterable<string> | AsyncIterable<string>): AsyncGenerator<string[]> {
  for await (const record of csvLineRecords(source)) yield record.fields;
}

/** Records with the line each starts on, header row included. */
export async function* csvLineRecords(source: string | Iterable<string> | AsyncIterable<string>, options: { maxFieldLength?: number } = {}): AsyncGenerator<CsvRecord> {
  const reader = createCsvLineReader(options);
  const chunks = typeof source === 'string' ? [source] : source;
  for await (const chunk of chunks) yield* reader.push(chunk);
  yield* reader.end();
}

/** Records as objects keyed by the header row's names. */
export async function* csvObjects(source: string | Iterable<string> | AsyncIterable<string>): AsyncGenerator<Record<string, string>> {
  let header: string[] | undefined;
  for await (const record of csvRecords(source)) {
    if (!header) header = record.map((h) => h.trim());
    else yield Object.fromEntries(header.map((h, i) => [h, record[i] ?? '']));
  }
}
