import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type IngestItem, isConnectorError, unguardedOutbound } from '@diplodesk/connector-sdk';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildZip, type FakeGdeltServer, makeEventLine, startFakeGdelt } from './fake/index.ts';
import { createGdeltSource, type GdeltEventItem, parseLastUpdate } from './gdelt-source.ts';
import connector from './index.ts';

const rawOf = (item: IngestItem | undefined) => item?.raw as GdeltEventItem | undefined;
const batch = (...ids: string[]) => ids.map((id) => makeEventLine({ GLOBALEVENTID: id, SOURCEURL: `https://news.example.org/${id}` })).join('\n');

describe('connector manifest', () => {
  it('declares the ingest capability and needs no configuration', () => {
    expect(connector.manifest).toMatchObject({ id: 'gdelt', capabilities: ['ingest'], auth: 'none' });
    expect(connector.isConfigured({})).toBe(true);
    expect(typeof connector.implementations.ingest?.({}, { outbound: unguardedOutbound }).poll).toBe('function');
  });
});

describe('parseLastUpdate', () => {
  it('reads size, md5 and file kind from each line', () => {
    const entries = parseLastUpdate(
      '150383 297a16b493de7cf6ca809a7cc31d0b93 http://data.gdeltproject.org/gdeltv2/20150218230000.export.CSV.zip\n318084 bb27f78ba45f69a17ea6ed7755e9f8ff http://data.gdeltproject.org/gdeltv2/20150218230000.mentions.CSV.zip\n10768507 ea8dde0beb0ba98810a92db068c0ce99 http://data.gdeltproject.org/gdeltv2/20150218230000.gkg.csv.zip\n',
    );
    expect(entries.map((e) => [e.kind, e.size, e.timestamp])).toEqual([
      ['export', 150383, '20150218230000'],
      ['mentions', 318084, '20150218230000'],
      ['gkg', 10768507, '20150218230000'],
    ]);
    expect(entries[0]?.md5).toBe('297a16b493de7cf6ca809a7cc31d0b93');
  });
});

describe('live mode', () => {
  let gdelt: FakeGdeltServer;
  beforeEach(async () => {
    gdelt = await startFakeGdelt();
  });
  afterEach(async () => {
    await gdelt.close();
  });

  it('reads the latest export once and then only new ones', async () => {
    const source = createGdeltSource({ GDELT_BASE_URL: gdelt.baseUrl }, unguardedOutbound);
    gdelt.publish('20250301100000', batch('11', '12'));

    const first = await source.poll(null, null);
    expect(first.items.map((i) => i.remoteId)).toEqual(['11', '12']);
    expect(first.nextCursor).toBe('20250301100000.export.CSV.zip');
    const item = first.items[0];
    expect(item).toMatchObject({ url: 'https://news.example.org/11', publishedAt: '2025-03-01T10:15:00.000Z' });
    expect(item?.text).toContain('Indonesia (IDN) → Malaysia (MYS): Consult [042]');
    expect(rawOf(item)?.actionGeo.countryIso).toBe('MY');

    // Nothing new: no download, same cursor.
    const again = await source.poll(null, first.nextCursor);
    expect(again).toEqual({ items: [], nextCursor: first.nextCursor });
    expect(gdelt.hits('/gdeltv2/20250301100000.export.CSV.zip')).toBe(1);

    gdelt.publish('20250301101500', batch('13'));
    const next = await source.poll(null, again.nextCursor);
    expect(next.items.map((i) => i.remoteId)).toEqual(['13']);
    expect(next.nextCursor).toBe('20250301101500.export.CSV.zip');
    expect(gdelt.hits('/gdeltv2/20250301100000.export.CSV.zip')).toBe(1);
    expect(gdelt.hits('/gdeltv2/20250301101500.export.CSV.zip')).toBe(1);
    expect(gdelt.requests().filter((p) => p.includes('mentions'))).toEqual([]);
  });

  it('backfills batches missed during a gap, skipping ones the server never had', async () => {
    const source = createGdeltSource({ GDELT_BASE_URL: gdelt.baseUrl }, unguardedOutbound);
    gdelt.publish('20250301101500', batch('21'), { unlisted: true });
    // 10:30 was never published; 10:45 is the latest.
    gdelt.publish('20250301104500', batch('23'));
    let cursor: string | null = '20250301100000.export.CSV.zip';
    const seen: string[] = [];
    const cursors: (string | null)[] = [];
    for (let i = 0; i < 4; i++) {
      const result = await source.poll(null, cursor);
      seen.push(...result.items.map((it) => it.remoteId));
      cursor = result.nextCursor;
      cursors.push(cursor);
    }
    expect(seen).toEqual(['21', '23']);
    expect(cursors).toEqual(['20250301101500.export.CSV.zip', '20250301103000.export.CSV.zip', '20250301104500.export.CSV.zip', '20250301104500.export.CSV.zip']);
    expect(source.reports().map((r) => [r.file, r.events, r.error ?? null])).toEqual([
      ['20250301101500.export.CSV.zip', 1, null],
      ['20250301103000.export.CSV.zip', 0, 'missing on the server (skipped)'],
      ['20250301104500.export.CSV.zip', 1, null],
    ]);
  });

  it('refuses a download whose MD5 does not match lastupdate.txt, without moving the cursor', async () => {
    const source = createGdeltSource({ GDELT_BASE_URL: gdelt.baseUrl }, unguardedOutbound);
    gdelt.publish('20250301100000', batch('31'), { wrongMd5: true });
    const error = await source.poll(null, null).catch((e: unknown) => e);
    expect(isConnectorError(error, 'transient')).toBe(true);
    expect(String((error as Error).message)).toMatch(/MD5 .* does not match/);
  });

  it('maps server errors to retryable connector errors', async () => {
    const source = createGdeltSource({ GDELT_BASE_URL: gdelt.baseUrl }, unguardedOutbound);
    gdelt.publish('20250301100000', batch('41'));
    gdelt.failNext(503);
    await expect(source.poll(null, null)).rejects.toSatisfy((e) => isConnectorError(e, 'transient'));
    gdelt.failNext(429, 1, { 'retry-after': '30' });
    const limited = await source.poll(null, null).catch((e: unknown) => e);
    expect(isConnectorError(limited, 'rate-limited') && limited.retryAfterMs).toBe(30_000);
    expect((await source.poll(null, null)).items).toHaveLength(1);
  });

  it('reports rejected lines and still delivers the good ones', async () => {
    const source = createGdeltSource({ GDELT_BASE_URL: gdelt.baseUrl }, unguardedOutbound);
    gdelt.publish('20250301100000', `${batch('51')}\nnot\ta\tvalid\tline\n${batch('52')}`);
    const result = await source.poll(null, null);
    expect(result.items.map((i) => i.remoteId)).toEqual(['51', '52']);
    expect(source.reports()[0]?.rejected).toEqual([{ line: 2, reason: 'expected 61 columns, found 4' }]);
  });

  it('attaches GKG document tone when enabled', async () => {
    const source = createGdeltSource({ GDELT_BASE_URL: gdelt.baseUrl, GDELT_WITH_GKG: 'true' }, unguardedOutbound);
    const gkgCols = new Array<string>(27).fill('');
    gkgCols[0] = '20250301100000-1';
    gkgCols[4] = 'https://news.example.org/61';
    gkgCols[15] = '-4.2,1,5.2,6.2,22,0.4,512';
    gdelt.publish('20250301100000', batch('61', '62'), { gkg: gkgCols.join('\t') });
    const { items } = await source.poll(null, null);
    expect(rawOf(items[0])?.documentTone).toMatchObject({ tone: -4.2, negative: 5.2, wordCount: 512 });
    expect(rawOf(items[1])?.documentTone).toBeUndefined();
  });

  it('reports health from the age of the latest batch', async () => {
    const source = createGdeltSource({ GDELT_BASE_URL: gdelt.baseUrl }, unguardedOutbound);
    const now = new Date(Date.now() - 5 * 60_000).toISOString().replace(/[-:T]/g, '').slice(0, 14);
    gdelt.publish(now, batch('71'));
    expect((await source.health(null)).status).toBe('ok');
    gdelt.publish('20200101000000', batch('72'));
    expect((await source.health(null)).status).toBe('degraded');
    gdelt.failNext(500);
    expect((await source.health(null)).status).toBe('down');
  });

  it('streams batches until aborted', async () => {
    const source = createGdeltSource({ GDELT_BASE_URL: gdelt.baseUrl, GDELT_POLL_INTERVAL_MS: '20' }, unguardedOutbound);
    gdelt.publish('20250301100000', batch('81'));
    const controller = new AbortController();
    const got: string[] = [];
    const stream = source.stream?.(null, null, controller.signal);
    if (!stream) throw new Error('stream missing');
    for await (const b of stream) {
      got.push(...b.items.map((i) => i.remoteId));
      if (got.length === 1) gdelt.publish('20250301101500', batch('82'));
      if (got.length === 2) controller.abort();
    }
    expect(got).toEqual(['81', '82']);
  });
});

describe('file mode', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'gdelt-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('imports a folder one file per poll, zipped or plain, and remembers the files done', async () => {
    await writeFile(join(dir, '20250301100000.export.CSV.zip'), buildZip('20250301100000.export.CSV', batch('1', '2')));
    await writeFile(join(dir, '20250301101500.export.CSV'), batch('3'));
    await writeFile(join(dir, '20250301101500.mentions.CSV'), 'ignored');
    await writeFile(join(dir, 'README.txt'), 'ignored');
    const source = createGdeltSource({ GDELT_IMPORT_DIR: dir }, unguardedOutbound);
    const credentials = { accessToken: '', extra: { path: dir } };

    const a = await source.poll(credentials, null);
    expect(a.items.map((i) => i.remoteId)).toEqual(['1', '2']);
    const b = await source.poll(credentials, a.nextCursor);
    expect(b.items.map((i) => i.remoteId)).toEqual(['3']);
    expect(JSON.parse(b.nextCursor ?? '')).toEqual({ done: ['20250301100000.export.CSV.zip', '20250301101500.export.CSV'] });
    const c = await source.poll(credentials, b.nextCursor);
    expect(c).toEqual({ items: [], nextCursor: b.nextCursor });

    // A file added later is picked up on the next poll; the done ones are not read again.
    await writeFile(join(dir, '20250301094500.export.CSV'), batch('0'));
    const d = await source.poll(credentials, c.nextCursor);
    expect(d.items.map((i) => i.remoteId)).toEqual(['0']);
    expect((await source.health(credentials)).status).toBe('ok');
  });

  it('imports a single file given by path and attaches tone from a GKG file beside it', async () => {
    const file = join(dir, '20250301100000.export.CSV');
    await writeFile(file, batch('5'));
    const gkg = new Array<string>(27).fill('');
    gkg[4] = 'https://news.example.org/5';
    gkg[15] = '1.5,3,1.5,4.5,19,0.2,250';
    await writeFile(join(dir, '20250301100000.gkg.csv.zip'), buildZip('20250301100000.gkg.csv', gkg.join('\t')));
    const source = createGdeltSource({ GDELT_IMPORT_DIR: dir, GDELT_MODE: 'file', GDELT_PATH: file }, unguardedOutbound);
    const { items } = await source.poll(null, null);
    expect(items.map((i) => i.remoteId)).toEqual(['5']);
    expect(rawOf(items[0])?.documentTone?.tone).toBe(1.5);
  });

  it('passes over a damaged zip with a report instead of stalling', async () => {
    await writeFile(join(dir, '20250301100000.export.CSV.zip'), buildZip('x.CSV', batch('1'), { crcOverride: 1 }));
    await writeFile(join(dir, '20250301101500.export.CSV.zip'), buildZip('y.CSV', batch('2')));
    const source = createGdeltSource({ GDELT_IMPORT_DIR: dir }, unguardedOutbound);
    const credentials = { accessToken: '', extra: { path: dir } };
    const a = await source.poll(credentials, null);
    expect(a.items).toEqual([]);
    expect(source.reports()[0]?.error).toMatch(/CRC-32 mismatch/);
    expect((await source.health(credentials)).status).toBe('degraded');
    const b = await source.poll(credentials, a.nextCursor);
    expect(b.items.map((i) => i.remoteId)).toEqual(['2']);
  });

  it('rejects a path that does not exist', async () => {
    const source = createGdeltSource({ GDELT_IMPORT_DIR: dir }, unguardedOutbound);
    const error = await source.poll({ accessToken: '', extra: { path: join(dir, 'nope') } }, null).catch((e: unknown) => e);
    expect(isConnectorError(error, 'rejected')).toBe(true);
    expect((await source.health({ accessToken: '', extra: { path: join(dir, 'nope') } })).status).toBe('down');
  });
});

describe('file mode is confined to the operator\'s GDELT_IMPORT_DIR', () => {
  // root/imports is the operator's folder; root/outside stands for the rest of the server's disk.
  let root: string;
  let imports: string;
  let secret: string;
  const refused = async (promise: Promise<unknown>) => {
    const error = await promise.then(
      () => null,
      (e: unknown) => e,
    );
    expect(isConnectorError(error, 'rejected'), String(error)).toBe(true);
    return (error as Error).message;
  };
  beforeEach(async () => {
    root = await mkdtemp(join(tmpdir(), 'gdelt-confined-'));
    imports = join(root, 'imports');
    await mkdir(imports);
    await mkdir(join(root, 'outside'));
    secret = join(root, 'outside', '20250301100000.export.CSV');
    await writeFile(secret, batch('666'));
    await writeFile(join(imports, '20250301101500.export.CSV'), batch('7'));
  });
  afterEach(async () => {
    await rm(root, { recursive: true, force: true });
  });

  it('is off unless the operator names a folder: a source\'s path reads nothing', async () => {
    const source = createGdeltSource({}, unguardedOutbound);
    expect(await refused(source.poll({ accessToken: '', extra: { mode: 'file', path: secret } }, null))).toMatch(/GDELT_IMPORT_DIR/);
    const fromEnv = createGdeltSource({ GDELT_MODE: 'file', GDELT_PATH: secret }, unguardedOutbound);
    await refused(fromEnv.poll(null, null));
    expect((await source.health({ accessToken: '', extra: { path: secret } })).status).toBe('down');
  });

  it('reads a path inside the folder, relative or absolute', async () => {
    const source = createGdeltSource({ GDELT_IMPORT_DIR: imports }, unguardedOutbound);
    const relative = await source.poll({ accessToken: '', extra: { path: '20250301101500.export.CSV' } }, null);
    expect(relative.items.map((i) => i.remoteId)).toEqual(['7']);
    const absolute = await source.poll({ accessToken: '', extra: { path: imports } }, null);
    expect(absolute.items.map((i) => i.remoteId)).toEqual(['7']);
    // No path at all: the folder itself.
    expect((await createGdeltSource({ GDELT_IMPORT_DIR: imports, GDELT_MODE: 'file' }, unguardedOutbound).poll(null, null)).items.map((i) => i.remoteId)).toEqual(['7']);
  });

  it('refuses a path outside the folder, by traversal or absolute, with the same message as a missing one', async () => {
    const source = createGdeltSource({ GDELT_IMPORT_DIR: imports }, unguardedOutbound);
    const traversal = await refused(source.poll({ accessToken: '', extra: { path: '../outside/20250301100000.export.CSV' } }, null));
    const absolute = await refused(source.poll({ accessToken: '', extra: { path: secret } }, null));
    const missing = await refused(source.poll({ accessToken: '', extra: { path: 'nope.export.CSV' } }, null));
    // Nothing tells an existing file outside from one that does not exist.
    expect(traversal).toBe(missing.replace('nope.export.CSV', '../outside/20250301100000.export.CSV'));
    expect(absolute).not.toMatch(/666/);
    expect((await source.health({ accessToken: '', extra: { path: secret } })).status).toBe('down');
  });

  it('refuses symbolic links that lead out of the folder: as the path, as a folder, or as a file in it', async () => {
    await symlink(secret, join(imports, 'link.export.CSV'));
    await symlink(join(root, 'outside'), join(imports, 'elsewhere'));
    const source = createGdeltSource({ GDELT_IMPORT_DIR: imports }, unguardedOutbound);
    await refused(source.poll({ accessToken: '', extra: { path: 'link.export.CSV' } }, null));
    await refused(source.poll({ accessToken: '', extra: { path: 'elsewhere' } }, null));
    await refused(source.poll({ accessToken: '', extra: { path: 'elsewhere/20250301100000.export.CSV' } }, null));
    // Listing the folder: the link is passed over with a report, never read.
    const seen: string[] = [];
    let cursor: string | null = null;
    for (let i = 0; i < 4; i++) {
      const batchRead = await source.poll({ accessToken: '', extra: { path: '.' } }, cursor);
      seen.push(...batchRead.items.map((it) => it.remoteId));
      cursor = batchRead.nextCursor;
    }
    expect(seen).toEqual(['7']);
    expect(seen).not.toContain('666');
    expect(source.reports().some((r) => r.file === 'link.export.CSV' && /outside/.test(r.error ?? ''))).toBe(true);
  });

  it('keeps a symbolic link that stays inside the folder working', async () => {
    await mkdir(join(imports, 'batches'));
    await writeFile(join(imports, 'batches', '20250301103000.export.CSV'), batch('8'));
    await symlink(join(imports, 'batches'), join(imports, 'latest'));
    const source = createGdeltSource({ GDELT_IMPORT_DIR: imports }, unguardedOutbound);
    expect((await source.poll({ accessToken: '', extra: { path: 'latest' } }, null)).items.map((i) => i.remoteId)).toEqual(['8']);
  });
});
