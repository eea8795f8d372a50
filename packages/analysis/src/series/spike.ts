import { countSurprise, fitWandering } from './count-tail.ts';
import { type BucketHit, type Detection, mergeHits } from './detection.ts';
import { median, normalQuantile, normalTail } from './stats.ts';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

export type SpikeOptions = {
  /** Width of one bucket in milliseconds (the caller's grid: 5 min, 1 h, 1 day …). */
  bucketMs: number;
  /** Surprise (one-sided normal z) that marks a bucket … */
  z?: number;
  /**
   * … and `persist.need` marked buckets among the last `persist.of` that make a hit. A bucket of a
   * day or longer already holds a story's hours: there one marked bucket is a hit when its z has
   * the chance of `need` of `of` buckets at `z` (z ≈ 4.0 for the defaults).
   */
  persist?: { need: number; of: number };
  /** A single bucket this surprising is a hit on its own. */
  zAlone?: number;
  /**
   * A bucket is marked only when its count is also at least this many times the expected count:
   * the effect-size floor beside the statistical one, so that a very regular series does not alert
   * on a rise that is surprising but small (1 turns the floor off).
   */
  minRatio?: number;
  /**
   * Window lengths (in buckets) scanned at every bucket: the sum of the last w counts against the
   * sum of their expectations, each scale with its own fitted spread; a bucket's surprise is the
   * largest over the scales (a scan statistic, as outbreak detection uses for sustained rises).
   * `minRatio` applies to the window sums.
   */
  scales?: readonly number[];
  /** A bucket with fewer items is never marked. */
  minCount?: number;
  /** Past seasons whose same phase forms the expected value, and how many must exist before anything fires. */
  seasons?: number;
  minSeasons?: number;
  /**
   * Buckets within this long either side of the same phase join it in each past season's share
   * of the median (2 h: the same hour ± 2 on each of 7 days, 35 values for hourly buckets). Only
   * used when the season is a day, i.e. for buckets shorter than a day.
   */
  poolMs?: number;
  /** Hits less than this long after the previous hit belong to the same alert. */
  coolDownMs?: number;
};

/**
 * The shipped defaults; the same for every series (nothing is tuned per series). The rule is the
 * control-chart pair (Western Electric: two of three points moderately out, or one point far out),
 * weighted towards persistence because social volume is full of one-bucket blips (a bot, one viral
 * post) while a story lasts hours: two of three buckets at z 2.75 (p ≈ 0.003, the three-sigma rate)
 * and at least twice the expected count, or one bucket alone at z 7 (p ≈ 10⁻¹²). Chosen on
 * synthetic social-volume series (scripts/calibrate-spikes.ts) and checked on the labelled NAB
 * tweet series leaving one series out (scripts/spike-loso.ts).
 */
export const SPIKE_DEFAULTS = {
  z: 2.75,
  persist: { need: 2, of: 3 },
  zAlone: 7,
  minRatio: 2,
  scales: [1],
  minCount: 5,
  seasons: 7,
  minSeasons: 3,
  poolMs: 2 * HOUR,
  coolDownMs: 12 * HOUR,
} as const;

/**
 * The seasonal period in buckets: a day for sub-daily buckets (news and social volume follow the
 * clock), a week for daily buckets, none for coarser ones.
 */
export function seasonalPeriod(bucketMs: number): number {
  if (bucketMs < DAY) return Math.max(1, Math.round(DAY / bucketMs));
  if (bucketMs < 7 * DAY) return Math.max(1, Math.round((7 * DAY) / bucketMs));
  return 1;
}

/**
 * The default spike detector, in three steps.
 * 1. Expectation: the median count of the same phase and its neighbours (± `poolMs`) over the
 *    previous `seasons` seasons — the same hour ± 2 h on the previous 7 days for hourly buckets.
 *    Seasonal, a past spike cannot drag it up, and 35 values instead of 7 make it steady enough for
 *    small counts (the median of seven Poisson draws around 3 is 2, 3 or 4: off by a third).
 * 2. Surprise: P(X ≥ observed) under a Poisson–log-normal model around that median, whose log-scale
 *    spread is fitted (maximum likelihood with an outlier component) to the previous seasons once
 *    per season, turned into a normal z. Counting noise and the series' own day-to-day wandering
 *    are both in it, so a quiet series and a busy one share one threshold.
 * 3. Rule: a bucket is marked when its z reaches `z` and its count is `minRatio` times the
 *    expectation; it is a hit when `persist.need` of the last `persist.of` buckets are marked, or
 *    alone when its z reaches `zAlone` — or, for buckets of a day or longer, which hold a whole
 *    story, `persistenceZ` (≈ 4.0); hits within the cool-down are one alert, with a count.
 *
 * @example detectSpikes(hourlyCounts, { bucketMs: 3_600_000 })
 */
export function detectSpikes(counts: readonly number[], options: SpikeOptions): Detection[] {
  const z = options.z ?? SPIKE_DEFAULTS.z;
  const persist = options.persist ?? SPIKE_DEFAULTS.persist;
  const zAlone = options.zAlone ?? SPIKE_DEFAULTS.zAlone;
  const minCount = options.minCount ?? SPIKE_DEFAULTS.minCount;
  const coolDown = Math.max(1, Math.round((options.coolDownMs ?? SPIKE_DEFAULTS.coolDownMs) / options.bucketMs));
  const expected = seasonalMedians(counts, options);
  const scores = surprises(counts, expected, seasonalPeriod(options.bucketMs), options);
  const wholeStory = options.bucketMs >= DAY ? persistenceZ(z, persist) : Number.POSITIVE_INFINITY;
  const marked = scores.map((score, t) => counts[t]! >= minCount && score >= z);

  const hits: BucketHit[] = [];
  for (let t = 0; t < counts.length; t++) {
    if (!marked[t]) continue;
    const score = scores[t]!;
    let recent = 0;
    for (let u = Math.max(0, t - persist.of + 1); u <= t; u++) if (marked[u]) recent++;
    const alone = score >= zAlone || score >= wholeStory;
    if (!alone && recent < persist.need) continue;
    const threshold = score >= zAlone ? zAlone : score >= wholeStory ? wholeStory : z;
    hits.push({ index: t, observed: counts[t]!, expected: expected[t]!, score, threshold });
  }
  return mergeHits('spike', hits, coolDown);
}

/** The z whose one-sided tail equals the chance that at least `need` of `of` independent buckets reach `z`. */
export function persistenceZ(z: number, persist: { need: number; of: number }): number {
  const p = normalTail(z);
  let chance = 0;
  for (let k = persist.need; k <= persist.of; k++) chance += binomial(persist.of, k) * p ** k * (1 - p) ** (persist.of - k);
  return -normalQuantile(chance);
}

function binomial(n: number, k: number): number {
  let c = 1;
  for (let i = 1; i <= k; i++) c = (c * (n - k + i)) / i;
  return c;
}

/** Step 1: the median of the same phase ± `poolMs` over the previous seasons; NaN until `minSeasons` of them exist. */
function seasonalMedians(counts: readonly number[], options: SpikeOptions): number[] {
  const seasons = options.seasons ?? SPIKE_DEFAULTS.seasons;
  const minSeasons = options.minSeasons ?? SPIKE_DEFAULTS.minSeasons;
  const period = seasonalPeriod(options.bucketMs);
  if (period === 1) {
    // With no seasonality, "the same phase" is every bucket: take four times as many recent buckets.
    return counts.map((_, t) => (t >= minSeasons * 4 ? median(counts.slice(Math.max(0, t - seasons * 4), t)) : Number.NaN));
  }
  // Neighbours only within a daily season: for daily buckets the weekly season's neighbours are other weekdays.
  const pool = options.bucketMs < DAY ? Math.min(Math.floor((period - 1) / 2), Math.round((options.poolMs ?? SPIKE_DEFAULTS.poolMs) / options.bucketMs)) : 0;
  return counts.map((_, t) => {
    if (t < minSeasons * period) return Number.NaN;
    const past: number[] = [];
    for (let j = 1; j <= seasons && t - j * period + pool >= 0; j++) {
      for (let u = t - j * period - pool; u <= t - j * period + pool; u++) if (u >= 0) past.push(counts[u]!);
    }
    return median(past);
  });
}

/** Step 2: each bucket's surprise as a z, the largest over the scales (0 below `minRatio` times the expectation, or without one yet). */
function surprises(counts: readonly number[], expected: readonly number[], period: number, options: SpikeOptions): number[] {
  const best = new Array<number>(counts.length).fill(0);
  for (const w of options.scales ?? SPIKE_DEFAULTS.scales) {
    const sums = windowSums(counts, w);
    const means = windowSums(expected, w);
    const z = scaleSurprises(sums, means, period, options);
    for (let t = 0; t < best.length; t++) best[t] = Math.max(best[t]!, z[t]!);
  }
  return best;
}

/** Sums of the last `w` values at each index (NaN until `w` values exist or when one is NaN). */
function windowSums(values: readonly number[], w: number): number[] {
  return values.map((_, t) => {
    if (t + 1 < w) return Number.NaN;
    let sum = 0;
    for (let u = t - w + 1; u <= t; u++) sum += values[u]!;
    return sum;
  });
}

/** The surprise of each windowed count against its windowed expectation, the spread refitted once per season. */
function scaleSurprises(counts: readonly number[], expected: readonly number[], period: number, options: SpikeOptions): number[] {
  const span = Math.max(period, 1) * (options.seasons ?? SPIKE_DEFAULTS.seasons);
  const step = Math.max(period, 1);
  const spreads = new Map<number, number | undefined>();
  // The spread moves slowly: refit it once per season from the span before that season.
  const spreadAt = (t: number) => {
    const season = Math.floor(t / step);
    if (!spreads.has(season)) {
      const to = season * step;
      const known: number[] = [];
      for (let i = Math.max(0, to - span); i < to; i++) if (!Number.isNaN(expected[i]!) && !Number.isNaN(counts[i]!)) known.push(i);
      const fitted = known.length >= step ? fitWandering(known.map((i) => counts[i]!), known.map((i) => expected[i]!)) : undefined;
      spreads.set(season, fitted);
    }
    return spreads.get(season);
  };
  const minRatio = options.minRatio ?? SPIKE_DEFAULTS.minRatio;
  return counts.map((count, t) => {
    const mu = expected[t]!;
    if (Number.isNaN(mu) || Number.isNaN(count) || count <= mu || count < minRatio * mu) return 0;
    const sigma = spreadAt(t);
    return sigma === undefined ? 0 : countSurprise(count, mu, sigma).z;
  });
}
