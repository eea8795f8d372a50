// A monitor's forecast band and whether it warns: pure, over daily series, so the rule can be read
// and tested on its own. Days are UTC days; the last one is today, still filling.
import { fitEts, forecastEts } from '@diplodesk/analysis';

export const DAY_MS = 86_400_000;
/** Weekly seasonality: news volume has a weekly rhythm. */
const PERIOD = 7;
/** Central prediction interval shown and checked: four of five ordinary days fall inside. */
export const BAND_LEVEL = 0.8;
/**
 * Below these, leaving the band is noise, not a warning: a quiet series has a band of width ~0, and
 * one stray item (or one minor incident) would cross it.
 */
export const MIN_WARN = { items: 3, intensity: 10 } as const;

export type Band = { level: number; at: Date[]; mean: number[]; lower: number[]; upper: number[] };
export type BandCheck = { metric: 'items' | 'intensity'; reason: 'above-band' | 'below-band' | 'forecast-level'; at: Date; observed: number; lower: number; upper: number; level: number | null };

/** Fewest days of history a band needs: two weekly seasons and a few days more, before yesterday. */
export const MIN_HISTORY_DAYS = 2 * PERIOD + 4;

const round = (v: number) => Number(v.toFixed(3));

/**
 * The band over yesterday (from a model fitted on the days before it), today and `horizon` days
 * ahead (from a model fitted on every complete day); null while the history is too short.
 *
 * @example monitorBand(dailyCounts, days, 7)?.upper // yesterday, today, then 7 days ahead
 */
export function monitorBand(values: readonly number[], days: readonly Date[], horizon: number): Band | null {
  if (values.length - 2 < MIN_HISTORY_DAYS || days.length !== values.length) return null;
  // Days before anything was counted are days before the sources existed, not quiet days: a step
  // from that silence would read as a trend. They are left out when enough history remains.
  const first = values.findIndex((v) => v > 0);
  const series = first > 0 && values.length - first - 2 >= MIN_HISTORY_DAYS ? values.slice(first) : values;
  const n = series.length;
  const complete = series.slice(0, n - 1);
  const checked = forecastEts(fitEts(complete.slice(0, -1), { period: PERIOD }), 1, BAND_LEVEL);
  const ahead = forecastEts(fitEts(complete, { period: PERIOD }), horizon + 1, BAND_LEVEL);
  // On the log scale a short or jumpy history can widen the interval without bound: a band ten
  // times the largest day seen says nothing more than that, and keeps the chart readable.
  const cap = 10 * Math.max(...complete) + 10;
  const today = days[days.length - 1] as Date;
  const at = [days[days.length - 2] as Date, ...Array.from({ length: horizon + 1 }, (_, i) => new Date(today.getTime() + i * DAY_MS))];
  const mean = [...checked.mean, ...ahead.mean].map((v) => round(Math.min(cap, v)));
  return {
    level: BAND_LEVEL,
    at,
    mean,
    lower: [...checked.lower, ...ahead.lower].map((v, i) => round(Math.min(mean[i] as number, Math.max(0, v)))),
    upper: [...checked.upper, ...ahead.upper].map((v, i) => round(Math.max(mean[i] as number, Math.min(cap, v)))),
  };
}

/**
 * Whether the series warns against its band: yesterday (complete) above or below it, today (so far)
 * above it — a day still filling is not yet below anything — or, with a level, a forecast day
 * reaching it. The most recent reason wins.
 */
export function checkBand(metric: 'items' | 'intensity', values: readonly number[], band: Band | null, level: number | null = null): BandCheck | null {
  if (!band) return null;
  const n = values.length;
  const floor = MIN_WARN[metric];
  const at = (i: number) => ({ at: band.at[i] as Date, lower: band.lower[i] as number, upper: band.upper[i] as number });
  const today = values[n - 1] ?? 0;
  if (today > (band.upper[1] ?? Number.POSITIVE_INFINITY) && today >= floor) return { metric, reason: 'above-band', observed: today, level: null, ...at(1) };
  const yesterday = values[n - 2] ?? 0;
  if (yesterday > (band.upper[0] ?? Number.POSITIVE_INFINITY) && yesterday >= floor) return { metric, reason: 'above-band', observed: yesterday, level: null, ...at(0) };
  if (yesterday < (band.lower[0] ?? 0) && (band.lower[0] ?? 0) >= floor) return { metric, reason: 'below-band', observed: yesterday, level: null, ...at(0) };
  if (level !== null) {
    for (let i = 1; i < band.at.length; i++) {
      if ((band.mean[i] ?? 0) >= level) return { metric, reason: 'forecast-level', observed: band.mean[i] as number, level, ...at(i) };
    }
  }
  return null;
}
