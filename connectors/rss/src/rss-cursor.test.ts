import { describe, expect, it } from 'vitest';
import { decodeCursor, encodeCursor, fingerprint, mergeSeen, SEEN_LIMIT } from './rss-cursor.ts';

describe('rss cursor', () => {
  it('round-trips and rejects foreign or broken cursors', () => {
    const cursor = { v: 1 as const, etag: '"a"', lastModified: 'Mon, 05 Jan 2026 08:00:00 GMT', seen: [fingerprint('x')], lastSuccessAt: '2026-01-05T08:00:00.000Z' };
    expect(decodeCursor(encodeCursor(cursor))).toEqual(cursor);
    expect(decodeCursor(null)).toBeNull();
    expect(decodeCursor('{"v":2,"seen":[]}')).toBeNull();
    expect(decodeCursor('[]')).toBeNull();
    expect(decodeCursor('nope')).toBeNull();
  });

  it('keeps every id of the current feed even past the limit, newest first', () => {
    const big = Array.from({ length: SEEN_LIMIT + 20 }, (_, i) => fingerprint(`id-${i}`));
    expect(mergeSeen(big, ['old'])).toHaveLength(SEEN_LIMIT + 20);
    const merged = mergeSeen(['b', 'a'], ['a', 'z', ...big]);
    expect(merged.slice(0, 3)).toEqual(['b', 'a', 'z']);
    expect(merged).toHaveLength(SEEN_LIMIT);
  });

  it('fingerprints ids stably and compactly', () => {
    expect(fingerprint('https://e.org/1')).toBe(fingerprint('https://e.org/1'));
    expect(fingerprint('https://e.org/1')).toMatch(/^[A-Za-z0-9_-]{16}$/);
    expect(fingerprint('a')).not.toBe(fingerprint('b'));
  });
});
