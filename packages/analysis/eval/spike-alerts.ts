import { type Detection, detectSpikes, rollingZScore } from '../src/series/index.ts';
import { HOUR_MS, type NabSeries, readNabTweets } from './nab-tweets.ts';
import type { EvalRow } from './types.ts';

/** Alert counts over some series: alerts raised, those inside a window, windows, windows with an alert. */
export type AlertCounts = { alerts: number; inside: number; windows: number; found: number };
export type Score = AlertCounts & { precision: number; recall: number; f1: number };

/**
 * Counts alerts against the labelled windows. An alert is a detection (merged hits); it is raised
 * at the end of its first bucket, and is a true positive when that moment lies inside a window.
 */
export function countAlerts(series: readonly NabSeries[], detect: (hourly: number[]) => Detection[]): AlertCounts {
  const counts = { alerts: 0, inside: 0, windows: 0, found: 0 };
  for (const s of series) {
    const raised = detect(s.hourly).map((d) => s.start + (d.start + 1) * HOUR_MS);
    const within = (t: number) => s.windows.some(([from, to]) => t >= from && t <= to);
    counts.alerts += raised.length;
    counts.inside += raised.filter(within).length;
    counts.windows += s.windows.length;
    counts.found += s.windows.filter(([from, to]) => raised.some((t) => t >= from && t <= to)).length;
  }
  return counts;
}

/** Precision, windows found (recall) and their F1 from summed counts. */
export function scoreCounts(parts: readonly AlertCounts[]): Score {
  const sum = (key: keyof AlertCounts) => parts.reduce((acc, p) => acc + p[key], 0);
  const counts = { alerts: sum('alerts'), inside: sum('inside'), windows: sum('windows'), found: sum('found') };
  const precision = counts.alerts ? counts.inside / counts.alerts : 0;
  const recall = counts.windows ? counts.found / counts.windows : 0;
  return { ...counts, precision, recall, f1: precision + recall ? (2 * precision * recall) / (precision + recall) : 0 };
}

function score(series: readonly NabSeries[], detect: (hourly: number[]) => Detection[]): Score {
  return scoreCounts([countAlerts(series, detect)]);
}

/**
 * The default spike detector on the NAB tweet-volume series (hourly sums), at its shipped defaults,
 * next to the README's baseline: an hour above the previous 7 days' mean + 3 SD, a run of such
 * hours one alert. [] when the data is absent.
 */
export async function evaluateSpikeAlerts(dataDir: string): Promise<EvalRow[]> {
  const series = readNabTweets(dataDir);
  if (!series) return [];
  const ours = score(series, (hourly) => detectSpikes(hourly, { bucketMs: HOUR_MS }));
  const baseline = score(series, (hourly) => rollingZScore(hourly, { window: 168, k: 3 }));
  const base = { task: 'spike-alerts', dataset: 'nab-tweets', language: '-' };
  const counting = `${ours.alerts} alerts (baseline ${baseline.alerts}); an alert = hits merged within the 12 h cool-down, raised at the end of its first hour; hit = 2 of 3 hours at z ≥ 2.75 and ≥ 2× the expected count, or one hour at z ≥ 7 (Poisson–log-normal surprise over the median of the same hour ± 2 h on the previous 7 days); inside a window = true positive`;
  return [
    { ...base, metric: 'precision', value: ours.precision, baseline: baseline.precision, n: ours.alerts, note: counting },
    { ...base, metric: 'windows found', value: ours.recall, baseline: baseline.recall, n: ours.windows, note: 'labelled windows with ≥ 1 alert inside' },
    { ...base, metric: 'F1', value: ours.f1, baseline: baseline.f1, n: series.length, note: 'F1 of precision and windows found; baseline = mean + 3·SD of the previous 168 h' },
  ];
}
