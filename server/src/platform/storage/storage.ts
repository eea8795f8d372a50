import { createHash, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';

/** A stored file: the key to read it back, its size and its SHA-256 (hex), which statements sign. */
export type StoredObject = { storageKey: string; byteSize: number; sha256: string };

/**
 * Where attachments live. Local disk by default (`STORAGE_DIR`); an object store can implement
 * the same calls (`readRange` is an HTTP Range request there). Keys are opaque and generated here, so a caller can never name a path.
 */
export interface Storage {
  /** Streams `source` in, refusing more than `maxBytes` (the partial file is removed). */
  put(source: AsyncIterable<Uint8Array> | Uint8Array, opts?: { maxBytes?: number }): Promise<StoredObject>;
  open(storageKey: string): AsyncIterable<Uint8Array>;
  read(storageKey: string): Promise<Buffer>;
  /** Up to `length` bytes from `offset` (fewer at the end), for checks that walk a large file's structure. */
  readRange(storageKey: string, offset: number, length: number): Promise<Buffer>;
  remove(storageKey: string): Promise<void>;
}

export class StorageLimitError extends Error {
  readonly maxBytes: number;

  constructor(maxBytes: number) {
    super(`file is larger than ${maxBytes} bytes`);
    this.maxBytes = maxBytes;
  }
}

const keyPattern = /^[0-9a-f]{2}\/[0-9a-f-]{36}$/;

export function createLocalStorage(dir: string): Storage {
  const resolve = (storageKey: string): string => {
    if (!keyPattern.test(storageKey)) throw new Error('invalid storage key');
    return path.join(dir, storageKey);
  };
  return {
    async put(source, opts = {}) {
      const id = randomUUID();
      const storageKey = `${id.slice(0, 2)}/${id}`;
      const file = resolve(storageKey);
      await fsp.mkdir(path.dirname(file), { recursive: true });
      const hash = createHash('sha256');
      let byteSize = 0;
      const max = opts.maxBytes ?? Number.POSITIVE_INFINITY;
      const meter = new Transform({
        transform(chunk: Buffer, _enc, done) {
          byteSize += chunk.length;
          if (byteSize > max) return done(new StorageLimitError(max));
          hash.update(chunk);
          done(null, chunk);
        },
      });
      const input = source instanceof Uint8Array ? [source] : source;
      try {
        await pipeline(input, meter, fs.createWriteStream(file, { flags: 'wx', mode: 0o640 }));
      } catch (error) {
        await fsp.rm(file, { force: true });
        throw error;
      }
      return { storageKey, byteSize, sha256: hash.digest('hex') };
    },
    open(storageKey) {
      return fs.createReadStream(resolve(storageKey));
    },
    async read(storageKey) {
      return fsp.readFile(resolve(storageKey));
    },
    async readRange(storageKey, offset, length) {
      const handle = await fsp.open(resolve(storageKey), 'r');
      try {
        const buffer = Buffer.alloc(length);
        const { bytesRead } = await handle.read(buffer, 0, length, offset);
        return buffer.subarray(0, bytesRead);
      } finally {
        await handle.close();
      }
    },
    async remove(storageKey) {
      await fsp.rm(resolve(storageKey), { force: true });
    },
  };
}
