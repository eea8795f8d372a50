// Reads the three files of Voeten's UN General Assembly voting data (roll calls, issues, votes),
// plain or gzip, streamed, and checks every line before anything is stored: a bad line stops the
// import with its number, so a half-read file never lands.
import { pipeline, Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';
import { classifyVote, csvLineRecords, UN_ISSUES, VOTE_CODE } from '@diplodesk/analysis';
import type { UnVotesPart } from '@diplodesk/contracts';
import { AppError } from '../../../../platform/errors/app-error.ts';

export type RollCallRow = {
  rcid: number;
  session: number;
  date: string | null;
  important: boolean;
  amendment: boolean | null;
  paragraph: boolean | null;
  resolution: string | null;
  short: string | null;
  description: string | null;
};
export type IssueRow = { rcid: number; issue: string };
/** Votes as parallel arrays: 870,000 rows as objects would cost ten times the memory. */
export type VoteRows = { rcids: number[]; countries: string[]; votes: number[]; names: Map<string, string>; skipped: number };

export type ParsedPart =
  | { part: 'roll-calls'; rows: RollCallRow[] }
  | { part: 'issues'; rows: IssueRow[] }
  | { part: 'votes'; rows: VoteRows };

const maxFieldLength = 100_000;

function problem(part: UnVotesPart, line: number, message: string, column?: string, value?: string): AppError {
  const shown = value === undefined ? undefined : value.length > 80 ? `${value.slice(0, 80)}…` : value;
  return new AppError('insights-unvotes.invalid-file', `Line ${line} of the ${part} file: ${message}`, {
    part,
    line,
    ...(column ? { column } : {}),
    ...(shown === undefined ? {} : { value: shown }),
  });
}

/** Bytes → text, gunzipped when the first bytes are gzip's magic number. */
async function* textOf(part: UnVotesPart, body: AsyncIterable<Uint8Array>): AsyncGenerator<string> {
  const iterator = body[Symbol.asyncIterator]();
  const first = await iterator.next();
  if (first.done) return;
  async function* rest(): AsyncGenerator<Uint8Array> {
    try {
      yield first.value;
      for (let next = await iterator.next(); !next.done; next = await iterator.next()) yield next.value;
    } finally {
      // Stopping early (only the header was wanted) closes the file behind.
      await iterator.return?.();
    }
  }
  const isGzip = first.value[0] === 0x1f && first.value[1] === 0x8b;
  const bytes: AsyncIterable<Uint8Array> = isGzip ? gunzip(part, rest()) : rest();
  const decoder = new TextDecoder('utf-8', { fatal: false });
  for await (const chunk of bytes) yield decoder.decode(chunk, { stream: true });
  const tail = decoder.decode();
  if (tail) yield tail;
}

async function* gunzip(part: UnVotesPart, source: AsyncIterable<Uint8Array>): AsyncGenerator<Uint8Array> {
  const input = Readable.from(source, { objectMode: false });
  const unzip = createGunzip();
  let sourceError: unknown;
  input.once('error', (error) => {
    sourceError = error;
  });
  // pipeline destroys both ends when either fails or the reader stops early.
  pipeline(input, unzip, () => undefined);
  try {
    for await (const chunk of unzip) yield chunk as Uint8Array;
  } catch {
    // The file could not be read (removed, a disk error): that is not the file's fault.
    if (sourceError) throw sourceError;
    throw new AppError('insights-unvotes.invalid-file', 'The file starts like gzip but could not be decompressed (cut short or damaged).', { part, line: 0 });
  } finally {
    input.destroy();
  }
}

const isMissing = (v: string | undefined) => v === undefined || v.trim() === '' || v.trim() === 'NA';
const intOf = (v: string) => (/^\s*-?\d+\s*$/.test(v) ? Number(v) : Number.NaN);

type Header = { names: string[]; index: (name: string) => number };

/** Called with each line number as it is read, for progress. */
export type ReadOptions = { onLine?: (line: number) => void };

const headerOf = (fields: string[]): Header => {
  const names = fields.map((f) => f.trim().replace(/^\uFEFF/, '').toLowerCase());
  return { names, index: (name) => names.indexOf(name) };
};

/** The CSV reader's RangeError (a field past its length limit) is the file's fault. */
const asFileProblem = (part: UnVotesPart, err: unknown): unknown =>
  err instanceof RangeError ? new AppError('insights-unvotes.invalid-file', `The ${part} file: ${err.message}.`, { part, line: 0 }) : err;

/** Reads records with the header mapped to lower-case names; the header's line is 1 in a well-formed file. */
async function* records(part: UnVotesPart, body: AsyncIterable<Uint8Array>, opts: ReadOptions = {}): AsyncGenerator<{ header: Header; fields: string[]; line: number }> {
  let header: Header | undefined;
  try {
    for await (const record of csvLineRecords(textOf(part, body), { maxFieldLength })) {
      opts.onLine?.(record.line);
      if (!header) {
        header = headerOf(record.fields);
        continue;
      }
      yield { header, fields: record.fields, line: record.line };
    }
  } catch (err) {
    throw asFileProblem(part, err);
  }
  if (!header) throw problem(part, 1, 'the file is empty (a header line is expected).');
}

function requireColumns(part: UnVotesPart, header: Header, needed: readonly (string | readonly string[])[]): number[] {
  return needed.map((n) => {
    const options = typeof n === 'string' ? [n] : n;
    const at = options.map((o) => header.index(o)).find((i) => i >= 0);
    if (at === undefined) throw problem(part, 1, `the header has no column ${options.join(' or ')} (it has: ${header.names.join(', ')}).`);
    return at;
  });
}

const flag = (v: string | undefined): boolean | null => (isMissing(v) ? null : v!.trim() === '1' || v!.trim().toLowerCase() === 'true');

const rollCallColumns = (header: Header) => requireColumns('roll-calls', header, ['rcid', 'session']) as [number, number];
const issueColumns = (header: Header) => requireColumns('issues', header, ['rcid', 'short_name']) as [number, number];

function voteColumns(header: Header): { rcid: number; vote: number; code: number; name: number } {
  const [rcid, vote] = requireColumns('votes', header, ['rcid', 'vote']) as [number, number];
  const code = ['country_code', 'iso2', 'iso'].map((n) => header.index(n)).find((i) => i >= 0) ?? -1;
  const name = ['country', 'countryname', 'country_name'].map((n) => header.index(n)).find((i) => i >= 0) ?? -1;
  if (code < 0 && name < 0) throw problem('votes', 1, `the header has no column country or country_code (it has: ${header.names.join(', ')}).`);
  return { rcid, vote, code, name };
}

async function readRollCalls(body: AsyncIterable<Uint8Array>, opts: ReadOptions): Promise<RollCallRow[]> {
  const part = 'roll-calls';
  const rows: RollCallRow[] = [];
  let cols: [number, number] | undefined;
  for await (const { header, fields, line } of records(part, body, opts)) {
    cols ??= rollCallColumns(header);
    const [rcidAt, sessionAt] = cols;
    const get = (name: string) => {
      const i = header.index(name);
      return i >= 0 ? fields[i] : undefined;
    };
    const rcid = intOf(fields[rcidAt] ?? '');
    if (!(rcid > 0)) throw problem(part, line, 'rcid must be a positive whole number.', 'rcid', fields[rcidAt]);
    const session = intOf(fields[sessionAt] ?? '');
    if (!(session > 0)) throw problem(part, line, 'session must be a positive whole number.', 'session', fields[sessionAt]);
    const rawDate = get('date');
    const date = isMissing(rawDate) ? null : rawDate!.trim();
    if (date !== null && (!/^\d{4}-\d{2}-\d{2}$/.test(date) || Number.isNaN(Date.parse(date)))) throw problem(part, line, 'date must be a day as YYYY-MM-DD.', 'date', rawDate);
    const text = (name: string) => {
      const v = get(name);
      return isMissing(v) ? null : v!.trim().slice(0, 10_000);
    };
    rows.push({ rcid, session, date, important: flag(get('importantvote')) ?? false, amendment: flag(get('amend')), paragraph: flag(get('para')), resolution: text('unres'), short: text('short'), description: text('descr') });
  }
  return rows;
}

async function readIssues(body: AsyncIterable<Uint8Array>, opts: ReadOptions): Promise<IssueRow[]> {
  const part = 'issues';
  const rows: IssueRow[] = [];
  let cols: [number, number] | undefined;
  for await (const { header, fields, line } of records(part, body, opts)) {
    cols ??= issueColumns(header);
    const [rcidAt, codeAt] = cols;
    const rcid = intOf(fields[rcidAt] ?? '');
    if (!(rcid > 0)) throw problem(part, line, 'rcid must be a positive whole number.', 'rcid', fields[rcidAt]);
    const issue = (fields[codeAt] ?? '').trim().toLowerCase();
    if (!(UN_ISSUES as readonly string[]).includes(issue)) throw problem(part, line, `the issue code must be one of ${UN_ISSUES.join(', ')}.`, 'short_name', fields[codeAt]);
    rows.push({ rcid, issue });
  }
  return rows;
}

async function readVotes(body: AsyncIterable<Uint8Array>, opts: ReadOptions): Promise<VoteRows> {
  const part = 'votes';
  const out: VoteRows = { rcids: [], countries: [], votes: [], names: new Map(), skipped: 0 };
  let cols: ReturnType<typeof voteColumns> | undefined;
  for await (const { header, fields, line } of records(part, body, opts)) {
    cols ??= voteColumns(header);
    const rcid = intOf(fields[cols.rcid] ?? '');
    if (!(rcid > 0)) throw problem(part, line, 'rcid must be a positive whole number.', 'rcid', fields[cols.rcid]);
    const vote = classifyVote(fields[cols.vote] ?? '');
    if (vote === undefined) throw problem(part, line, 'vote must be yes, no or abstain (or Voeten’s codes 1, 3, 2; 8 absent, 9 not a member).', 'vote', fields[cols.vote]);
    const rawCode = cols.code >= 0 ? fields[cols.code] : undefined;
    const rawName = cols.name >= 0 ? fields[cols.name] : undefined;
    let country: string;
    if (!isMissing(rawCode)) {
      country = rawCode!.trim().toUpperCase();
      if (!/^[A-Z]{2}$/.test(country)) throw problem(part, line, 'country_code must be an ISO 3166-1 alpha-2 code such as ID or US.', 'country_code', rawCode);
    } else if (!isMissing(rawName)) {
      const name = rawName!.trim();
      country = /^[A-Za-z]{2}$/.test(name) ? name.toUpperCase() : name.slice(0, 200);
    } else {
      throw problem(part, line, 'the row names no country.', cols.code >= 0 ? 'country_code' : 'country', '');
    }
    if (vote === 'absent' || vote === 'not-member') {
      out.skipped++;
      continue;
    }
    if (!isMissing(rawName) && !out.names.has(country)) out.names.set(country, rawName!.trim().slice(0, 200));
    out.rcids.push(rcid);
    out.countries.push(country);
    out.votes.push(VOTE_CODE[vote]);
  }
  return out;
}

/**
 * Reads and checks one part of an import, whole, before anything is written.
 *
 * @example const parsed = await readUnVotesPart('votes', fs.createReadStream('un_votes.csv.gz'))
 */
export async function readUnVotesPart(part: UnVotesPart, body: AsyncIterable<Uint8Array>, opts: ReadOptions = {}): Promise<ParsedPart> {
  if (part === 'roll-calls') return { part, rows: await readRollCalls(body, opts) };
  if (part === 'issues') return { part, rows: await readIssues(body, opts) };
  return { part, rows: await readVotes(body, opts) };
}

const columnsOf: Record<UnVotesPart, (header: Header) => unknown> = { 'roll-calls': rollCallColumns, issues: issueColumns, votes: voteColumns };

/**
 * Checks only the header line (the columns the part needs), so an upload of the wrong file is
 * refused at once; the lines are checked by the import.
 */
export async function checkUnVotesHeader(part: UnVotesPart, body: AsyncIterable<Uint8Array>): Promise<void> {
  for await (const { header } of headerOnly(part, body)) {
    columnsOf[part](header);
    return;
  }
  throw problem(part, 1, 'the file is empty (a header line is expected).');
}

async function* headerOnly(part: UnVotesPart, body: AsyncIterable<Uint8Array>): AsyncGenerator<{ header: Header }> {
  try {
    for await (const record of csvLineRecords(textOf(part, body), { maxFieldLength })) {
      yield { header: headerOf(record.fields) };
      return;
    }
  } catch (err) {
    throw asFileProblem(part, err);
  }
}
