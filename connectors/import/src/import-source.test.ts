import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Credentials, type IngestItem, isConnectorError, unguardedOutbound } from '@diplodesk/connector-sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RejectedRow } from './import-records.ts';
import { IMPORT_BATCH_SIZE, createImportSource } from './import-source.ts';
import connector from './index.ts';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'diplodesk-import-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

function credentials(extra: Record<string, string>): Credentials {
  return { accessToken: '', extra };
}

/** 1,234 rows with CRLF, quoted newlines and every 100th row rejected. */
function buildCsv(rows: number): string {
  const lines = ['\uFEFFid,text,date'];
  for (let i = 1; i <= rows; i++) {
    if (i % 100 === 0) lines.push(`${i},"",2025-01-01`);
    else lines.push(`${i},"Row ${i}, with ""quotes""\nand a second line",2025-01-${String((i % 28) + 1).padStart(2, '0')}`);
  }
  return `${lines.join('\r\n')}\r\n`;
}

async function drain(extra: Record<string, string>, from: string | null = null) {
  const source = createImportSource();
  const items: IngestItem[] = [];
  const rejected: RejectedRow[] = [];
  const cursors: (string | null)[] = [];
  let cursor = from;
  for (let guard = 0; guard < 100; guard++) {
    const batch = await source.pollWithReport(credentials(extra), cursor);
    items.push(...batch.items);
    rejected.push(...batch.rejected);
    cursors.push(batch.nextCursor);
    cursor = batch.nextCursor;
    if (batch.done) break;
  }
  return { items, rejected, cursors };
}

describe('import connector', () => {
  it('declares ingest without sign-in', () => {
    expect(connector.manifest).toMatchObject({ id: 'import', capabilities: ['ingest'], auth: 'none' });
    expect(connector.isConfigured({})).toBe(true);
  });

  it('polls a file in batches of 500 and resumes from a cursor after a restart', async () => {
    const path = join(dir, 'mentions.csv');
    await writeFile(path, buildCsv(1234));
    const extra = { path, mapping: JSON.stringify({ remoteId: 'id', text: 'text', publishedAt: 'date' }) };
    const source = connector.implementations.ingest!({}, { outbound: unguardedOutbound });

    const first = await source.poll(credentials(extra), null);
    expect(first.items).toHaveLength(IMPORT_BATCH_SIZE);
    expect(first.more).toBe(true);
    expect(first.items[0]).toMatchObject({ remoteId: '1', text: 'Row 1, with "quotes"\nand a second line', publishedAt: '2025-01-02T00:00:00.000Z' });
    const second = await source.poll(credentials(extra), first.nextCursor);
    expect(second.items[0]?.remoteId).toBe('506');

    // A new source object stands for a restarted worker: it has only the stored cursor.
    const resumed = await drain(extra, second.nextCursor);
    const all = [...first.items, ...second.items, ...resumed.items].map((i) => Number(i.remoteId));
    const expected = Array.from({ length: 1234 }, (_, i) => i + 1).filter((i) => i % 100 !== 0);
    expect(all).toEqual(expected);

    // Row and line numbers after a resume match those of one uninterrupted read.
    const whole = await drain(extra);
    expect(whole.items.map((i) => i.remoteId)).toEqual(all.map(String));
    expect(whole.rejected.map((r) => [r.row, r.line])).toContainEqual([100, 200]);
    expect(resumed.rejected).toEqual(whole.rejected.filter((r) => r.row > 1010));

    // At the end the cursor stays put and polls return nothing.
    const end = await source.poll(credentials(extra), resumed.cursors.at(-1)!);
    expect(end).toEqual({ items: [], more: false, nextCursor: resumed.cursors.at(-1) });
  });

  it('reports the rejected rows of each batch', async () => {
    const path = join(dir, 'small.csv');
    await writeFile(path, 'text;date\nok;2025-01-01\n;2025-01-01\nbad;soon\n');
    const batch = await createImportSource().pollWithReport(credentials({ path, mapping: '{"text":"text","publishedAt":"date"}' }), null);
    expect(batch.items.map((i) => i.text)).toEqual(['ok']);
    expect(batch.rejected.map((r) => r.reason)).toEqual(['empty-text', 'invalid-date']);
    expect(batch.done).toBe(true);
  });

  it('streams a JSONL file with the suggested mapping when none is set', async () => {
    const path = join(dir, 'posts.ndjson');
    const lines = Array.from({ length: 1100 }, (_, i) => JSON.stringify({ id: `p${i}`, content: `post ${i}`, created_at: '2025-08-17T00:00:00Z' }));
    lines.splice(600, 0, '{"id": broken');
    await writeFile(path, `${lines.join('\n')}\n`);
    const source = createImportSource();
    const batches = [];
    for await (const batch of source.stream!(credentials({ path }), null, new AbortController().signal)) batches.push(batch);
    expect(batches.map((b) => b.items.length)).toEqual([500, 500, 100]);
    expect(batches[2]?.items.at(-1)).toMatchObject({ remoteId: 'p1099', text: 'post 1099' });
  });

  it('imports a headerless tab-separated export with positional columns, across batches', async () => {
    const path = join(dir, 'events.tsv');
    const rows = Array.from({ length: 700 }, (_, i) => `${1000 + i}\t20250817\tIDN\tEvent number ${i}\t20250817101500`);
    await writeFile(path, `${rows.join('\n')}\n`);
    const { items } = await drain({ path, header: 'false', mapping: JSON.stringify({ remoteId: 'column_1', text: 'column_4', publishedAt: 'column_5' }) });
    expect(items).toHaveLength(700);
    expect(items[0]).toMatchObject({ remoteId: '1000', text: 'Event number 0', publishedAt: '2025-08-17T10:15:00.000Z' });
    expect(items[699]?.remoteId).toBe('1699');
  });

  it('fails clearly on a missing path, a bad mapping or a foreign cursor, and reports health', async () => {
    const source = createImportSource();
    const path = join(dir, 'small.csv');
    for (const [extra, cursor] of [
      [{}, null],
      [{ path: join(dir, 'nope.csv') }, null],
      [{ path, mapping: '{"title":"text"}' }, null],
      [{ path, mapping: '{"text":' }, null],
      [{ path }, 'not-a-cursor'],
      [{ path, format: 'xlsx' }, null],
    ] as const) {
      const error = await source.poll(credentials(extra), cursor).catch((e: unknown) => e);
      expect(isConnectorError(error, 'rejected')).toBe(true);
    }
    expect(await source.health(credentials({ path }))).toMatchObject({ status: 'ok' });
    expect(await source.health(credentials({ path: join(dir, 'nope.csv') }))).toMatchObject({ status: 'down' });
    expect(await source.health(null)).toMatchObject({ status: 'down' });
  });
});

// Real GDELT 2.0 Mentions rows from the shared evaluation data; registered only where it exists.
const GDELT_MENTIONS = join(import.meta.dirname, '../../../../shared/data/gdelt/mentionssamp.csv');
if (existsSync(GDELT_MENTIONS)) {
  describe('import of the GDELT mentions sample', () => {
    it('reads all 1,635 rows with URLs as text and GDELT timestamps', async () => {
      const mapping = { text: 'mentionidentifier', url: 'mentionidentifier', author: 'mentionsourcename', publishedAt: 'mentiontimedate' };
      const { items } = await drain({ path: GDELT_MENTIONS, mapping: JSON.stringify(mapping) });
      expect(items).toHaveLength(1635);
      expect(items[0]).toMatchObject({ author: { handle: 'china.org.cn' }, publishedAt: '2017-07-01T23:45:00.000Z', url: 'http://arabic.china.org.cn/txt/2017-07/02/content_41135804.htm' });
    });
  });
}
