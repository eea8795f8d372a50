import { createHash } from 'node:crypto';
import fsp from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createLocalStorage, StorageLimitError } from './storage.ts';

const dir = await fsp.mkdtemp(path.join(os.tmpdir(), 'dd-storage-'));
afterAll(() => fsp.rm(dir, { recursive: true, force: true }));

describe('local storage', () => {
  const storage = createLocalStorage(dir);

  it('stores bytes and reports their size and SHA-256', async () => {
    const bytes = Buffer.from('Pernyataan resmi — official statement');
    const stored = await storage.put(bytes);
    expect(stored.byteSize).toBe(bytes.length);
    expect(stored.sha256).toBe(createHash('sha256').update(bytes).digest('hex'));
    expect(await storage.read(stored.storageKey)).toEqual(bytes);
    const chunks: Buffer[] = [];
    for await (const c of storage.open(stored.storageKey)) chunks.push(Buffer.from(c));
    expect(Buffer.concat(chunks)).toEqual(bytes);
  });

  it('refuses a file over the limit and leaves nothing behind', async () => {
    async function* big() {
      for (let i = 0; i < 10; i++) yield Buffer.alloc(1000, i);
    }
    await expect(storage.put(big(), { maxBytes: 5000 })).rejects.toBeInstanceOf(StorageLimitError);
    const files = (await fsp.readdir(dir, { recursive: true })).filter((f) => f.includes('-'));
    expect(files.length).toBe(1); // only the file of the first test
  });

  it('rejects keys that try to leave the folder', async () => {
    await expect(storage.read('../../etc/passwd')).rejects.toThrow('invalid storage key');
    expect(() => storage.open('aa/../../x')).toThrow('invalid storage key');
  });
});
