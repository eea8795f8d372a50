import { type Detection, detectSpikes, rollingZScore } from '../src/series/index.ts';
import { HOUR_MS, type NabSeries, readNabTweets } from './nab-tweets.ts';
import type { EvalRow } from './types.ts';

type Score = { precision: number; found: number; f1: number; alerts: number; windows: number };

/**
 * Scores alerts against the labelled windows. An alert is a detection (merged hits); it is raised
 * at the end of its first bucket, and is a true positive when that moment lies inside a window.
 */
function score(series: readonly NabSeries[], detect: (hourly: number[]) => Detection[]): Score {
  let alerts = 0;
  let inside = 0;
  let windows = 0;
  let found = 0;
  for (const s of series) {
    const raised = detect(s.hourly).map((d) => s.start + (d.start + 1) * HOUR_MS);
    const within = (t: number) => s.windows.some(([from, to]) => t >= from && t <= to);
    alerts += raised.length;
    inside += raised.filter(within).length;
    windows += s.windows.length;
    found += s.windows.filter(([from, to]) => raised.some((t) => t >= from && t <= to)).length;
  }
  const precision = alerts ? inside / alerts : 0;
  const recall = windows ? found / windows : 0;
  return { precision, found: recall, f1: precision + recall ? (2 * precision * recall) / (precision + recall) : 0, alerts, windows };
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
  const counting = `${ours.alerts} alerts (baseline ${baseline.alerts}); an alert = hits merged within the 12 h cool-down, raised at the end of its first hour; hit = z ≥ 5 alone or 2 of 3 hours at z ≥ 3 (Poisson–log-normal surprise over the 7-day same-hour median); inside a window = true positive`;
  return [
    { ...base, metric: 'precision', value: ours.precision, baseline: baseline.precision, n: ours.alerts, note: counting },
    { ...base, metric: 'windows found', value: ours.found, baseline: baseline.found, n: ours.windows, note: 'labelled windows with ≥ 1 alert inside' },
    { ...base, metric: 'F1', value: ours.f1, baseline: baseline.f1, n: series.length, note: 'F1 of precision and windows found; baseline = mean + 3·SD of the previous 168 h' },
  ];
}
