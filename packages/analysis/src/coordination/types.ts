/** One account sharing one thing at one time. */
export type Share = {
  accountId: string;
  /** What was shared: a normalised URL, or a near-duplicate cluster id (`cluster:…`) for a text. */
  objectId: string;
  /** Epoch milliseconds, or a Date. */
  at: number | Date;
  /** The item's own id, carried into the evidence. */
  id?: string;
};

export type CoordinationOptions = {
  /** A fixed coordination window in seconds instead of the one estimated from the data. */
  windowSeconds?: number;
  /** CooRnet's q: the share of objects with the quickest second share the estimate looks at. Default 0.1. */
  quickest?: number;
  /** CooRnet's p: the share of an object's shares whose arrival time is measured, and the quantile taken. Default 0.5. */
  shareFraction?: number;
  /**
   * Bounds of the estimated window, in seconds. Defaults 1 (CooRnet's floor) and 60 (CooRTweet's
   * window for links): on a stream of several days the quickest objects by second share are mostly
   * popular ones, whose time to half their shares is hours, and an unbounded estimate pairs crowds
   * (ADR 0024).
   */
  minWindowSeconds?: number;
  maxWindowSeconds?: number;
  /** Pairs are kept from this percentile of co-share counts up (CooRnet's `percentile_edge_weight`). Default 0.9. */
  edgePercentile?: number;
  /** …and with at least this many distinct objects co-shared (CooRTweet's `min_repetition`). Default 2. */
  minRepetitions?: number;
  /**
   * …and co-sharing more than chance would explain: the probability of as many co-shares if the two
   * accounts shared independently, in proportion to how much each shares (a Poisson configuration
   * model), at most this divided by the number of co-sharing pairs (Bonferroni). Default 0.05;
   * `false` turns the test off (CooRnet's and CooRTweet's rules alone).
   */
  significance?: number | false;
  /**
   * At most this many earlier shares of the same object, nearest first, are paired with a new share.
   * A link that thousands share in one minute is a crowd, not a network; this bounds the cost. Default 500.
   */
  maxPairsPerShare?: number;
};

/** The coordination window and how it was found. */
export type CoordinationWindow = {
  seconds: number;
  /** `estimated` from the data (CooRnet), `fixed` by the caller, or `default` when the data had too few repeated objects. */
  source: 'estimated' | 'fixed' | 'default';
  /** Objects shared more than once, and the quickest of them the estimate used. */
  repeatedObjects: number;
  quickestObjects: number;
  /** The estimate before the bounds were applied, in seconds. */
  raw?: number;
};

/** One share as evidence. */
export type ShareRef = { accountId: string; at: number; id?: string };

/** Two accounts sharing one object within the window: the closest pair of their shares of it. */
export type CoShare = { objectId: string; a: ShareRef; b: ShareRef; seconds: number };

export type CoordinatedEdge = {
  a: string;
  b: string;
  /** Distinct objects the two co-shared within the window. */
  weight: number;
  /** Co-shares expected by chance for two accounts as active as these, and the probability of `weight` or more. */
  expected: number;
  pValue: number;
  coShares: CoShare[];
};

export type CoordinatedAccount = {
  accountId: string;
  /** Accounts it is linked to in the network. */
  degree: number;
  /** Sum of its edges' weights. */
  strength: number;
};

export type CoordinatedObject = { objectId: string; accounts: number; firstAt: number; lastAt: number };

export type CoordinatedNetwork = {
  /** Stable for the same set of accounts: a hash of their sorted ids. */
  key: string;
  accounts: CoordinatedAccount[];
  objects: CoordinatedObject[];
  edges: CoordinatedEdge[];
  firstAt: number;
  lastAt: number;
  /** Every share in the evidence, in time order: the network's timeline. */
  timeline: (ShareRef & { objectId: string })[];
};

export type CoordinationResult = {
  window: CoordinationWindow;
  /** The co-share count from which pairs were kept: max(percentile, minRepetitions). */
  edgeThreshold: number;
  /** Pairs that passed the count threshold but not the chance test. */
  chanceRejected: number;
  networks: CoordinatedNetwork[];
  stats: { shares: number; accounts: number; objects: number; pairs: number; keptPairs: number };
};

/** The options with their defaults filled in. */
export type ResolvedOptions = Required<Omit<CoordinationOptions, 'windowSeconds'>> & { windowSeconds?: number };

export function resolveOptions(options: CoordinationOptions): ResolvedOptions {
  const resolved: ResolvedOptions = {
    quickest: options.quickest ?? 0.1,
    shareFraction: options.shareFraction ?? 0.5,
    minWindowSeconds: options.minWindowSeconds ?? 1,
    maxWindowSeconds: options.maxWindowSeconds ?? 60,
    edgePercentile: options.edgePercentile ?? 0.9,
    minRepetitions: options.minRepetitions ?? 2,
    maxPairsPerShare: options.maxPairsPerShare ?? 500,
    significance: options.significance ?? 0.05,
    ...(options.windowSeconds !== undefined ? { windowSeconds: options.windowSeconds } : {}),
  };
  for (const [name, v] of [['quickest', resolved.quickest], ['shareFraction', resolved.shareFraction], ['edgePercentile', resolved.edgePercentile]] as const) {
    if (!(v >= 0 && v <= 1)) throw new RangeError(`${name} must be between 0 and 1, got ${v}`);
  }
  if (resolved.significance !== false && !(resolved.significance > 0 && resolved.significance <= 1)) {
    throw new RangeError(`significance must be in (0, 1] or false, got ${resolved.significance}`);
  }
  if (resolved.windowSeconds !== undefined && !(resolved.windowSeconds > 0)) throw new RangeError(`windowSeconds must be positive, got ${resolved.windowSeconds}`);
  if (!(resolved.minWindowSeconds > 0 && resolved.maxWindowSeconds >= resolved.minWindowSeconds)) {
    throw new RangeError('minWindowSeconds must be positive and not above maxWindowSeconds');
  }
  return resolved;
}

/** Epoch milliseconds of a share's time; throws on an invalid one. */
export function toMillis(at: number | Date): number {
  const ms = typeof at === 'number' ? at : at.getTime();
  if (!Number.isFinite(ms)) throw new RangeError(`invalid share time: ${String(at)}`);
  return ms;
}
