import { nelderMead } from './nelder-mead.ts';
import { normalQuantile, robustScale } from './stats.ts';

/** The scale the model works on: counts are modelled on log(1 + x) so that seasonality is multiplicative and forecasts stay ≥ 0. */
export type EtsTransform = 'log1p' | 'sqrt' | 'none';

export type EtsOptions = {
  /** Seasonal period in buckets (24 for hourly data with a daily cycle); 1 = no seasonality. */
  period: number;
  /** Damped additive trend (φ estimated in [0.8, 0.98]) or an undamped one. */
  trend?: 'damped' | 'additive';
  transform?: EtsTransform;
};

/** A fitted ETS(A, A(d), A) model: smoothing parameters, the final state and the residual σ on the model's scale. */
export type EtsModel = {
  period: number;
  transform: EtsTransform;
  alpha: number;
  beta: number;
  gamma: number;
  phi: number;
  level: number;
  trend: number;
  /** The last `period` seasonal states, oldest first. */
  seasonal: number[];
  sigma: number;
  /** Observations the model was fitted on. */
  n: number;
};

/** A forecast with its central prediction interval, on the series' own scale. */
export type EtsForecast = { mean: number[]; lower: number[]; upper: number[]; level: number };

const forward: Record<EtsTransform, (x: number) => number> = {
  log1p: (x) => Math.log1p(Math.max(0, x)),
  sqrt: (x) => Math.sqrt(Math.max(0, x)),
  none: (x) => x,
};
const backward: Record<EtsTransform, (y: number) => number> = {
  log1p: (y) => Math.expm1(y),
  sqrt: (y) => Math.max(0, y) ** 2,
  none: (y) => y,
};

type State = { level: number; trend: number; seasonal: number[] };
type Params = { alpha: number; beta: number; gamma: number; phi: number };

/** Classical start: level = mean of the first season, trend from the first two seasons, seasonal = the first seasons' average deviations. */
function initialState(y: readonly number[], m: number): State {
  if (m <= 1) return { level: y[0]!, trend: y.length > 1 ? y[1]! - y[0]! : 0, seasonal: [0] };
  const seasons = Math.min(3, Math.floor(y.length / m));
  const means = Array.from({ length: seasons }, (_, k) => y.slice(k * m, (k + 1) * m).reduce((a, b) => a + b, 0) / m);
  const trend = seasons > 1 ? (means[seasons - 1]! - means[0]!) / ((seasons - 1) * m) : 0;
  const seasonal = Array.from({ length: m }, (_, i) => {
    let s = 0;
    for (let k = 0; k < seasons; k++) s += y[k * m + i]! - means[k]!;
    return s / seasons;
  });
  return { level: means[0]!, trend, seasonal };
}

/**
 * Runs the error-correction recursions; returns the one-step errors and the final state. With a
 * `clip`, an error larger than it updates the state as if it were only `clip` (the robust
 * Holt–Winters of Gelper, Fried & Croux 2010, Huber ψ): a one-hour spike of a news series then
 * does not move the level and the season it landed on for the following days.
 */
function filter(y: readonly number[], m: number, p: Params, start: State, clip = Number.POSITIVE_INFINITY): { errors: number[]; state: State } {
  let { level, trend } = start;
  const seasonal = start.seasonal.slice();
  const errors = new Array<number>(y.length);
  for (let t = 0; t < y.length; t++) {
    const s = seasonal[t % m]!;
    const raw = y[t]! - (level + p.phi * trend + s);
    errors[t] = raw;
    const e = Math.max(-clip, Math.min(clip, raw));
    level = level + p.phi * trend + p.alpha * e;
    trend = p.phi * trend + p.beta * e;
    seasonal[t % m] = s + p.gamma * e;
  }
  // Rotate so that seasonal[0] is the state for the first step after the data.
  const k = y.length % m;
  return { errors, state: { level, trend, seasonal: [...seasonal.slice(k), ...seasonal.slice(0, k)] } };
}

/** Errors beyond this many robust σ count linearly in the fit and are clipped in the updates. */
const HUBER_K = 2;

/** Huber's loss: quadratic inside ±c, linear outside (c = ∞ is least squares). */
function huber(e: number, c: number): number {
  const a = Math.abs(e);
  return a <= c ? a * a : 2 * c * a - c * c;
}

const logistic = (x: number) => 1 / (1 + Math.exp(-x));

/** Maps free numbers to admissible parameters: 0 < α < 1, 0 < β < α, 0 < γ < 1 − α, φ ∈ [0.8, 0.98]. */
function toParams(x: readonly number[], damped: boolean): Params {
  const alpha = 0.001 + 0.998 * logistic(x[0]!);
  return {
    alpha,
    beta: alpha * 0.999 * logistic(x[1]!),
    gamma: (1 - alpha) * 0.999 * logistic(x[2]!),
    phi: damped ? 0.8 + 0.18 * logistic(x[3]!) : 1,
  };
}

/**
 * Fits additive Holt–Winters in its ETS(A, Ad, A) form by least squares of the one-step errors
 * (Hyndman et al., Forecasting with Exponential Smoothing, 2008). Needs at least two seasons.
 *
 * @example const model = fitEts(hourly, { period: 24 }); forecastEts(model, 24).upper
 */
export function fitEts(series: readonly number[], options: EtsOptions): EtsModel {
  const m = Math.max(1, Math.round(options.period));
  const transform = options.transform ?? 'log1p';
  const damped = (options.trend ?? 'damped') === 'damped';
  if (series.length < 2 * m + 2) throw new RangeError(`ETS needs at least two seasons of data (${2 * m + 2} points), got ${series.length}`);
  const y = series.map(forward[transform]);
  const start = initialState(y, m);
  // Two passes: least squares gives a first scale of the errors; the model is then refitted with
  // Huber's loss and clipped updates at HUBER_K of that scale, so rare spikes neither steer the
  // parameters nor widen every interval. The first season only set the start and is not scored.
  const loss = (clip: number) => (x: number[]) => {
    const { errors } = filter(y, m, toParams(x, damped), start, clip);
    let s = 0;
    for (let t = m; t < errors.length; t++) s += huber(errors[t]!, clip);
    return s;
  };
  const first = nelderMead(loss(Number.POSITIVE_INFINITY), [-1, -2, -2, 1]);
  const firstErrors = filter(y, m, toParams(first.x, damped), start).errors.slice(m);
  const clip = HUBER_K * Math.max(robustScale(firstErrors, 0), 1e-9);
  const best = nelderMead(loss(clip), first.x);
  const params = toParams(best.x, damped);
  const { errors, state } = filter(y, m, params, start, clip);
  // σ for the intervals is robust as well (MAD around 0): the band should hold the ordinary hours,
  // and an hour outside it is exactly what a monitor is meant to flag.
  const sigma = robustScale(errors.slice(m), 0);
  return { period: m, transform, ...params, ...state, sigma, n: y.length };
}

/**
 * Forecasts `horizon` steps with a central prediction interval (`level`, 0.8 by default). The
 * variance grows as σ²(1 + Σ c_j²), c_j = α + βφ(1 − φʲ)/(1 − φ) + γ·[j a multiple of the period]
 * (Hyndman et al. 2008, class 1); the bounds and the point forecast (the median) are computed on
 * the model's scale and transformed back, which keeps them valid quantiles.
 */
export function forecastEts(model: EtsModel, horizon: number, level = 0.8): EtsForecast {
  const z = normalQuantile(0.5 + level / 2);
  const { alpha, beta, gamma, phi, period: m } = model;
  const out: EtsForecast = { mean: [], lower: [], upper: [], level };
  let damp = 0;
  let variance = 0;
  for (let h = 1; h <= horizon; h++) {
    damp += phi ** h;
    const centre = model.level + damp * model.trend + model.seasonal[(h - 1) % m]!;
    if (h > 1) {
      const j = h - 1;
      const trendPart = phi === 1 ? beta * j : (beta * phi * (1 - phi ** j)) / (1 - phi);
      variance += (alpha + trendPart + (m > 1 && j % m === 0 ? gamma : 0)) ** 2;
    }
    const sd = model.sigma * Math.sqrt(1 + variance);
    const back = backward[model.transform];
    out.mean.push(back(centre));
    out.lower.push(back(centre - z * sd));
    out.upper.push(back(centre + z * sd));
  }
  return out;
}

/** One point outside its forecast band: where, which side, and by how much. */
export type BandExit = { index: number; observed: number; lower: number; upper: number; side: 'above' | 'below' };

/**
 * The observations that leave their forecast band (index i of `observed` is step i + 1 of the
 * forecast). A monitor warns on these.
 */
export function leavesBand(observed: readonly number[], forecast: Pick<EtsForecast, 'lower' | 'upper'>): BandExit[] {
  const out: BandExit[] = [];
  for (let i = 0; i < Math.min(observed.length, forecast.upper.length); i++) {
    const value = observed[i]!;
    const lower = forecast.lower[i]!;
    const upper = forecast.upper[i]!;
    if (value > upper) out.push({ index: i, observed: value, lower, upper, side: 'above' });
    else if (value < lower) out.push({ index: i, observed: value, lower, upper, side: 'below' });
  }
  return out;
}
