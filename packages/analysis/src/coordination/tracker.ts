import { assembleNetworks, chanceTest, edgeThreshold, type PairEvidence } from './networks.ts';
import { checkShare, Interner, recordCoShare } from './pairs.ts';
import { type CoordinationOptions, type CoordinationResult, resolveOptions, type Share, toMillis } from './types.ts';
import { estimateCoordinationWindow } from './window.ts';

export type TrackerOptions = CoordinationOptions & {
  /** Shares older than this, counted back from the newest share seen (or `prune(now)`), are dropped. Default 7 days. */
  horizonSeconds?: number;
};

export type CoordinationTracker = {
  /** Adds shares as they arrive (roughly in time order; a late one is placed where it belongs). */
  add(shares: Share | Iterable<Share>): void;
  /** Near-duplicate clusters `from` were merged into `into`: their shares become shares of one object. */
  mergeObjects(into: string, from: readonly string[]): void;
  /** Drops what fell out of the horizon, counted back from `now` (ms) or from the newest share. */
  prune(now?: number): void;
  /** The coordinated networks among the shares within the horizon, now. */
  detect(): CoordinationResult;
  /** What is held: shares, candidate co-shares, objects. */
  readonly size: { shares: number; coShares: number; objects: number };
};

/** The shares of one object in time order; `[0, head)` has expired. */
type Timeline = { at: number[]; account: string[]; id: (string | undefined)[]; head: number };

/** Two accounts' shares of one object within the widest window a detection may use. */
type Candidate = { a: string; b: string; object: string; atA: number; atB: number; idA: string | undefined; idB: string | undefined };

const DAY = 86_400;

function compact(t: Timeline): void {
  if (t.head > 32 && t.head * 2 > t.at.length) {
    t.at.splice(0, t.head);
    t.account.splice(0, t.head);
    t.id.splice(0, t.head);
    t.head = 0;
  }
}

/** First index in `t` (from head) whose time is after `ms`: a new share goes after equal times. */
function upperBound(t: Timeline, ms: number): number {
  let lo = t.head;
  let hi = t.at.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (t.at[mid]! <= ms) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * Incremental coordinated-sharing detection for the ingest path. Each new share is paired on arrival
 * with the shares of the same object within the widest window (`windowSeconds` when fixed, else
 * `maxWindowSeconds`); `detect()` estimates the window from the shares held and keeps the pairs
 * within it, so the answer equals {@link detectCoordination} on the same shares (arriving in time
 * order). Memory is bounded by the horizon: older shares and their co-shares are dropped.
 * @example const t = createCoordinationTracker(); t.add(share); t.detect().networks
 */
export function createCoordinationTracker(options: TrackerOptions = {}): CoordinationTracker {
  const opts = resolveOptions(options);
  const horizonMs = (options.horizonSeconds ?? 7 * DAY) * 1000;
  if (!(horizonMs > 0)) throw new RangeError('horizonSeconds must be positive');
  const candidateMs = (opts.windowSeconds ?? opts.maxWindowSeconds) * 1000;
  const timelines = new Map<string, Timeline>();
  const alias = new Map<string, string>();
  let log: Candidate[] = [];
  let logHead = 0;
  let newest = Number.NEGATIVE_INFINITY;
  let live = 0;
  let sincePrune = 0;
  // Every share's object and time in arrival order, for pruning without walking every object.
  const arrivals: string[] = [];
  const arrivalAt: number[] = [];
  let arrivalHead = 0;
  let prunedAt = Number.NEGATIVE_INFINITY;

  const resolve = (object: string): string => {
    let o = object;
    for (let next = alias.get(o); next !== undefined; next = alias.get(o)) o = next;
    return o;
  };

  const candidate = (object: string, accA: string, atA: number, idA: string | undefined, accB: string, atB: number, idB: string | undefined): Candidate =>
    accA < accB ? { a: accA, b: accB, object, atA, atB, idA, idB } : { a: accB, b: accA, object, atA: atB, atB: atA, idA: idB, idB: idA };

  /** Candidates between one share and the shares of `t` around position `pos`, nearest first. */
  function pairAround(t: Timeline, pos: number, object: string, account: string, ms: number, id: string | undefined): void {
    let paired = 0;
    let i = pos - 1;
    let j = pos;
    while (paired < opts.maxPairsPerShare) {
      const before = i >= t.head && ms - t.at[i]! <= candidateMs ? ms - t.at[i]! : Number.POSITIVE_INFINITY;
      const after = j < t.at.length && t.at[j]! - ms <= candidateMs ? t.at[j]! - ms : Number.POSITIVE_INFINITY;
      if (before === Number.POSITIVE_INFINITY && after === Number.POSITIVE_INFINITY) break;
      const k = before <= after ? i-- : j++;
      if (t.account[k] === account) continue;
      log.push(candidate(object, account, ms, id, t.account[k]!, t.at[k]!, t.id[k]));
      paired++;
    }
  }

  function addOne(share: Share): void {
    checkShare(share);
    const ms = toMillis(share.at);
    const object = resolve(share.objectId);
    let t = timelines.get(object);
    if (!t) {
      t = { at: [], account: [], id: [], head: 0 };
      timelines.set(object, t);
    }
    const pos = upperBound(t, ms);
    pairAround(t, pos, object, share.accountId, ms, share.id);
    t.at.splice(pos, 0, ms);
    t.account.splice(pos, 0, share.accountId);
    t.id.splice(pos, 0, share.id);
    live++;
    arrivals.push(object);
    arrivalAt.push(ms);
    if (ms > newest) newest = ms;
    // Pruning walks every object: do it every 10,000 shares, or when time moved on a sixteenth of the horizon.
    if (++sincePrune >= 10_000 || newest - prunedAt >= horizonMs / 16) prune();
  }

  function prune(now?: number): void {
    sincePrune = 0;
    prunedAt = Math.max(newest, now ?? Number.NEGATIVE_INFINITY);
    const cutoff = prunedAt - horizonMs;
    // Only the objects of shares that arrived long enough ago are looked at, not every object.
    while (arrivalHead < arrivals.length && arrivalAt[arrivalHead]! < cutoff) {
      const object = resolve(arrivals[arrivalHead++]!);
      const t = timelines.get(object);
      if (!t) continue;
      while (t.head < t.at.length && t.at[t.head]! < cutoff) {
        t.head++;
        live--;
      }
      if (t.head === t.at.length) timelines.delete(object);
      else compact(t);
    }
    if (arrivalHead > 1024 && arrivalHead * 2 > arrivals.length) {
      arrivals.splice(0, arrivalHead);
      arrivalAt.splice(0, arrivalHead);
      arrivalHead = 0;
    }
    // The log is in arrival order, nearly time order: a late straggler waits for those before it.
    while (logHead < log.length && Math.max(log[logHead]!.atA, log[logHead]!.atB) < cutoff) logHead++;
    if (logHead > 1024 && logHead * 2 > log.length) {
      log = log.slice(logHead);
      logHead = 0;
    }
    for (const [from, into] of alias) if (!timelines.has(resolve(into)) && !timelines.has(from)) alias.delete(from);
  }

  function mergeObjects(into: string, from: readonly string[]): void {
    const target = resolve(into);
    for (const f of from) {
      const source = resolve(f);
      if (source === target) continue;
      alias.set(source, target);
      const moving = timelines.get(source);
      if (!moving) continue;
      timelines.delete(source);
      let t = timelines.get(target);
      if (!t) {
        t = { at: [], account: [], id: [], head: 0 };
        timelines.set(target, t);
      }
      // Pair each moving share with the target's shares (not with its own: those pairs exist).
      const kept = t;
      const arriving = moving.at.slice(moving.head).map((ms, k) => ({ ms, account: moving.account[moving.head + k]!, id: moving.id[moving.head + k] }));
      for (const s of arriving) pairAround(kept, upperBound(kept, s.ms), target, s.account, s.ms, s.id);
      for (const s of arriving) {
        const pos = upperBound(kept, s.ms);
        kept.at.splice(pos, 0, s.ms);
        kept.account.splice(pos, 0, s.account);
        kept.id.splice(pos, 0, s.id);
      }
    }
  }

  function detect(): CoordinationResult {
    prune();
    const cutoff = newest - horizonMs;
    const window = estimateCoordinationWindow(
      (function* () {
        for (const t of timelines.values()) yield t.head === 0 ? t.at : t.at.slice(t.head);
      })(),
      opts,
    );
    const windowMs = window.seconds * 1000;
    const accounts = new Interner('account');
    const objects = new Interner('object');
    const pairs = new Map<string, PairEvidence>();
    for (let k = logHead; k < log.length; k++) {
      const c = log[k]!;
      if (Math.abs(c.atA - c.atB) > windowMs || Math.min(c.atA, c.atB) < cutoff) continue;
      const key = `${c.a}\u0000${c.b}`;
      let pair = pairs.get(key);
      if (!pair) {
        pair = { a: accounts.of(c.a), b: accounts.of(c.b), coShares: new Map() };
        pairs.set(key, pair);
      }
      // The pair was made from this key, so its `a` is `c.a`: the times go in as they are.
      recordCoShare(pair, objects.of(resolve(c.object)), pair.a, c.atA, c.idA, c.atB, c.idB);
    }
    const threshold = edgeThreshold((function* () {
      for (const p of pairs.values()) yield p.coShares.size;
    })(), opts.edgePercentile, opts.minRepetitions);
    // Activity of every account holding shares, for the chance test.
    const activity: number[] = [];
    for (const t of timelines.values()) {
      for (let i = t.head; i < t.account.length; i++) {
        const a = accounts.of(t.account[i]!);
        activity[a] = (activity[a] ?? 0) + 1;
      }
    }
    let total = 0;
    for (const p of pairs.values()) total += p.coShares.size;
    const test = opts.significance === false ? undefined : chanceTest(activity, total, pairs.size, opts.significance);
    let chanceRejected = 0;
    const kept = [...pairs.values()].filter((p) => {
      if (p.coShares.size < threshold) return false;
      const chance = test?.(p.a, p.b, p.coShares.size);
      if (!chance) return true;
      p.expected = chance.expected;
      p.pValue = chance.pValue;
      if (!chance.passes) chanceRejected++;
      return chance.passes;
    });
    return {
      window,
      edgeThreshold: threshold,
      chanceRejected,
      networks: assembleNetworks(kept, { account: (i) => accounts.ids[i]!, object: (i) => objects.ids[i]! }),
      stats: { shares: live, accounts: activity.filter((n) => n > 0).length, objects: timelines.size, pairs: pairs.size, keptPairs: kept.length },
    };
  }

  return {
    add(shares) {
      if (Symbol.iterator in Object(shares)) for (const s of shares as Iterable<Share>) addOne(s);
      else addOne(shares as Share);
    },
    mergeObjects,
    prune,
    detect,
    get size() {
      return { shares: live, coShares: log.length - logHead, objects: timelines.size };
    },
  };
}
