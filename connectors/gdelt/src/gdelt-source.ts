// The GDELT 2.0 ingest source. `live` follows lastupdate.txt and reads each 15-minute Events export
// once; `file` imports a local export file or a folder of them. Every event becomes one item.
import { createHash } from 'node:crypto';
import { readdir, readFile, realpath, stat } from 'node:fs/promises';
import { basename, dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { ConnectorError, type Credentials, type IngestBatch, type IngestItem, type IngestSource, type OutboundHttp, type SourceHealth } from '@diplodesk/connector-sdk';
import { describeEvent } from './describe-event.ts';
import { type GdeltEvent, parseEventsExport } from './events-export.ts';
import { type GkgTone, parseGkg, toneByDocument } from './gkg.ts';
import { readSingleFileZip, ZipError } from './zip.ts';

export const DEFAULT_GDELT_BASE_URL = 'http://data.gdeltproject.org/gdeltv2';
const BATCH_MS = 15 * 60_000;

/** A parsed event as carried in `IngestItem.raw`, with the GKG tone of its source document when known. */
export interface GdeltEventItem extends GdeltEvent {
  documentTone?: GkgTone;
  /** The export file the event came from. */
  file: string;
}

/** What the last processed file held, for health and the import report. */
export interface GdeltFileReport {
  file: string;
  events: number;
  rejected: { line: number; reason: string }[];
  error?: string;
}

export interface GdeltSource extends IngestSource {
  /** Reports of the files processed by this instance, oldest first (the last 50). */
  reports(): GdeltFileReport[];
}

interface LastUpdateEntry {
  size: number | null;
  md5: string | null;
  url: string;
  name: string;
  timestamp: string;
  kind: 'export' | 'mentions' | 'gkg' | 'other';
}

/**
 * Parses lastupdate.txt: one `size md5 url` line per file of the latest batch.
 *
 * @example
 * parseLastUpdate('150383 297a16b4… http://…/20150218230000.export.CSV.zip')[0]?.kind // 'export'
 */
export function parseLastUpdate(text: string): LastUpdateEntry[] {
  const entries: LastUpdateEntry[] = [];
  for (const line of text.split('\n')) {
    const parts = line.trim().split(/\s+/);
    const url = parts.at(-1);
    if (!url || !/\.zip$/i.test(url)) continue;
    const name = basename(new URL(url, 'http://x.invalid/').pathname);
    const size = parts.length >= 3 && /^\d+$/.test(parts[0] ?? '') ? Number(parts[0]) : null;
    const md5 = parts.length >= 3 && /^[0-9a-f]{32}$/i.test(parts[1] ?? '') ? (parts[1] ?? '').toLowerCase() : null;
    entries.push({ size, md5, url, name, timestamp: fileTimestamp(name) ?? '', kind: fileKind(name) });
  }
  return entries;
}

function fileTimestamp(name: string): string | null {
  return /^(\d{14})\./.exec(name)?.[1] ?? null;
}

function fileKind(name: string): LastUpdateEntry['kind'] {
  if (/\.export\.csv(\.zip)?$/i.test(name)) return 'export';
  if (/\.mentions\.csv(\.zip)?$/i.test(name)) return 'mentions';
  if (/\.gkg\.csv(\.zip)?$/i.test(name)) return 'gkg';
  return 'other';
}

/** YYYYMMDDHHMMSS ± n batches of 15 minutes. */
function shiftTimestamp(ts: string, batches: number): string {
  const ms = Date.UTC(Number(ts.slice(0, 4)), Number(ts.slice(4, 6)) - 1, Number(ts.slice(6, 8)), Number(ts.slice(8, 10)), Number(ts.slice(10, 12)), Number(ts.slice(12, 14)));
  return new Date(ms + batches * BATCH_MS).toISOString().replace(/[-:T]/g, '').slice(0, 14);
}

function timestampAgeMs(ts: string, now: number): number {
  return now - Date.parse(`${ts.slice(0, 4)}-${ts.slice(4, 6)}-${ts.slice(6, 8)}T${ts.slice(8, 10)}:${ts.slice(10, 12)}:${ts.slice(12, 14)}Z`);
}

function toItem(event: GdeltEvent, file: string, tones: Map<string, { tone: GkgTone | null }> | null): IngestItem {
  const documentTone = event.sourceUrl ? tones?.get(event.sourceUrl)?.tone : undefined;
  const raw: GdeltEventItem = { ...event, file, ...(documentTone ? { documentTone } : {}) };
  return { remoteId: event.globalEventId, ...(event.sourceUrl ? { url: event.sourceUrl } : {}), text: describeEvent(event), publishedAt: event.dateAdded, raw };
}

function decode(name: string, bytes: Buffer): string {
  const data = /\.zip$/i.test(name) ? readSingleFileZip(bytes).data : bytes;
  // GDELT writes UTF-8; a stray invalid byte becomes U+FFFD instead of failing the whole file.
  return new TextDecoder('utf-8').decode(data);
}

/**
 * Creates the GDELT source. Env: `GDELT_MODE` (`live` | `file`), `GDELT_BASE_URL`, `GDELT_IMPORT_DIR`
 * (the only folder file mode reads; unset = file mode off), `GDELT_PATH` (inside it),
 * `GDELT_WITH_GKG` (`true` to fetch each batch's GKG file and attach document tone),
 * `GDELT_MAX_BACKFILL` (missed batches fetched after a gap, default 8), `GDELT_REQUEST_TIMEOUT_MS`.
 * Credentials are optional; `extra.mode` and `extra.path` override the env per source; a path is
 * taken relative to `GDELT_IMPORT_DIR` and must stay inside it, symbolic links included.
 *
 * @example
 * const source = createGdeltSource({ GDELT_IMPORT_DIR: '/data/gdelt', GDELT_MODE: 'file', GDELT_PATH: '2025-03' }, outbound);
 * const { items, nextCursor } = await source.poll(null, null);
 */
export function createGdeltSource(env: Record<string, string>, outbound: OutboundHttp): GdeltSource {
  const baseUrl = (env.GDELT_BASE_URL || DEFAULT_GDELT_BASE_URL).replace(/\/+$/, '');
  const withGkg = env.GDELT_WITH_GKG === 'true' || env.GDELT_WITH_GKG === '1';
  const maxBackfill = Math.max(0, Number(env.GDELT_MAX_BACKFILL ?? 8) || 0);
  const timeoutMs = Number(env.GDELT_REQUEST_TIMEOUT_MS ?? 60_000) || 60_000;
  const pollIntervalMs = Number(env.GDELT_POLL_INTERVAL_MS ?? 60_000) || 60_000;
  const history: GdeltFileReport[] = [];

  const record = (report: GdeltFileReport) => {
    history.push(report);
    if (history.length > 50) history.shift();
  };
  const modeOf = (credentials: Credentials | null): 'live' | 'file' => {
    const mode = credentials?.extra?.mode ?? env.GDELT_MODE ?? (credentials?.extra?.path ? 'file' : 'live');
    if (mode !== 'live' && mode !== 'file') throw new ConnectorError('rejected', `unknown GDELT mode "${mode}" (live or file)`);
    return mode;
  };
  // A source's path comes from whoever may edit sources, not from the operator: it may name only
  // what lies in the operator's folder. Unset, file mode is off.
  const importDir = env.GDELT_IMPORT_DIR?.trim() ? resolve(env.GDELT_IMPORT_DIR.trim()) : null;
  const pathOf = (credentials: Credentials | null): string => credentials?.extra?.path ?? env.GDELT_PATH ?? '.';

  /** The import folder with its links resolved. */
  async function importRoot(): Promise<string> {
    if (!importDir) throw new ConnectorError('rejected', 'GDELT file mode is off: the operator has not set GDELT_IMPORT_DIR');
    try {
      return await realpath(importDir);
    } catch (error) {
      throw new ConnectorError('rejected', 'GDELT_IMPORT_DIR cannot be read', { cause: error });
    }
  }

  /**
   * The real path of `given` (relative to the import folder, or absolute inside it), or a refusal.
   * Outside, missing and unreadable read the same, so a source cannot probe the server's disk.
   */
  async function confinedPath(given: string): Promise<string> {
    const root = await importRoot();
    const refused = () => new ConnectorError('rejected', `GDELT import path not found in the import folder: ${given}`);
    const lexical = resolve(importDir as string, given);
    // Checked before touching the disk: a path outside is never looked at.
    if (!isInside(importDir as string, lexical) && !isInside(root, lexical)) throw refused();
    let real: string;
    try {
      real = await realpath(lexical);
    } catch {
      throw refused();
    }
    // A symbolic link inside the folder may not lead out of it.
    if (!isInside(root, real)) throw refused();
    return real;
  }

  /** Reads a file named by a folder listing, unless it is (a link to) something outside the folder. */
  async function readInside(dir: string, name: string): Promise<Buffer> {
    const root = await importRoot();
    const real = await realpath(join(dir, name));
    if (!isInside(root, real)) throw new Error('the file links outside the import folder (skipped)');
    return readFile(real);
  }

  async function download(url: string): Promise<Response> {
    let response: Response;
    try {
      response = await outbound.fetch(url, { timeoutMs });
    } catch (error) {
      if (error instanceof ConnectorError) throw error;
      throw new ConnectorError('transient', `GDELT request failed: ${url}`, { cause: error });
    }
    if (response.status === 429) {
      const retryAfter = Number(response.headers.get('retry-after'));
      throw new ConnectorError('rate-limited', `GDELT rate limit on ${url}`, { retryAfterMs: Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter * 1000 : 60_000, platformCode: '429' });
    }
    return response;
  }

  async function fetchText(url: string): Promise<string> {
    const response = await download(url);
    if (!response.ok) throw new ConnectorError('transient', `GDELT answered ${response.status} for ${url}`, { platformCode: String(response.status) });
    return response.text();
  }

  /** Downloads a batch file; null when it does not exist (GDELT skips a batch now and then). */
  async function fetchBatchFile(name: string, expect: { size: number | null; md5: string | null }): Promise<Buffer | null> {
    const url = `${baseUrl}/${name}`;
    const response = await download(url);
    if (response.status === 404) return null;
    if (!response.ok) throw new ConnectorError('transient', `GDELT answered ${response.status} for ${name}`, { platformCode: String(response.status) });
    let bytes: Buffer;
    try {
      bytes = Buffer.from(await response.arrayBuffer());
    } catch (error) {
      throw new ConnectorError('transient', `download of ${name} was cut off`, { cause: error });
    }
    // A size or checksum mismatch is a damaged download, so the same poll may simply be retried.
    if (expect.size !== null && bytes.length !== expect.size) throw new ConnectorError('transient', `${name}: got ${bytes.length} bytes, lastupdate.txt says ${expect.size}`);
    if (expect.md5 !== null) {
      const md5 = createHash('md5').update(bytes).digest('hex');
      if (md5 !== expect.md5) throw new ConnectorError('transient', `${name}: MD5 ${md5} does not match lastupdate.txt (${expect.md5})`);
    }
    return bytes;
  }

  async function pollLive(cursor: string | null): Promise<IngestBatch> {
    const entries = parseLastUpdate(await fetchText(`${baseUrl}/lastupdate.txt`));
    const latest = entries.find((e) => e.kind === 'export' && e.timestamp);
    if (!latest) throw new ConnectorError('transient', 'lastupdate.txt lists no Events export');
    const done = cursor ? fileTimestamp(cursor) : null;
    if (done !== null && latest.timestamp <= done) return { items: [], nextCursor: cursor };

    // After a gap (downtime, slow polling) fetch the missed batches by name, oldest first, up to
    // GDELT_MAX_BACKFILL of them; older ones are given up rather than fetched forever.
    let target = latest;
    if (done !== null && maxBackfill > 0) {
      const oldestWanted = shiftTimestamp(latest.timestamp, -maxBackfill);
      // Timestamps are fixed-width digit strings, so the later one sorts last.
      const from = [done, oldestWanted].sort()[1] ?? done;
      const next = shiftTimestamp(from, 1);
      if (next < latest.timestamp) target = { size: null, md5: null, url: '', name: `${next}.export.CSV.zip`, timestamp: next, kind: 'export' };
    }

    const bytes = await fetchBatchFile(target.name, target);
    if (bytes === null) {
      if (target === latest) throw new ConnectorError('transient', `${target.name} is listed but not yet served`);
      record({ file: target.name, events: 0, rejected: [], error: 'missing on the server (skipped)' });
      return { items: [], nextCursor: target.name, more: target !== latest };
    }
    let text: string;
    try {
      text = decode(target.name, bytes);
    } catch (error) {
      if (error instanceof ZipError) throw new ConnectorError('transient', `${target.name}: ${error.message}`, { cause: error });
      throw error;
    }
    const { events, rejected } = parseEventsExport(text);
    const tones = withGkg ? await liveTones(entries, target.timestamp) : null;
    record({ file: target.name, events: events.length, rejected });
    // A backfill step leaves newer files waiting: the next poll follows at once.
    return { items: events.map((e) => toItem(e, target.name, tones)), nextCursor: target.name, more: target !== latest };
  }

  async function liveTones(entries: LastUpdateEntry[], timestamp: string) {
    const listed = entries.find((e) => e.kind === 'gkg' && e.timestamp === timestamp);
    const name = listed?.name ?? `${timestamp}.gkg.csv.zip`;
    const bytes = await fetchBatchFile(name, listed ?? { size: null, md5: null });
    if (bytes === null) return null;
    return toneByDocument(parseGkg(decode(name, bytes)).records);
  }

  async function listFiles(given: string): Promise<{ dir: string; events: string[]; all: string[] }> {
    const path = await confinedPath(given);
    let info: Awaited<ReturnType<typeof stat>>;
    try {
      info = await stat(path);
    } catch (error) {
      throw new ConnectorError('rejected', `GDELT import path not found in the import folder: ${given}`, { cause: error });
    }
    if (!info.isDirectory()) {
      // A single file still looks beside itself for the GKG file of the same batch.
      const dir = dirname(path);
      return { dir, events: [basename(path)], all: await readdir(dir).catch(() => [basename(path)]) };
    }
    const all = (await readdir(path)).sort();
    const exports = all.filter((n) => fileKind(n) === 'export');
    // A folder of renamed exports (no ".export." in the name) is still accepted.
    const events = exports.length > 0 ? exports : all.filter((n) => /\.(csv|tsv|txt|zip)$/i.test(n) && fileKind(n) === 'other');
    return { dir: path, events, all };
  }

  async function pollFile(credentials: Credentials | null, cursor: string | null): Promise<IngestBatch> {
    const { dir, events: files, all } = await listFiles(pathOf(credentials));
    const done = parseFileCursor(cursor);
    const next = files.find((f) => !done.has(f));
    if (next === undefined) return { items: [], nextCursor: cursor ?? serializeFileCursor(done) };
    done.add(next);
    const nextCursor = serializeFileCursor(done);
    let text: string;
    try {
      text = decode(next, await readInside(dir, next));
    } catch (error) {
      // A damaged file is reported and passed over, or the import would stall on it for good.
      record({ file: next, events: 0, rejected: [], error: (error as Error).message });
      return { items: [], nextCursor, more: files.some((f) => !done.has(f)) };
    }
    const { events, rejected } = parseEventsExport(text);
    const ts = fileTimestamp(next);
    const gkgName = ts ? all.find((n) => n.startsWith(`${ts}.`) && fileKind(n) === 'gkg') : undefined;
    const tones = gkgName ? await readInside(dir, gkgName).then((bytes) => toneByDocument(parseGkg(decode(gkgName, bytes)).records), () => null) : null;
    record({ file: next, events: events.length, rejected });
    return { items: events.map((e) => toItem(e, next, tones)), nextCursor, more: files.some((f) => !done.has(f)) };
  }

  const source: GdeltSource = {
    poll(credentials, cursor) {
      return modeOf(credentials) === 'live' ? pollLive(cursor) : pollFile(credentials, cursor);
    },

    async *stream(credentials, cursor, signal) {
      let current = cursor;
      while (!signal.aborted) {
        const batch = await source.poll(credentials, current);
        current = batch.nextCursor;
        if (batch.items.length > 0) yield batch;
        // Poll again at once while catching up; otherwise wait for the next batch.
        else await sleep(pollIntervalMs, signal);
      }
    },

    async health(credentials) {
      const checkedAt = new Date().toISOString();
      const last = history.at(-1);
      try {
        if (modeOf(credentials) === 'file') {
          const { events } = await listFiles(pathOf(credentials));
          if (last?.error) return { status: 'degraded', detail: `${last.file}: ${last.error}`, checkedAt };
          return { status: 'ok', detail: `${events.length} export file(s) at the path`, checkedAt };
        }
        const latest = parseLastUpdate(await fetchText(`${baseUrl}/lastupdate.txt`)).find((e) => e.kind === 'export');
        if (!latest) return { status: 'degraded', detail: 'lastupdate.txt lists no Events export', checkedAt };
        const ageMin = Math.round(timestampAgeMs(latest.timestamp, Date.now()) / 60_000);
        // GDELT publishes every 15 minutes; over an hour without a new batch means its pipeline stalled.
        if (ageMin > 60) return { status: 'degraded', detail: `latest export ${latest.name} is ${ageMin} min old`, checkedAt };
        return { status: 'ok', detail: `latest export ${latest.name}`, checkedAt } satisfies SourceHealth;
      } catch (error) {
        return { status: 'down', detail: error instanceof Error ? error.message : String(error), checkedAt };
      }
    },

    reports: () => history.map((r) => ({ ...r })),
  };
  return source;
}

/** Whether `candidate` is `root` or lies below it (both absolute, normalised). */
function isInside(root: string, candidate: string): boolean {
  const rel = relative(root, candidate);
  return rel === '' || (rel !== '..' && !rel.startsWith(`..${sep}`) && !isAbsolute(rel));
}

function parseFileCursor(cursor: string | null): Set<string> {
  if (!cursor) return new Set();
  try {
    const parsed = JSON.parse(cursor) as { done?: unknown };
    if (Array.isArray(parsed.done)) return new Set(parsed.done.filter((x): x is string => typeof x === 'string'));
  } catch {
    // Fall through: an unreadable cursor restarts the import; items are stored idempotently by id.
  }
  return new Set();
}

function serializeFileCursor(done: Set<string>): string {
  return JSON.stringify({ done: [...done].sort() });
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve();
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    }
    signal.addEventListener('abort', done, { once: true });
  });
}
