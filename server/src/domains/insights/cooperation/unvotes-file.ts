// Reads the three files of Voeten's UN General Assembly voting data (roll calls, issues, votes),
// plain or gzip, streamed, and checks every line before anything is stored: a bad line stops the
// import with its number, so a half-read file never lands.
import { createGunzip } from 'node:zlib';
import { classifyVote, csvLineRecords, UN_ISSUES, VOTE_CODE } from '@diplodesk/analysis';
import type { UnVotesPart } from '@diplodesk/contracts';
import { AppError } from '../../../platform/errors/app-error.ts';

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
async function* textOf(body: AsyncIterable<Uint8Array>): AsyncGenerator<string> {
  const iterator = body[Symbol.asyncIterator]();
  const first = await iterator.next();
  if (first.done) return;
  async function* rest(): AsyncGenerator<Uint8Array> {
    yield first.value;
    for (let next = await iterator.next(); !next.done; next = await iterator.next()) yield next.value;
  }
  const isGzip = first.value[0] === 0x1f && first.value[1] === 0x8b;
  const bytes: AsyncIterable<Uint8Array> = isGzip ? gunzip(rest()) : rest();
  const decoder = new TextDecoder('utf-8', { fatal: false });
  for await (const chunk of bytes) yield decoder.decode(chunk, { stream: true });
  const tail = decoder.decode();
  if (tail) yield tail;
}

async function* gunzip(source: AsyncIterable<Uint8Array>): AsyncGenerator<Uint8Array> {
  const stream = createGunzip();
  const feed = (async () => {
    try {
      for await (const chunk of source) if (!stream.write(chunk)) await new Promise((resolve) => stream.once('drain', resolve));
      stream.end();
    } catch (err) {
      stream.destroy(err as Error);
    }
  })();
  try {
    for await (const chunk of stream) yield chunk as Uint8Array;
  } catch {
    throw new AppError('insights-unvotes.invalid-file', 'The file starts like gzip but could not be decompressed (cut short or damaged).', { line: 0 });
  }
  await feed;
}

const isMissing = (v: string | undefined) => v === undefined || v.trim() === '' || v.trim() === 'NA';
const intOf = (v: string) => (/^\s*-?\d+\s*$/.test(v) ? Number(v) : Number.NaN);

type Header = { names: string[]; index: (name: string) => number };

/** Reads records with the header mapped to lower-case names; the header's line is 1 in a well-formed file. */
async function* records(part: UnVotesPart, body: AsyncIterable<Uint8Array>): AsyncGenerator<{ header: Header; fields: string[]; line: number }> {
  let header: Header | undefined;
  try {
    for await (const record of csvLineRecords(textOf(body), { maxFieldLength })) {
      if (!header) {
        const names = record.fields.map((f) => f.trim().replace(/^\uFEFF/, '').toLowerCase());
        header = { names, index: (name) => names.indexOf(name) };
        continue;
      }
      yield { header, fields: record.fields, line: record.line };
    }
  } catch (err) {
    if (err instanceof RangeError) throw new AppError('insights-unvotes.invalid-file', `The ${part} file: ${err.message}.`, { part, line: 0 });
    throw err;
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

async function readRollCalls(body: AsyncIterable<Uint8Array>): Promise<RollCallRow[]> {
  const part = 'roll-calls';
  const rows: RollCallRow[] = [];
  let cols: number[] | undefined;
  for await (const { header, fields, line } of records(part, body)) {
    cols ??= requireColumns(part, header, ['rcid', 'session']);
    const [rcidAt, sessionAt] = cols as [number, number];
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

async function readIssues(body: AsyncIterable<Uint8Array>): Promise<IssueRow[]> {
  const part = 'issues';
  const rows: IssueRow[] = [];
  let cols: number[] | undefined;
  for await (const { header, fields, line } of records(part, body)) {
    cols ??= requireColumns(part, header, ['rcid', 'short_name']);
    const [rcidAt, codeAt] = cols as [number, number];
    const rcid = intOf(fields[rcidAt] ?? '');
    if (!(rcid > 0)) throw problem(part, line, 'rcid must be a positive whole number.', 'rcid', fields[rcidAt]);
    const issue = (fields[codeAt] ?? '').trim().toLowerCase();
    if (!(UN_ISSUES as readonly string[]).includes(issue)) throw problem(part, line, `the issue code must be one of ${UN_ISSUES.join(', ')}.`, 'short_name', fields[codeAt]);
    rows.push({ rcid, issue });
  }
  return rows;
}

async function readVotes(body: AsyncIterable<Uint8Array>): Promise<VoteRows> {
  const part = 'votes';
  const out: VoteRows = { rcids: [], countries: [], votes: [], names: new Map(), skipped: 0 };
  let cols: { rcid: number; vote: number; code: number; name: number } | undefined;
  for await (const { header, fields, line } of records(part, body)) {
    if (!cols) {
      const [rcid, vote] = requireColumns(part, header, ['rcid', 'vote']) as [number, number];
      const code = ['country_code', 'iso2', 'iso'].map((n) => header.index(n)).find((i) => i >= 0) ?? -1;
      const name = ['country', 'countryname', 'country_name'].map((n) => header.index(n)).find((i) => i >= 0) ?? -1;
      if (code < 0 && name < 0) throw problem(part, 1, `the header has no column country or country_code (it has: ${header.names.join(', ')}).`);
      cols = { rcid, vote, code, name };
    }
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
export async function readUnVotesPart(part: UnVotesPart, body: AsyncIterable<Uint8Array>): Promise<ParsedPart> {
  if (part === 'roll-calls') return { part, rows: await readRollCalls(body) };
  if (part === 'issues') return { part, rows: await readIssues(body) };
  return { part, rows: await readVotes(body) };
}
