import type { PairEvidence, RawCoShare } from './networks.ts';
import type { Share } from './types.ts';

// Two account indices in one safe integer: up to 2^26 (67 million) accounts per run.
const ACCOUNT_LIMIT = 0x4000000;

/** One number for an unordered pair of account indices. */
export function pairKey(a: number, b: number): number {
  return a < b ? a * ACCOUNT_LIMIT + b : b * ACCOUNT_LIMIT + a;
}

/** The two account indices of a pair key, lower first. */
export function splitPair(key: number): [number, number] {
  const a = Math.floor(key / ACCOUNT_LIMIT);
  return [a, key - a * ACCOUNT_LIMIT];
}

/** Interns account and object ids as small integers. */
export class Interner {
  readonly ids: string[] = [];
  private readonly index = new Map<string, number>();
  private readonly what: string;

  constructor(what: string) {
    this.what = what;
  }

  of(id: string): number {
    let i = this.index.get(id);
    if (i === undefined) {
      if (this.ids.length >= ACCOUNT_LIMIT) throw new RangeError(`more than ${ACCOUNT_LIMIT} ${this.what}s`);
      i = this.ids.length;
      this.ids.push(id);
      this.index.set(id, i);
    }
    return i;
  }

  has(id: string): boolean {
    return this.index.has(id);
  }

  get(id: string): number | undefined {
    return this.index.get(id);
  }
}

/** Throws a clear error for a share that cannot be placed, before anything is changed. */
export function checkShare(share: Share): void {
  if (typeof share.accountId !== 'string' || share.accountId === '') throw new TypeError('share.accountId must be a non-empty string');
  if (typeof share.objectId !== 'string' || share.objectId === '') throw new TypeError('share.objectId must be a non-empty string');
}

/** Records the closest co-share of `object` for the pair, keeping the one with the smaller gap. */
export function recordCoShare(pair: PairEvidence, object: number, accA: number, atA: number, idA: string | undefined, atB: number, idB: string | undefined): void {
  // Orient the shares so that `atA` belongs to the pair's lower account index.
  const raw: RawCoShare = accA === pair.a ? { atA, atB, idA, idB } : { atA: atB, atB: atA, idA: idB, idB: idA };
  const had = pair.coShares.get(object);
  if (!had || Math.abs(raw.atA - raw.atB) < Math.abs(had.atA - had.atB)) pair.coShares.set(object, raw);
}
