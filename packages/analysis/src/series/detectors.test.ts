import { describe, expect, it } from 'vitest';
import { mergeHits } from './detection.ts';
import { kleinbergBursts, kleinbergGaps } from './kleinberg.ts';
import { rollingZScore } from './rolling-zscore.ts';
import { detectSpikes, persistenceZ } from './spike.ts';
import { toneDrop } from './tone-drop.ts';
import { WINDOW_PRESETS, windowCompare } from './window-compare.ts';
import { seededRandom } from '../stats/seeded-random.ts';

const HOUR = 3_600_000;

const prng = seededRandom;

/** Poisson draw by inversion for small means, normal approximation above 50. */
function poisson(mu: number, rand: () => number): number {
  if (mu > 50) {
    const z = Math.sqrt(-2 * Math.log(rand() || 1e-12)) * Math.cos(2 * Math.PI * rand());
    return Math.max(0, Math.round(mu + Math.sqrt(mu) * z));
  }
  let k = 0;
  let p = Math.exp(-mu);
  let s = p;
  const u = rand();
  while (u > s) {
    k++;
    p *= mu / k;
    s += p;
  }
  return k;
}

/** Hourly counts with a daily cycle and day-to-day noise (×0.8–1.25), and multiplicative spikes at `spikes`. */
function hourlySeries(days: number, level: number, spikes: readonly number[], seed: number, factor = 6): number[] {
  const rand = prng(seed);
  const out: number[] = [];
  for (let t = 0; t < days * 24; t++) {
    const daily = 1 + 0.6 * Math.sin((2 * Math.PI * (t % 24)) / 24);
    const noise = Math.exp((rand() - 0.5) * 0.45);
    const boost = spikes.some((s) => t >= s && t < s + 3) ? factor : 1;
    out.push(poisson(level * daily * noise * boost, rand));
  }
  return out;
}

/** Precision of detections (start within 6 buckets after a true spike) and recall of the spikes. */
function precisionRecall(starts: readonly number[], spikes: readonly number[]) {
  const near = (d: number, s: number) => d >= s && d <= s + 6;
  const tp = starts.filter((d) => spikes.some((s) => near(d, s))).length;
  const found = spikes.filter((s) => starts.some((d) => near(d, s))).length;
  return { precision: starts.length ? tp / starts.length : 0, recall: found / spikes.length };
}

const SPIKES = [200, 420, 610, 800, 1000, 1190, 1405, 1620];

describe('mergeHits', () => {
  it('merges hits within the cool-down and keeps the strongest one as the peak', () => {
    const hit = (index: number, score: number) => ({ index, observed: 10, expected: 1, score, threshold: 3 });
    const merged = mergeHits('spike', [hit(5, 4), hit(6, 9), hit(9, 5), hit(30, 4)], 3);
    expect(merged.map((d) => [d.start, d.end, d.peak, d.hits])).toEqual([
      [5, 9, 6, 3],
      [30, 30, 30, 1],
    ]);
  });
});

describe('detectSpikes (the default detector)', () => {
  it('finds injected spikes on a quiet and on a busy seasonal series with the same defaults', () => {
    for (const [level, seed] of [
      [3, 6],
      [8, 1],
      [400, 2],
    ] as const) {
      const series = hourlySeries(75, level, SPIKES, seed);
      const found = precisionRecall(
        detectSpikes(series, { bucketMs: HOUR }).map((d) => d.start),
        SPIKES,
      );
      expect(found.recall).toBeGreaterThanOrEqual(0.85);
      expect(found.precision).toBeGreaterThanOrEqual(0.8);
    }
    // Three 75-day series through the count-surprise quadrature: about 3 s alone, past 8 s on a shared, busy machine.
  }, 30_000);
  it('says why: observed, expected, score and threshold of the peak', () => {
    const series = hourlySeries(30, 100, [500], 3, 10);
    const [d] = detectSpikes(series, { bucketMs: HOUR }).filter((x) => x.start >= 500 && x.start <= 503);
    expect(d).toBeDefined();
    expect(d!.observed).toBeGreaterThan(4 * d!.expected);
    expect(d!.score).toBeGreaterThanOrEqual(d!.threshold);
    expect(d!.method).toBe('spike');
  });
  it('with a 6-bucket scan and the effect-size floor lowered, also finds a sustained modest rise that no single hour shows', () => {
    // Flat 200 an hour with ±5 % hour-to-hour wobble, then eight hours at 1.25×.
    const rand = prng(12);
    const series = Array.from({ length: 24 * 12 }, (_, t) => poisson(200 * (1 + 0.1 * (rand() - 0.5)) * (t >= 250 && t < 258 ? 1.25 : 1), rand));
    const within = (ds: { start: number }[]) => ds.some((d) => d.start >= 250 && d.start < 260);
    expect(within(detectSpikes(series, { bucketMs: HOUR, scales: [1, 6], minRatio: 1 }))).toBe(true);
    // The 1.25× rise is below the default floor of twice the expected count, with or without the scan.
    expect(within(detectSpikes(series, { bucketMs: HOUR, scales: [1, 6] }))).toBe(false);
    expect(within(detectSpikes(series, { bucketMs: HOUR }))).toBe(false);
  });
  it('alerts on a story that lasts hours, not on one-hour blips of the same size', () => {
    // Level 100 with a daily cycle and a log-normal hour-to-hour spread of 0.4: a 6× hour is
    // z ≈ 3–5, surprising alone but far from z 7, so only two such hours out of three alert.
    const rand = prng(21);
    const normal = () => Math.sqrt(-2 * Math.log(rand() || 1e-12)) * Math.cos(2 * Math.PI * rand());
    const stories = [200, 420, 640, 860, 1080, 1300, 1520, 1740];
    const blips = stories.map((s) => s + 100);
    const series = Array.from({ length: 24 * 80 }, (_, t) => {
      const boost = stories.some((s) => t >= s && t < s + 3) || blips.includes(t) ? 6 : 1;
      return poisson(100 * (1 + 0.5 * Math.sin((2 * Math.PI * t) / 24)) * Math.exp(0.4 * normal()) * boost, rand);
    });
    const starts = detectSpikes(series, { bucketMs: HOUR }).map((d) => d.start);
    const found = precisionRecall(starts, stories);
    expect(found.recall).toBeGreaterThanOrEqual(0.85);
    expect(found.precision).toBeGreaterThanOrEqual(0.8);
    expect(starts.filter((d) => blips.some((b) => d >= b && d <= b + 2)).length).toBeLessThanOrEqual(1);
    // With one bucket at z 3 enough on its own, most blips alert too.
    const loose = detectSpikes(series, { bucketMs: HOUR, zAlone: 3 }).map((d) => d.start);
    expect(loose.filter((d) => blips.some((b) => d >= b && d <= b + 2)).length).toBeGreaterThanOrEqual(5);
  }, 30_000);
  it('does not alert on a rise that is statistically sure but small, unless asked to', () => {
    // A busy, very regular series (2,000 an hour, ±2 %): six hours at 1.6× are a z of 10 and more.
    const rand = prng(33);
    const series = Array.from({ length: 24 * 12 }, (_, t) => poisson(2000 * (1 + 0.04 * (rand() - 0.5)) * (t >= 250 && t < 256 ? 1.6 : 1), rand));
    const within = (ds: { start: number }[]) => ds.some((d) => d.start >= 250 && d.start < 256);
    expect(within(detectSpikes(series, { bucketMs: HOUR }))).toBe(false);
    expect(within(detectSpikes(series, { bucketMs: HOUR, minRatio: 1.5 }))).toBe(true);
  });
  it('on daily buckets, where one bucket holds a whole story, alerts on a single day at the z of two of three', () => {
    // 140 days around 500 with a weekend dip and ±15 % day-to-day wandering; one-day stories at 2.5×,
    // about z 5–6: a hit alone only because the bucket holds the whole story (the hourly rule needs z 7).
    const rand = prng(44);
    const normal = () => Math.sqrt(-2 * Math.log(rand() || 1e-12)) * Math.cos(2 * Math.PI * rand());
    const stories = [60, 75, 90, 105, 120];
    const series = Array.from({ length: 140 }, (_, d) => poisson(500 * (d % 7 >= 5 ? 0.6 : 1) * Math.exp(0.15 * normal()) * (stories.includes(d) ? 2.5 : 1), rand));
    const found = detectSpikes(series, { bucketMs: 24 * HOUR });
    const { precision, recall } = precisionRecall(
      found.map((d) => d.start),
      stories,
    );
    // Four of the five here (each story also widens the fitted spread for the next seven weeks).
    expect(recall).toBeGreaterThanOrEqual(0.6);
    expect(precision).toBeGreaterThanOrEqual(0.75);
    // z ≈ 4.04: as likely by chance as two of three buckets at z 2.75; most of the stories score below 7.
    expect(persistenceZ(2.75, { need: 2, of: 3 })).toBeCloseTo(4.04, 2);
    const single = found.filter((d) => d.score < 7);
    expect(single.length).toBeGreaterThanOrEqual(2);
    expect(single.every((d) => Math.abs(d.threshold - 4.04) < 0.01)).toBe(true);
  });
  it('stays silent on a series without spikes and before it has three days of history', () => {
    expect(detectSpikes(hourlySeries(40, 50, [], 4), { bucketMs: HOUR }).length).toBeLessThanOrEqual(1);
    expect(detectSpikes(hourlySeries(2, 50, [10], 5), { bucketMs: HOUR })).toEqual([]);
  });
});

describe('rollingZScore', () => {
  it('finds large spikes on a flat series', () => {
    const rand = prng(7);
    const spikes = [300, 500, 700, 900];
    const series = Array.from({ length: 1000 }, (_, t) => poisson(spikes.some((s) => t >= s && t < s + 2) ? 200 : 50, rand));
    const found = precisionRecall(
      rollingZScore(series, { window: 168, k: 4 }).map((d) => d.start),
      spikes,
    );
    expect(found).toEqual({ precision: 1, recall: 1 });
  });
  it('ignores buckets below the minimum count', () => {
    expect(rollingZScore([0, 0, 0, 1, 0, 0, 0, 0, 3], { window: 8, k: 2, minCount: 5 })).toEqual([]);
  });
});

describe('windowCompare', () => {
  it('fires on a jump over the last 12 h that yesterday and last week did not have', () => {
    const series = hourlySeries(15, 100, [300], 8, 5);
    const starts = windowCompare(series, { ...WINDOW_PRESETS.lastHourVsTwelve, k: 4 }).map((d) => d.start);
    expect(starts.some((s) => s >= 300 && s <= 302)).toBe(true);
  });
  it('does not fire on the daily morning rise, which was there yesterday too', () => {
    // Flat nights and a step every morning at 08:00: the step beats the previous 12 h, not yesterday.
    const series = Array.from({ length: 24 * 10 }, (_, t) => (t % 24 >= 8 && t % 24 < 20 ? 100 : 10));
    expect(windowCompare(series, { recent: 1, history: 12, confirmLags: [24, 168] })).toEqual([]);
    expect(windowCompare(series, { recent: 1, history: 12 }).length).toBeGreaterThan(0);
  });
});

describe('toneDrop', () => {
  const buckets = (n: number, at: number, drop: number, count: number) =>
    Array.from({ length: n }, (_, t) => {
      const tone = t >= at ? -drop : 0;
      // Item tones ±1 around the bucket's tone: sum and sum of squares as the rollups keep them.
      return { sum: tone * count, count, sumSquares: count * (tone * tone + 1) };
    });
  it('fires when the mean tone of a busy window drops', () => {
    const found = toneDrop(buckets(200, 190, 1.5, 40), { recent: 6, baseline: 168 });
    // The 6-bucket window's mean passes the 1-point minimum drop once four sour buckets are in it.
    expect(found.length).toBe(1);
    expect(found[0]!.start).toBeGreaterThanOrEqual(190);
    expect(found[0]!.start).toBeLessThanOrEqual(195);
    expect(found[0]!.observed).toBeCloseTo(-1.5, 5);
    expect(found[0]!.expected).toBeCloseTo(0, 5);
  });
  it('does not fire on a window with too few items, however sour', () => {
    expect(toneDrop(buckets(200, 190, 3, 2), { recent: 6, baseline: 168, minCount: 20 })).toEqual([]);
  });
});

describe('kleinbergBursts (batched, two states) on hand-checked examples', () => {
  it('a two-period burst: p₀ = 1/6, p₁ = 1/3, entry cost ln 6 = 1.792, gain 2 × 2.350', () => {
    // cost₀(5 of 10) = −5 ln(1/6) − 5 ln(5/6) = 9.870; cost₁ = −5 ln(1/3) − 5 ln(2/3) = 7.520.
    const [burst, ...rest] = kleinbergBursts([0, 0, 5, 5, 0, 0], [10, 10, 10, 10, 10, 10]);
    expect(rest).toEqual([]);
    expect([burst!.start, burst!.end]).toEqual([2, 3]);
    expect(burst!.score).toBeCloseTo(4.7, 2);
    expect(burst!.threshold).toBeCloseTo(Math.log(6), 6);
    expect(burst!.expected).toBeCloseTo(1 / 6, 9);
    expect(burst!.observed).toBeCloseTo(0.5, 9);
  });
  it('a one-period burst whose gain (2.989) pays the entry cost (1.792)', () => {
    const [burst] = kleinbergBursts([0, 0, 5, 0, 0, 0], [10, 10, 10, 10, 10, 10]);
    expect([burst!.start, burst!.end]).toEqual([2, 2]);
    expect(burst!.score).toBeCloseTo(2.989, 2);
  });
  it('no burst when the gain (0.25) does not pay the entry cost', () => {
    expect(kleinbergBursts([1, 1, 2, 1, 1, 1], [10, 10, 10, 10, 10, 10])).toEqual([]);
  });
  it('a higher γ suppresses the weak one-period burst', () => {
    expect(kleinbergBursts([0, 0, 5, 0, 0, 0], [10, 10, 10, 10, 10, 10], { gamma: 2 })).toEqual([]);
  });
});

describe('kleinbergGaps', () => {
  it('marks the dense run of events as a burst and nothing else', () => {
    const times = [0, 10, 20, 30, 40, 50, 50.5, 51, 51.5, 52, 52.5, 53, 60, 70, 80, 90];
    const bursts = kleinbergGaps(times).filter((b) => b.level === 1);
    expect(bursts.length).toBe(1);
    expect(bursts[0]!.startTime).toBeGreaterThanOrEqual(50);
    expect(bursts[0]!.endTime).toBeLessThanOrEqual(53);
  });
});
