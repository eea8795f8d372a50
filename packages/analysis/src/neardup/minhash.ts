import { stripEntities } from '../text/normalise.ts';
import { tokens } from '../text/tokens.ts';

export type ShingleOptions = {
  /** Words per shingle. Default 3. */
  k?: number;
  /** Texts with fewer than `k` words are shingled by characters of this length instead. Default 4. */
  charK?: number;
};

/**
 * Word k-shingles of a post (URLs and mentions dropped, hashtag words kept); very short texts
 * fall back to character shingles so that "Selamat pagi!" still has a signature.
 */
export function shingles(text: string, options: ShingleOptions = {}): string[] {
  const k = options.k ?? 3;
  const charK = options.charK ?? 4;
  const words = tokens(stripEntities(text, { keepHashtagWords: true }));
  const out = new Set<string>();
  if (words.length >= k) {
    for (let i = 0; i + k <= words.length; i++) out.add(words.slice(i, i + k).join(' '));
    return [...out];
  }
  const chars = [...words.join(' ')];
  if (chars.length === 0) return [];
  if (chars.length <= charK) return [chars.join('')];
  for (let i = 0; i + charK <= chars.length; i++) out.add(chars.slice(i, i + charK).join(''));
  return [...out];
}

/** Exact Jaccard similarity of two texts' shingle sets (for evaluation and tests). */
export function jaccard(a: string, b: string, options: ShingleOptions = {}): number {
  const sa = new Set(shingles(a, options));
  const sb = new Set(shingles(b, options));
  if (sa.size === 0 && sb.size === 0) return 1;
  let inter = 0;
  for (const s of sa) if (sb.has(s)) inter++;
  return inter / (sa.size + sb.size - inter);
}

// FNV-1a over UTF-16 units, then a murmur3 finaliser: fast, seedless and stable across runs/platforms.
export function hashString(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return fmix32(h);
}

export function fmix32(x: number): number {
  let h = x;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** Sorted, de-duplicated 32-bit hashes of a text's shingles: the exact set the index verifies with. */
export function shingleHashes(text: string, options: ShingleOptions = {}): Uint32Array {
  const hs = new Uint32Array(shingles(text, options).map(hashString));
  hs.sort();
  let n = 0;
  for (let i = 0; i < hs.length; i++) if (i === 0 || hs[i] !== hs[n - 1]) hs[n++] = hs[i]!;
  return hs.slice(0, n);
}

/** Jaccard of two sorted hash sets from `shingleHashes` (32-bit collisions are negligible at post length). */
export function jaccardOfHashes(a: Uint32Array, b: Uint32Array): number {
  if (a.length === 0 && b.length === 0) return 1;
  let i = 0;
  let j = 0;
  let inter = 0;
  while (i < a.length && j < b.length) {
    const x = a[i]!;
    const y = b[j]!;
    if (x === y) {
      inter++;
      i++;
      j++;
    } else if (x < y) i++;
    else j++;
  }
  return inter / (a.length + b.length - inter);
}

/** Per-permutation seeds from one seed (splitmix32), so signatures are reproducible. */
export function minhashSeeds(count: number, seed = 0x5eed): Uint32Array {
  const seeds = new Uint32Array(count);
  let s = seed >>> 0;
  for (let i = 0; i < count; i++) {
    s = (s + 0x9e3779b9) >>> 0;
    seeds[i] = fmix32(s);
  }
  return seeds;
}

/**
 * MinHash signature: for each seeded hash function h_i(x) = fmix32(x XOR seed_i), the minimum over the
 * shingle hashes. An empty set gives all 0xffffffff.
 */
export function minhashSignature(hashes: Uint32Array, seeds: Uint32Array): Uint32Array {
  const sig = new Uint32Array(seeds.length).fill(0xffffffff);
  for (let i = 0; i < seeds.length; i++) {
    const seed = seeds[i]!;
    let min = 0xffffffff;
    for (let j = 0; j < hashes.length; j++) {
      const v = fmix32(hashes[j]! ^ seed);
      if (v < min) min = v;
    }
    sig[i] = min;
  }
  return sig;
}
