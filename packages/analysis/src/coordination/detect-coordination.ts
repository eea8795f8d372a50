import { assembleNetworks, chanceTest, edgeThreshold, type PairEvidence } from './networks.ts';
import { checkShare, Interner, pairKey, recordCoShare, splitPair } from './pairs.ts';
import { type CoordinationOptions, type CoordinationResult, resolveOptions, type Share, toMillis } from './types.ts';
import { estimateCoordinationWindow } from './window.ts';

/** Shares grouped by object, each group in time order. */
type Grouped = {
  /** Share indices, object by object. */
  order: Int32Array;
  /** Group g is order[start[g] .. start[g + 1]). */
  start: Int32Array;
  /** Times in the same order as `order`. */
  at: Float64Array;
};

function groupByObject(objectOf: Int32Array, at: Float64Array, objects: number): Grouped {
  const n = objectOf.length;
  const start = new Int32Array(objects + 1);
  for (let i = 0; i < n; i++) start[objectOf[i]! + 1]!++;
  for (let g = 0; g < objects; g++) start[g + 1]! += start[g]!;
  const fill = start.slice(0, objects);
  const order = new Int32Array(n);
  for (let i = 0; i < n; i++) order[fill[objectOf[i]!]!++] = i;
  for (let g = 0; g < objects; g++) {
    if (start[g + 1]! - start[g]! > 1) order.subarray(start[g]!, start[g + 1]!).sort((x, y) => at[x]! - at[y]! || x - y);
  }
  const sorted = new Float64Array(n);
  for (let k = 0; k < n; k++) sorted[k] = at[order[k]!]!;
  return { order, start, at: sorted };
}

/**
 * Coordinated sharing in one batch of shares: CooRnet's window estimate, pairs of accounts sharing
 * the same object within the window (a sliding window, as CooRTweet: a fixed grid, as CooRnet's
 * `cut`, splits a burst across a boundary and depends on where the grid starts), pairs kept from the
 * 90th percentile of distinct objects co-shared and at least twice, their connected components as
 * networks, with the closest co-share of each pair and object as evidence. Pairs must also co-share
 * more than chance explains for accounts as active as they are (`significance`, ADR 0024).
 * @example detectCoordination(shares).networks[0]?.accounts.map((a) => a.accountId)
 */
export function detectCoordination(shares: Iterable<Share>, options: CoordinationOptions = {}): CoordinationResult {
  const opts = resolveOptions(options);
  const accounts = new Interner('account');
  const objects = new Interner('object');
  const acc: number[] = [];
  const obj: number[] = [];
  const times: number[] = [];
  const ids: (string | undefined)[] = [];
  for (const share of shares) {
    checkShare(share);
    const ms = toMillis(share.at);
    acc.push(accounts.of(share.accountId));
    obj.push(objects.of(share.objectId));
    times.push(ms);
    ids.push(share.id);
  }
  const accountOf = Int32Array.from(acc);
  const g = groupByObject(Int32Array.from(obj), Float64Array.from(times), objects.ids.length);
  const groupCount = objects.ids.length;

  const window = estimateCoordinationWindow(
    (function* () {
      for (let k = 0; k < groupCount; k++) yield g.at.subarray(g.start[k]!, g.start[k + 1]!);
    })(),
    opts,
  );
  const windowMs = window.seconds * 1000;

  // Each share is paired with earlier shares of the same object within the window, nearest first.
  const eachCoShare = (visit: (object: number, i: number, j: number) => void) => {
    for (let k = 0; k < groupCount; k++) {
      const from = g.start[k]!;
      const to = g.start[k + 1]!;
      for (let j = from + 1; j < to; j++) {
        let paired = 0;
        for (let i = j - 1; i >= from && g.at[j]! - g.at[i]! <= windowMs && paired < opts.maxPairsPerShare; i--) {
          if (accountOf[g.order[i]!] === accountOf[g.order[j]!]) continue;
          paired++;
          visit(k, i, j);
        }
      }
    }
  };

  const weights = new Map<number, number>();
  const seenInObject = new Set<number>();
  let current = -1;
  eachCoShare((object, i, j) => {
    if (object !== current) {
      seenInObject.clear();
      current = object;
    }
    const key = pairKey(accountOf[g.order[i]!]!, accountOf[g.order[j]!]!);
    if (seenInObject.has(key)) return;
    seenInObject.add(key);
    weights.set(key, (weights.get(key) ?? 0) + 1);
  });

  const threshold = edgeThreshold(weights.values(), opts.edgePercentile, opts.minRepetitions);
  const activity = new Int32Array(accounts.ids.length);
  for (let i = 0; i < accountOf.length; i++) activity[accountOf[i]!]!++;
  let total = 0;
  for (const w of weights.values()) total += w;
  const test = opts.significance === false ? undefined : chanceTest(activity, total, weights.size, opts.significance);
  const kept = new Map<number, PairEvidence>();
  let chanceRejected = 0;
  for (const [key, weight] of weights) {
    if (weight < threshold) continue;
    const [a, b] = splitPair(key);
    const chance = test?.(a, b, weight);
    if (chance && !chance.passes) {
      chanceRejected++;
      continue;
    }
    kept.set(key, { a, b, coShares: new Map(), ...(chance ? { expected: chance.expected, pValue: chance.pValue } : {}) });
  }
  if (kept.size > 0) {
    eachCoShare((object, i, j) => {
      const si = g.order[i]!;
      const sj = g.order[j]!;
      const pair = kept.get(pairKey(accountOf[si]!, accountOf[sj]!));
      if (pair) recordCoShare(pair, object, accountOf[si]!, g.at[i]!, ids[si], g.at[j]!, ids[sj]);
    });
  }

  const networks = assembleNetworks([...kept.values()], { account: (i) => accounts.ids[i]!, object: (i) => objects.ids[i]! });
  return {
    window,
    edgeThreshold: threshold,
    chanceRejected,
    networks,
    stats: { shares: accountOf.length, accounts: accounts.ids.length, objects: groupCount, pairs: weights.size, keptPairs: kept.size },
  };
}
