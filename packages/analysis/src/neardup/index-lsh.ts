import {
  fmix32,
  jaccardOfHashes,
  minhashSeeds,
  minhashSignature,
  type ShingleOptions,
  shingleHashes,
} from './minhash.ts';

export type NearDuplicateOptions = ShingleOptions & {
  /**
   * LSH bands × rows = signature length. Default 20 × 5 = 100 hashes. A pair with Jaccard s becomes a
   * candidate with probability 1 − (1 − s^r)^b: 0.9996 at s = 0.8, 0.80 at 0.6, 0.18 at 0.4, 0.006 at
   * 0.2 (the S-curve's midpoint (1/b)^(1/r) ≈ 0.55 sits well below 0.8). Recall at the threshold is
   * what matters; the extra candidates are cheap because every one is verified on exact shingle sets.
   */
  bands?: number;
  rows?: number;
  /** Minimum exact Jaccard (word shingles) for two items to join one cluster. Default 0.8. */
  threshold?: number;
  /** Seed of the MinHash functions; the same seed gives the same clusters on every machine. */
  seed?: number;
};

export type AddResult = {
  clusterId: string;
  /** True when the item matched nothing and opened a cluster of its own. */
  isNew: boolean;
  /** The most similar earlier item at or above the threshold. */
  similarTo?: { id: string; jaccard: number };
  /** Clusters this item bridged and which now carry `clusterId` instead. */
  merged?: string[];
};

export type ClusterView = {
  clusterId: string;
  size: number;
  firstAt: number;
  lastAt: number;
  /** Members in time order, to draw the story's spread. */
  items: { id: string; at: number }[];
};

export type NearDuplicateIndex = {
  add(id: string, text: string, at?: number | Date): AddResult;
  clusterOf(id: string): string | undefined;
  cluster(clusterId: string): ClusterView | undefined;
  /** Clusters with at least `minSize` members (default 2). */
  clusters(minSize?: number): ClusterView[];
  readonly size: number;
};

/**
 * Incremental near-duplicate clustering: MinHash + LSH for candidates, exact Jaccard to confirm,
 * union-find so the final partition does not depend on arrival order.
 * @example const idx = createNearDuplicateIndex(); idx.add('a', post1); idx.add('b', post2).clusterId
 */
export function createNearDuplicateIndex(options: NearDuplicateOptions = {}): NearDuplicateIndex {
  const bands = options.bands ?? 20;
  const rows = options.rows ?? 5;
  const threshold = options.threshold ?? 0.8;
  const shingleOpts: ShingleOptions = { k: options.k ?? 3, charK: options.charK ?? 4 };
  const seeds = minhashSeeds(bands * rows, options.seed ?? 0x5eed);

  const ids: string[] = [];
  const times: number[] = [];
  const sets: Uint32Array[] = [];
  const parent: number[] = [];
  const members = new Map<number, number[]>();
  const byId = new Map<string, number>();
  const buckets: Map<number, number[]>[] = Array.from({ length: bands }, () => new Map());
  const seen: number[] = [];

  function find(x: number): number {
    let r = x;
    while (parent[r] !== r) r = parent[r]!;
    let c = x;
    while (parent[c] !== r) {
      const next = parent[c]!;
      parent[c] = r;
      c = next;
    }
    return r;
  }

  // The older root survives, so a cluster keeps the id of its first item.
  function union(a: number, b: number): number {
    const ra = find(a);
    const rb = find(b);
    if (ra === rb) return ra;
    const [keep, drop] = ra < rb ? [ra, rb] : [rb, ra];
    parent[drop] = keep;
    members.get(keep)!.push(...members.get(drop)!);
    members.delete(drop);
    return keep;
  }

  function bandKey(sig: Uint32Array, band: number): number {
    let h = band;
    for (let i = band * rows; i < (band + 1) * rows; i++) h = Math.imul(h ^ sig[i]!, 0x9e3779b1) + 0x7f4a7c15;
    return fmix32(h);
  }

  function view(root: number): ClusterView {
    const items = members
      .get(root)!
      .map((i) => ({ id: ids[i]!, at: times[i]! }))
      .sort((x, y) => x.at - y.at || (x.id < y.id ? -1 : 1));
    return {
      clusterId: ids[root]!,
      size: items.length,
      firstAt: items[0]!.at,
      lastAt: items[items.length - 1]!.at,
      items,
    };
  }

  function add(id: string, text: string, at?: number | Date): AddResult {
    if (byId.has(id)) throw new Error(`near-duplicate index: item ${id} was already added`);
    const self = ids.length;
    const set = shingleHashes(text, shingleOpts);
    const sig = minhashSignature(set, seeds);
    ids.push(id);
    times.push(at === undefined ? Date.now() : typeof at === 'number' ? at : at.getTime());
    sets.push(set);
    parent.push(self);
    members.set(self, [self]);
    byId.set(id, self);
    seen.push(-1);

    let best: { index: number; jaccard: number } | undefined;
    const linkedRoots = new Set<number>();
    for (let b = 0; b < bands; b++) {
      const key = bandKey(sig, b);
      const bucket = buckets[b]!.get(key);
      if (!bucket) {
        buckets[b]!.set(key, [self]);
        continue;
      }
      for (const cand of bucket) {
        if (seen[cand] === self) continue;
        seen[cand] = self;
        // One confirmed member is enough to join a cluster; other members need no check.
        if (linkedRoots.has(find(cand)) && best !== undefined) continue;
        const j = jaccardOfHashes(set, sets[cand]!);
        if (j < threshold) continue;
        linkedRoots.add(find(cand));
        if (!best || j > best.jaccard) best = { index: cand, jaccard: j };
      }
      bucket.push(self);
    }
    if (!best) return { clusterId: id, isNew: true };
    const roots = [...linkedRoots];
    let root = self;
    for (const r of roots) root = union(root, r);
    const merged = roots.filter((r) => r !== root).map((r) => ids[r]!);
    return {
      clusterId: ids[root]!,
      isNew: false,
      similarTo: { id: ids[best.index]!, jaccard: best.jaccard },
      ...(merged.length > 0 ? { merged } : {}),
    };
  }

  return {
    add,
    clusterOf: (id) => {
      const i = byId.get(id);
      return i === undefined ? undefined : ids[find(i)];
    },
    cluster: (clusterId) => {
      const i = byId.get(clusterId);
      if (i === undefined || find(i) !== i) return undefined;
      return view(i);
    },
    clusters: (minSize = 2) => [...members.keys()].filter((r) => members.get(r)!.length >= minSize).map(view),
    get size() {
      return ids.length;
    },
  };
}
