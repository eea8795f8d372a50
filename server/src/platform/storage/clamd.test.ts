import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eicar, type FakeClamd, startFakeClamd } from '../../test/fake-clamd.ts';
import { createClamdScanner, parseClamdReply } from './clamd.ts';

let clamd: FakeClamd;
beforeAll(async () => {
  clamd = await startFakeClamd({ streamMaxBytes: 256 * 1024 });
});
afterAll(() => clamd.close());

async function* pieces(...parts: (string | Buffer)[]) {
  for (const p of parts) yield typeof p === 'string' ? Buffer.from(p, 'latin1') : p;
}
const scanner = (address = clamd.address, over: { chunkBytes?: number; timeoutMs?: number } = {}) => createClamdScanner({ address, chunkBytes: 4096, timeoutMs: 5000, ...over });

describe('clamd INSTREAM client', () => {
  it('reports a clean file, sent in length-prefixed chunks no larger than the setting', async () => {
    expect(await scanner().scan(pieces(Buffer.alloc(10_000, 0x41), 'tail'))).toEqual({ kind: 'clean' });
    expect(clamd.scans.at(-1)).toEqual([4096, 4096, 1808, 4]);
  });

  it('reports the EICAR test file by its signature name, even split across chunks', async () => {
    expect(await scanner().scan(pieces(eicar))).toEqual({ kind: 'infected', signature: 'Eicar-Test-Signature' });
    expect(await scanner(clamd.address, { chunkBytes: 1024 }).scan(pieces(eicar.slice(0, 20), eicar.slice(20)))).toMatchObject({ kind: 'infected' });
  });

  it('gives no verdict when the file passes clamd’s StreamMaxLength (clamd answers and hangs up mid-stream)', async () => {
    const verdict = await scanner().scan(pieces(Buffer.alloc(1024 * 1024)));
    expect(verdict).toEqual({ kind: 'no-verdict', reason: 'size-limit', detail: 'INSTREAM size limit exceeded. ERROR' });
  });

  it('gives no verdict when clamd is not listening, or does not answer in time', async () => {
    const closed = await new Promise<number>((resolve) => {
      const s = net.createServer().listen(0, '127.0.0.1', () => {
        const { port } = s.address() as net.AddressInfo;
        s.close(() => resolve(port));
      });
    });
    expect(await scanner(`127.0.0.1:${closed}`).scan(pieces('x'))).toMatchObject({ kind: 'no-verdict', reason: 'unreachable' });
    clamd.mode = 'silent';
    try {
      expect(await scanner(clamd.address, { timeoutMs: 300 }).scan(pieces('x'))).toMatchObject({ kind: 'no-verdict', reason: 'timeout' });
    } finally {
      clamd.mode = 'normal';
    }
  });

  it('speaks to clamd over its unix socket too', async () => {
    const local = await startFakeClamd({ socketPath: path.join(os.tmpdir(), `fake-clamd-${process.pid}.sock`) });
    try {
      expect(await scanner(local.address).scan(pieces(eicar))).toMatchObject({ kind: 'infected' });
      expect(await scanner(local.address).scan(pieces('hello'))).toEqual({ kind: 'clean' });
    } finally {
      await local.close();
    }
  });

  it('reads every answer clamd documents', () => {
    expect(parseClamdReply('stream: OK\0')).toEqual({ kind: 'clean' });
    expect(parseClamdReply('stream: Win.Test.EICAR_HDB-1 FOUND\0')).toEqual({ kind: 'infected', signature: 'Win.Test.EICAR_HDB-1' });
    expect(parseClamdReply('Can\'t allocate memory ERROR\0')).toMatchObject({ kind: 'no-verdict', reason: 'error' });
    expect(parseClamdReply('')).toMatchObject({ kind: 'no-verdict', reason: 'error' });
  });
});
