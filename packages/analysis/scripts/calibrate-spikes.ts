// Chooses the default spike detector's design and thresholds on SYNTHETIC social-volume series,
// not on the labelled NAB files that `npm run eval` reports (those measure the result; only where
// neighbouring choices tie here did a leave-one-series-out check on them, scripts/spike-loso.ts, decide).
// Each series: hourly Poisson counts around a level (3 … 3,000 an hour) with a daily cycle, a
// weekend dip, a day-to-day log-level random walk, hour-to-hour log-normal noise, unlabelled
// one-hour blips (bots, a single viral post: 2 % of hours, up to ~7×) and labelled stories (one a
// fortnight on average: a rise over 1–6 h to 3–15× the normal level, decaying with a 3–12 h
// half-life). A story's window is 12 h before to 24 h after its start; scoring is the eval's.
// Run: npx tsx packages/analysis/scripts/calibrate-spikes.ts (about 3 minutes on 2 cores).
// Last run (24 series), precision / windows found / F1:
//   former default: same-hour median, 2 of 3 at z 3, alone z 5         0.569 / 0.827 / 0.674
//   shipped: same hour ± 2 h, 2 of 3 at z 2.75 and ≥ 2× expected, alone 7  0.704 / 0.864 / 0.776
//   shipped but same hour only 0.689 / 0.845 / 0.759; without the 2× floor 0.669 / 0.864 / 0.754;
//   z 2.5 0.712 / 0.900 / 0.795; z 3 0.719 / 0.836 / 0.773; alone 6 0.638 / 0.864 / 0.734;
//   alone 8 0.736 / 0.864 / 0.795; with a 1/6 h scan 0.585 / 0.909 / 0.712.
// The persistence-weighted rule (2 of 3 at z ≈ 2.75, alone z 7–8) wins here clearly; between its
// neighbours the differences are within noise. z 2.75 and alone 7 rather than 8 are what the
// leave-one-series-out check on real data (scripts/spike-loso.ts) picks: real series have one-hour
// stories (a 27× hour on NAB CRM scores z 7.2), which these synthetic stories, rising over 1–6 h, lack.
import { detectSpikes, type SpikeOptions } from '../src/series/index.ts';
import { seededRandom } from '../src/stats/seeded-random.ts';

const HOUR = 3_600_000;

const prng = seededRandom;

function series(seed: number): { counts: number[]; windows: [number, number][] } {
  const u = prng(seed);
  const normal = () => Math.sqrt(-2 * Math.log(u() || 1e-12)) * Math.cos(2 * Math.PI * u());
  const poisson = (mu: number) => {
    if (mu > 200) return Math.max(0, Math.round(mu + Math.sqrt(mu) * normal()));
    let k = 0;
    let p = Math.exp(-mu);
    let s = p;
    const v = u();
    while (v > s && k < 10_000) {
      k++;
      p *= mu / k;
      s += p;
    }
    return k;
  };
  const hours = 60 * 24;
  const level = Math.log(3 * 1000 ** u());
  const amplitude = 0.3 + 0.5 * u();
  const hourNoise = 0.1 + 0.3 * u();
  const stories: { start: number; peak: number; ramp: number; halfLife: number }[] = [];
  for (let t = 4 * 24; t < hours - 24; t += Math.round(24 * (4 + 20 * u()))) {
    stories.push({ start: t, peak: Math.log(3 * 5 ** u()), ramp: 1 + Math.floor(6 * u()), halfLife: 3 + 9 * u() });
  }
  let day = 0;
  const counts: number[] = [];
  for (let t = 0; t < hours; t++) {
    if (t % 24 === 0) day += 0.12 * normal();
    const weekend = Math.floor(t / 24) % 7 >= 5 ? Math.log(0.7) : 0;
    let log = level + day + weekend + amplitude * Math.sin((2 * Math.PI * (t % 24)) / 24) + hourNoise * normal();
    if (u() < 0.02) log += Math.abs(normal()) * 1.2;
    let boost = 0;
    for (const s of stories) {
      if (t < s.start) continue;
      const since = t - s.start;
      const shape = since < s.ramp ? (since + 1) / s.ramp : 0.5 ** ((since - s.ramp) / s.halfLife);
      boost += (Math.exp(s.peak) - 1) * shape;
    }
    counts.push(poisson(Math.exp(log) * (1 + boost)));
  }
  return { counts, windows: stories.map((s) => [s.start - 12, s.start + 24] as [number, number]) };
}

function score(options: Partial<SpikeOptions>, set: ReturnType<typeof series>[]) {
  let alerts = 0;
  let inside = 0;
  let windows = 0;
  let found = 0;
  for (const s of set) {
    const raised = detectSpikes(s.counts, { bucketMs: HOUR, ...options }).map((d) => d.start + 1);
    const within = (t: number) => s.windows.some(([a, b]) => t >= a && t <= b);
    alerts += raised.length;
    inside += raised.filter(within).length;
    windows += s.windows.length;
    found += s.windows.filter(([a, b]) => raised.some((t) => t >= a && t <= b)).length;
  }
  const precision = alerts ? inside / alerts : 0;
  const recall = found / windows;
  return { precision, recall, f1: precision + recall ? (2 * precision * recall) / (precision + recall) : 0 };
}

const set = Array.from({ length: 24 }, (_, i) => series(1000 + i));
const variants: [string, Partial<SpikeOptions>][] = [
  ['former: same hour, 2 of 3 at z 3, alone 5', { poolMs: 0, z: 3, zAlone: 5, minRatio: 1 }],
  ['same hour only, shipped rule', { poolMs: 0 }],
  ['shipped without the 2× floor', { minRatio: 1 }],
  ['shipped', {}],
  ['shipped at z 2.5', { z: 2.5 }],
  ['shipped at z 3', { z: 3 }],
  ['shipped, alone 6', { zAlone: 6 }],
  ['shipped, alone 8', { zAlone: 8 }],
  ['shipped, scan 1/6 h', { scales: [1, 6] }],
];
for (const [name, options] of variants) {
  const r = score(options, set);
  console.log(JSON.stringify({ variant: name, precision: +r.precision.toFixed(3), found: +r.recall.toFixed(3), f1: +r.f1.toFixed(3) }));
}
