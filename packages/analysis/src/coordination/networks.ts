import type { CoordinatedAccount, CoordinatedEdge, CoordinatedNetwork, CoordinatedObject, CoShare, ShareRef } from './types.ts';

/** The closest pair of two accounts' shares of one object (account `a` < account `b` by index). */
export type RawCoShare = { atA: number; atB: number; idA: string | undefined; idB: string | undefined };

/** A pair of accounts (interned indices) with the objects they co-shared within the window. */
export type PairEvidence = { a: number; b: number; coShares: Map<number, RawCoShare>; expected?: number; pValue?: number };

/** How interned indices read back as ids. */
export type Names = { account(index: number): string; object(index: number): string };

/**
 * The co-share count from which a pair is kept: the `percentile` of all pairs' counts (R type 7, as
 * CooRnet's `quantile(E(g)$weight, percentile_edge_weight)`), and never below `minRepetitions`.
 * Counts are small integers, so a histogram stands in for sorting millions of them.
 */
export function edgeThreshold(weights: Iterable<number>, percentile: number, minRepetitions: number): number {
  const histogram = new Map<number, number>();
  let n = 0;
  for (const w of weights) {
    histogram.set(w, (histogram.get(w) ?? 0) + 1);
    n++;
  }
  if (n === 0) return minRepetitions;
  const sorted = [...histogram].sort((x, y) => x[0] - y[0]);
  const orderStatistic = (k: number): number => {
    let seen = 0;
    for (const [w, c] of sorted) {
      seen += c;
      if (k < seen) return w;
    }
    return sorted[sorted.length - 1]![0];
  };
  const at = (n - 1) * percentile;
  const lo = orderStatistic(Math.floor(at));
  const hi = orderStatistic(Math.ceil(at));
  return Math.max(minRepetitions, lo + (hi - lo) * (at - Math.floor(at)));
}

/** P(K ≥ k) for K ~ Poisson(λ), summed on the small side so that tiny tails keep their precision. */
export function poissonTail(k: number, lambda: number): number {
  if (k <= 0) return 1;
  if (lambda <= 0) return 0;
  let term = Math.exp(-lambda);
  if (lambda < k) {
    for (let i = 1; i <= k; i++) term *= lambda / i;
    let tail = 0;
    for (let i = k; term > tail * 1e-17 && i < k + 1000; i++) {
      tail += term;
      term *= lambda / (i + 1);
    }
    return Math.min(1, tail);
  }
  let below = 0;
  for (let i = 0; i < k; i++) {
    below += term;
    term *= lambda / (i + 1);
  }
  return Math.max(0, 1 - below);
}

/**
 * The chance test of a pair: under a configuration model, where every account shares independently
 * and in proportion to its activity, a pair (a, b) expects λ = T · n_a · n_b / Σ_{x<y} n_x · n_y of
 * the T co-shares seen among all pairs. A pair passes when P(K ≥ its co-shares | λ) is at most
 * `significance` divided by the number of co-sharing pairs (Bonferroni). Heavy sharers meet in
 * popular items by chance; a planted group meets in items few others share, far more often than that.
 */
export function chanceTest(activity: ArrayLike<number>, totalCoShares: number, pairs: number, significance: number) {
  let sum = 0;
  let sumSquares = 0;
  for (let i = 0; i < activity.length; i++) {
    const n = activity[i] ?? 0;
    sum += n;
    sumSquares += n * n;
  }
  const products = (sum * sum - sumSquares) / 2;
  const level = significance / Math.max(1, pairs);
  return (a: number, b: number, weight: number) => {
    const expected = products > 0 ? (totalCoShares * (activity[a] ?? 0) * (activity[b] ?? 0)) / products : 0;
    const pValue = poissonTail(weight, expected);
    return { expected, pValue, passes: pValue <= level };
  };
}

function find(parent: Map<number, number>, x: number): number {
  let r = x;
  while (parent.get(r) !== r) r = parent.get(r)!;
  while (parent.get(x) !== r) {
    const next = parent.get(x)!;
    parent.set(x, r);
    x = next;
  }
  return r;
}

/** FNV-1a, twice with different offsets: a 64-bit key that stays the same for the same accounts. */
function networkKey(accountIds: readonly string[]): string {
  let h1 = 0x811c9dc5;
  let h2 = 0x01000193 ^ 0x5bd1e995;
  for (const id of accountIds) {
    for (let i = 0; i <= id.length; i++) {
      const c = i < id.length ? id.charCodeAt(i) : 10;
      h1 = Math.imul(h1 ^ c, 0x01000193);
      h2 = Math.imul(h2 ^ c, 0x01000193) ^ (h2 >>> 15);
    }
  }
  return `net-${(h1 >>> 0).toString(16).padStart(8, '0')}${(h2 >>> 0).toString(16).padStart(8, '0')}`;
}

function toCoShare(pair: PairEvidence, object: number, raw: RawCoShare, names: Names): CoShare {
  const a: ShareRef = { accountId: names.account(pair.a), at: raw.atA, ...(raw.idA !== undefined ? { id: raw.idA } : {}) };
  const b: ShareRef = { accountId: names.account(pair.b), at: raw.atB, ...(raw.idB !== undefined ? { id: raw.idB } : {}) };
  return { objectId: names.object(object), a, b, seconds: Math.abs(raw.atA - raw.atB) / 1000 };
}

/** One network from its kept pairs. */
function assembleOne(pairs: PairEvidence[], names: Names): CoordinatedNetwork {
  const accounts = new Map<string, CoordinatedAccount>();
  const objects = new Map<string, { accounts: Set<string>; firstAt: number; lastAt: number }>();
  const timeline = new Map<string, ShareRef & { objectId: string }>();
  const edges: CoordinatedEdge[] = [];
  for (const pair of pairs) {
    const coShares = [...pair.coShares].map(([object, raw]) => toCoShare(pair, object, raw, names)).sort((x, y) => Math.min(x.a.at, x.b.at) - Math.min(y.a.at, y.b.at));
    const edge: CoordinatedEdge = { a: names.account(pair.a), b: names.account(pair.b), weight: coShares.length, expected: pair.expected ?? 0, pValue: pair.pValue ?? 0, coShares };
    edges.push(edge);
    for (const id of [edge.a, edge.b]) {
      const acc = accounts.get(id) ?? { accountId: id, degree: 0, strength: 0 };
      acc.degree++;
      acc.strength += edge.weight;
      accounts.set(id, acc);
    }
    for (const c of coShares) {
      const o = objects.get(c.objectId) ?? { accounts: new Set<string>(), firstAt: Number.POSITIVE_INFINITY, lastAt: Number.NEGATIVE_INFINITY };
      for (const s of [c.a, c.b]) {
        o.accounts.add(s.accountId);
        o.firstAt = Math.min(o.firstAt, s.at);
        o.lastAt = Math.max(o.lastAt, s.at);
        timeline.set(`${s.accountId}\u0000${c.objectId}\u0000${s.at}\u0000${s.id ?? ''}`, { ...s, objectId: c.objectId });
      }
      objects.set(c.objectId, o);
    }
  }
  const sortedAccounts = [...accounts.values()].sort((x, y) => (x.accountId < y.accountId ? -1 : 1));
  const objectList: CoordinatedObject[] = [...objects].map(([objectId, o]) => ({ objectId, accounts: o.accounts.size, firstAt: o.firstAt, lastAt: o.lastAt })).sort((x, y) => x.firstAt - y.firstAt);
  const events = [...timeline.values()].sort((x, y) => x.at - y.at);
  return {
    key: networkKey(sortedAccounts.map((a) => a.accountId)),
    accounts: sortedAccounts,
    objects: objectList,
    edges: edges.sort((x, y) => y.weight - x.weight),
    firstAt: events[0]?.at ?? 0,
    lastAt: events[events.length - 1]?.at ?? 0,
    timeline: events,
  };
}

/** Kept pairs grouped into connected components, each a network, largest first. */
export function assembleNetworks(kept: readonly PairEvidence[], names: Names): CoordinatedNetwork[] {
  const parent = new Map<number, number>();
  for (const { a, b } of kept) {
    if (!parent.has(a)) parent.set(a, a);
    if (!parent.has(b)) parent.set(b, b);
    const ra = find(parent, a);
    const rb = find(parent, b);
    if (ra !== rb) parent.set(Math.max(ra, rb), Math.min(ra, rb));
  }
  const groups = new Map<number, PairEvidence[]>();
  for (const pair of kept) {
    const root = find(parent, pair.a);
    const list = groups.get(root) ?? [];
    list.push(pair);
    groups.set(root, list);
  }
  return [...groups.values()].map((pairs) => assembleOne(pairs, names)).sort((x, y) => y.accounts.length - x.accounts.length || x.firstAt - y.firstAt);
}
