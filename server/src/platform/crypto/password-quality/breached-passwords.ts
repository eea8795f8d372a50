// Offline check against a list of breached passwords (ASVS 6.2.12) in the public "Pwned Passwords"
// text format: one upper-case SHA-1 and a count per line (`HEX:count`), sorted by hash. The full
// list is tens of gigabytes, so it is never loaded: each check binary-searches the file on disk,
// reading a few hundred bytes per probe (about 30 probes for a billion lines).
import { createHash } from 'node:crypto';
import fs from 'node:fs/promises';

export type BreachedPasswords = {
  isBreached(password: string): Promise<boolean>;
  /** Bytes read from the file for one lookup (to show the search stays small). */
  bytesReadFor(password: string): Promise<number>;
  close(): Promise<void>;
};

const hashLength = 40;
// A line is 40 hex digits, a colon, a count and CR LF: far below this window.
const window = 256;

export function openBreachedPasswords(file: string): BreachedPasswords {
  let handle: Promise<fs.FileHandle> | null = null;
  const open = () => (handle ??= fs.open(file, 'r'));

  async function lookup(password: string): Promise<{ found: boolean; bytesRead: number }> {
    const target = createHash('sha1').update(password, 'utf8').digest('hex').toUpperCase();
    const fh = await open();
    const { size } = await fh.stat();
    const buf = Buffer.alloc(window * 2);
    let bytesRead = 0;
    // Invariant: every line that starts in [lo, hi) and could equal the target is still unsearched;
    // lo is always the start of a line.
    let lo = 0;
    let hi = size;
    while (lo < hi) {
      const mid = lo + Math.floor((hi - lo) / 2);
      const from = Math.max(0, mid - 1);
      const { bytesRead: n } = await fh.read(buf, 0, buf.length, from);
      bytesRead += n;
      // The first line starting at or after mid: right after the first newline at or after mid - 1.
      let start = 0;
      if (mid > 0) {
        const nl = buf.subarray(0, n).indexOf(0x0a);
        if (nl < 0) {
          hi = mid;
          continue;
        }
        start = nl + 1;
      }
      const lineStart = from + start;
      if (lineStart >= hi) {
        hi = mid;
        continue;
      }
      const end = buf.subarray(start, n).indexOf(0x0a);
      const line = buf.subarray(start, end < 0 ? n : start + end).toString('latin1');
      const key = line.slice(0, hashLength).toUpperCase();
      if (key === target) return { found: true, bytesRead };
      if (key < target) {
        if (end < 0) return { found: false, bytesRead };
        lo = lineStart + end + 1;
      } else hi = mid;
    }
    return { found: false, bytesRead };
  }

  return {
    async isBreached(password) {
      return (await lookup(password)).found;
    },
    async bytesReadFor(password) {
      return (await lookup(password)).bytesRead;
    },
    async close() {
      const h = handle;
      handle = null;
      await (await h)?.close();
    },
  };
}
