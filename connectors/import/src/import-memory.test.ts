import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { expect, it } from 'vitest';
import { importRecords } from './import-records.ts';

// Retained heap is measured after a forced collection; without one, V8's young generation makes
// the numbers noise.
setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

const ROWS = 200_000;
const encoder = new TextEncoder();

/** Generates the CSV on the fly in ~64 KiB chunks, so the test itself holds no file in memory. */
async function* generateCsv(): AsyncGenerator<Uint8Array> {
  let lines: string[] = ['id,text,author,date,url'];
  let size = 0;
  for (let i = 1; i <= ROWS; i++) {
    const line = `${i},"Pernyataan ${i}: Indonesia dan mitra ASEAN membahas ""kerja sama maritim"", perdagangan,\ndan iklim.",user${i % 977},2025-08-${String((i % 28) + 1).padStart(2, '0')} 10:00:00,https://example.org/${i}`;
    lines.push(line);
    size += line.length;
    if (size > 64 * 1024) {
      yield encoder.encode(`${lines.join('\r\n')}\r\n`);
      lines = [];
      size = 0;
    }
  }
  if (lines.length > 0) yield encoder.encode(`${lines.join('\r\n')}\r\n`);
}

it('imports 200,000 generated rows in constant memory', { timeout: 120_000 }, async () => {
  gc();
  const baseline = process.memoryUsage().heapUsed;
  let peakRetained = 0;
  let imported = 0;
  let bytes = 0;
  const started = performance.now();
  const run = importRecords(generateCsv(), {
    format: 'csv',
    mapping: { remoteId: 'id', text: 'text', author: 'author', publishedAt: 'date', url: 'url' },
    onProgress: (progress) => {
      bytes = progress.bytes;
    },
  });
  for await (const result of run) {
    if (!('item' in result)) throw new Error(`unexpected rejection: ${JSON.stringify(result)}`);
    imported++;
    if (imported % 25_000 === 0) {
      gc();
      peakRetained = Math.max(peakRetained, process.memoryUsage().heapUsed - baseline);
    }
  }
  const seconds = (performance.now() - started) / 1000;
  console.log(JSON.stringify({ bench: 'import-csv', rows: imported, megabytes: +(bytes / 1e6).toFixed(1), rowsPerSecond: Math.round(imported / seconds), peakRetainedHeapMB: +(peakRetained / 1e6).toFixed(2) }));
  expect(imported).toBe(ROWS);
  expect(run.summary).toMatchObject({ rows: ROWS, imported: ROWS, rejected: 0 });
  expect(bytes).toBeGreaterThan(30_000_000);
  // The file is over 30 MB; what stays on the heap is a few buffers, not the rows.
  expect(peakRetained).toBeLessThan(8 * 1024 * 1024);
});
