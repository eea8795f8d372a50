import { fitEts, forecastEts } from '../src/series/index.ts';
import { readNabTweets } from './nab-tweets.ts';
import type { EvalRow } from './types.ts';

const HORIZON = 24;
/** A week of hours before the first origin, and a new origin every day after. */
const FIRST_ORIGIN = 7 * 24;
const ORIGIN_STEP = 24;

type SeriesScore = { name: string; origins: number; maeModel: number; maeNaive: number; covered: number; points: number };

/** Rolling-origin back-test of one hourly series: fit on everything before the origin, forecast 24 h. */
function backTest(name: string, hourly: readonly number[]): SeriesScore {
  let absModel = 0;
  let absNaive = 0;
  let covered = 0;
  let points = 0;
  let origins = 0;
  for (let origin = FIRST_ORIGIN; origin + HORIZON <= hourly.length; origin += ORIGIN_STEP) {
    const history = hourly.slice(0, origin);
    const forecast = forecastEts(fitEts(history, { period: 24 }), HORIZON, 0.8);
    for (let h = 0; h < HORIZON; h++) {
      const actual = hourly[origin + h]!;
      absModel += Math.abs(actual - forecast.mean[h]!);
      absNaive += Math.abs(actual - hourly[origin + h - 24]!);
      if (actual >= forecast.lower[h]! && actual <= forecast.upper[h]!) covered++;
      points++;
    }
    origins++;
  }
  return { name, origins, maeModel: absModel / points, maeNaive: absNaive / points, covered, points };
}

/**
 * The forecast's rolling-origin back-test on the NAB tweet series (hourly sums): MASE against the
 * seasonal-naive forecast (same hour yesterday) and the coverage of the 80 % interval. [] when absent.
 */
export async function evaluateForecast(dataDir: string): Promise<EvalRow[]> {
  const series = readNabTweets(dataDir);
  if (!series) return [];
  const scores = series.map((s) => backTest(s.name, s.hourly));
  const origins = scores.reduce((a, s) => a + s.origins, 0);
  const points = scores.reduce((a, s) => a + s.points, 0);
  const ratios = scores.map((s) => s.maeModel / s.maeNaive);
  const mase = ratios.reduce((a, b) => a + b, 0) / ratios.length;
  const coverage = scores.reduce((a, s) => a + s.covered, 0) / points;
  const perSeries = scores.map((s, i) => `${s.name} ${ratios[i]!.toFixed(2)}`).join(', ');
  const base = { task: 'forecast', dataset: 'nab-tweets', language: '-' };
  const model = 'robust ETS(A,Ad,A) on log(1+x), period 24 (Huber fit, clipped updates)';
  return [
    {
      ...base,
      metric: 'MASE',
      value: mase,
      baseline: 1,
      n: origins,
      note: `MAE of ours / MAE of same-hour-yesterday over the same origins and hours, per series then averaged (${perSeries}); ${model}; origins daily from day 8, 24 h ahead`,
    },
    { ...base, metric: 'coverage80', value: coverage, baseline: 0.8, n: points, note: 'share of hourly actuals inside the 80 % interval (robust σ of the one-step errors, class-1 variance, Gaussian on the log scale)' },
  ];
}
