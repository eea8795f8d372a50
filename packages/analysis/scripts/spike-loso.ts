// How well the spike detector's thresholds carry over to a series they were not chosen on: on the
// labelled NAB tweet series, for each series in turn, pick z (2 of 3) and z alone on the other five
// (best F1) and score the sixth with them; the six held-out scores summed are the leave-one-out
// figure, next to the in-sample one of the shipped defaults. A design whose thresholds only work
// where they were picked shows a large gap between the two.
// Run: DIPLODESK_EVAL_DATA=../shared/data npx tsx packages/analysis/scripts/spike-loso.ts (a few minutes).
// Last run: see the report beside the commit that changed SPIKE_DEFAULTS.
import path from 'node:path';
import { type AlertCounts, countAlerts, type Score, scoreCounts } from '../eval/spike-alerts.ts';
import { HOUR_MS, readNabTweets } from '../eval/nab-tweets.ts';
import { detectSpikes, SPIKE_DEFAULTS, type SpikeOptions } from '../src/series/index.ts';

const series = readNabTweets(path.resolve(process.env.DIPLODESK_EVAL_DATA ?? '../shared/data'));
if (!series) {
  console.log('No NAB tweet series: set DIPLODESK_EVAL_DATA.');
  process.exit(0);
}

const grid: { z: number; zAlone: number }[] = [];
for (const z of [2.5, 2.75, 3, 3.25]) for (const zAlone of [5, 6, 7, 8]) grid.push({ z, zAlone });

const show = (s: Score) => ({ precision: +s.precision.toFixed(3), found: +s.recall.toFixed(3), f1: +s.f1.toFixed(3), alerts: s.alerts });

function leaveOneOut(design: Partial<SpikeOptions>) {
  // counts[rule][series]
  const counts: AlertCounts[][] = grid.map((rule) => series!.map((s) => countAlerts([s], (hourly) => detectSpikes(hourly, { bucketMs: HOUR_MS, ...design, ...rule }))));
  const held: AlertCounts[] = [];
  const chosen: string[] = [];
  for (let out = 0; out < series!.length; out++) {
    let best = 0;
    let bestF1 = -1;
    for (let r = 0; r < grid.length; r++) {
      const f1 = scoreCounts(counts[r]!.filter((_, i) => i !== out)).f1;
      if (f1 > bestF1 + 1e-9) [best, bestF1] = [r, f1];
    }
    held.push(counts[best]![out]!);
    chosen.push(`${series![out]!.name} ${grid[best]!.z}/${grid[best]!.zAlone}`);
  }
  const shipped = countAlerts(series!, (hourly) => detectSpikes(hourly, { bucketMs: HOUR_MS, ...design }));
  return { inSample: show(scoreCounts([shipped])), leaveOneOut: show(scoreCounts(held)), chosen };
}

const designs: [string, Partial<SpikeOptions>][] = [
  ['shipped', {}],
  ['same hour only (no ± 2 h)', { poolMs: 0 }],
  ['without the 2× floor', { minRatio: 1 }],
  ['former expectation and no floor (same hour only)', { poolMs: 0, minRatio: 1 }],
];
console.log(JSON.stringify({ defaults: SPIKE_DEFAULTS }));
for (const [name, design] of designs) console.log(JSON.stringify({ design: name, ...leaveOneOut(design) }));
