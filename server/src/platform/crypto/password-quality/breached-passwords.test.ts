import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openBreachedPasswords } from './breached-passwords.ts';

const sha1 = (s: string) => createHash('sha1').update(s, 'utf8').digest('hex').toUpperCase();
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'breached-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

/** A file in the "Pwned Passwords" format: `SHA1:count` per line, sorted by hash. */
function writeList(name: string, passwords: string[], fillers: number, eol = '\r\n'): string {
  const hashes = [...passwords.map(sha1), ...Array.from({ length: fillers }, () => randomBytes(20).toString('hex').toUpperCase())];
  hashes.sort();
  const file = path.join(dir, name);
  fs.writeFileSync(file, hashes.map((h, i) => `${h}:${(i % 977) + 1}`).join(eol) + eol);
  return file;
}

describe('breached-password list', () => {
  const listed = ['P@ssw0rd2024!', 'kopi tubruk di bawah hujan', 'sayangku selamanya', 'correct horse battery staple'];
  const file = writeList('pwned.txt', listed, 20_000);
  const list = openBreachedPasswords(file);
  afterAll(() => list.close());

  it('finds every listed password by binary search and nothing else', async () => {
    for (const p of listed) expect(await list.isBreached(p), p).toBe(true);
    for (const p of ['not in the list at all', 'P@ssw0rd2024', '']) expect(await list.isBreached(p), p).toBe(false);
  });

  it('finds the first and the last line of the file, with LF line ends too', async () => {
    const small = writeList('edges.txt', ['aaa first?', 'zzz last?', 'middle'], 3, '\n');
    const edges = openBreachedPasswords(small);
    try {
      for (const p of ['aaa first?', 'zzz last?', 'middle']) expect(await edges.isBreached(p)).toBe(true);
      expect(await edges.isBreached('absent')).toBe(false);
    } finally {
      await edges.close();
    }
  });

  it('reads a few small pieces of the file, never all of it', async () => {
    expect(fs.statSync(file).size).toBeGreaterThan(800_000);
    const reads = await list.bytesReadFor('another absent phrase');
    // A binary search over the bytes: about log2(900 KB / 256) ≈ 12–20 probes of 512 bytes (seen: 6.5–10 KB),
    // a few hundredths of the file however the hashes fall.
    expect(reads).toBeLessThanOrEqual(32 * 512);
    expect(reads).toBeLessThan(fs.statSync(file).size / 50);
  });

  it('answers an empty file with "not listed"', async () => {
    const empty = path.join(dir, 'empty.txt');
    fs.writeFileSync(empty, '');
    const e = openBreachedPasswords(empty);
    expect(await e.isBreached('anything')).toBe(false);
    await e.close();
  });
});
