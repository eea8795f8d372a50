// How surprising is a count, given the expected count and how much the series wanders from day to
// day? Poisson noise alone is far too narrow for social volume, a log-normal alone far too wide
// for small counts; the Poisson–log-normal mixture has the right tail at both ends.
import { normalQuantile } from './stats.ts';

/** ln Γ(x) by Lanczos' approximation (g = 7, 9 terms; ~15 significant digits for x > 0). */
export function logGamma(x: number): number {
  const c = [
    0.9999999999998099, 676.5203681218851, -1259.1392167224028, 771.3234287776531, -176.61503916999186, 12.507343278686905,
    -0.13857109526572012, 9.984369578019572e-6, 1.5056327351493116e-7,
  ];
  if (x < 0.5) return Math.log(Math.PI / Math.sin(Math.PI * x)) - logGamma(1 - x);
  const z = x - 1;
  let a = c[0]!;
  const t = z + 7.5;
  for (let i = 1; i < 9; i++) a += c[i]! / (z + i);
  return 0.5 * Math.log(2 * Math.PI) + (z + 0.5) * Math.log(t) - t + Math.log(a);
}

/**
 * P(X ≥ k) for X ~ Poisson(λ), k an integer ≥ 0: the regularised lower incomplete gamma P(k, λ),
 * by its series below k + 1 and Lentz's continued fraction above (Numerical Recipes §6.2).
 */
export function poissonUpperTail(k: number, lambda: number): number {
  if (k <= 0) return 1;
  if (lambda <= 0) return 0;
  const prefix = k * Math.log(lambda) - lambda - logGamma(k);
  if (lambda < k + 1) {
    let term = 1 / k;
    let sum = term;
    for (let n = 1; n < 10_000; n++) {
      term *= lambda / (k + n);
      sum += term;
      if (term < sum * 1e-15) break;
    }
    return Math.min(1, Math.exp(prefix + Math.log(sum)));
  }
  // Continued fraction for the upper Q(k, λ); P = 1 − Q.
  const tiny = 1e-300;
  let b = lambda + 1 - k;
  let c = 1 / tiny;
  let d = 1 / b;
  let h = d;
  for (let i = 1; i < 10_000; i++) {
    const an = -i * (i - k);
    b += 2;
    d = an * d + b;
    if (Math.abs(d) < tiny) d = tiny;
    c = b + an / c;
    if (Math.abs(c) < tiny) c = tiny;
    d = 1 / d;
    const delta = d * c;
    h *= delta;
    if (Math.abs(delta - 1) < 1e-15) break;
  }
  return Math.max(0, 1 - Math.exp(prefix + Math.log(h)));
}

/** Nodes of the trapezoid rule over the standard normal, ±8 σ: plenty for a smooth integrand. */
const NODES = Array.from({ length: 129 }, (_, i) => -8 + i / 8);
const WEIGHTS = NODES.map((e) => Math.exp(-0.5 * e * e) / Math.sqrt(2 * Math.PI) / 8);

/**
 * P(X ≥ observed) when X is Poisson with a rate that is `median` times a log-normal factor of
 * log-scale spread `sigma` (the day-to-day wandering of the series), and that probability as a
 * one-sided normal z-score, capped at 40. Below the median the score is 0.
 *
 * @example countSurprise(85, 3, 0.6).z // ≈ 5: 85 items where 3 were expected
 */
export function countSurprise(observed: number, median: number, sigma: number): { p: number; z: number } {
  const k = Math.round(observed);
  if (k <= median) return { p: 1, z: 0 };
  let p = 0;
  for (let i = 0; i < NODES.length; i++) p += WEIGHTS[i]! * poissonUpperTail(k, median * Math.exp(sigma * NODES[i]!));
  const z = p <= 0 ? 40 : Math.min(40, -normalQuantile(Math.min(p, 0.5)));
  return { p, z };
}

/** ln P(X = k) for X ~ Poisson(λ · e^{σε}), ε standard normal, by the same quadrature. */
function mixtureLogPmf(k: number, median: number, sigma: number): number {
  const base = -logGamma(k + 1);
  let p = 0;
  for (let i = 0; i < NODES.length; i += 2) {
    const lambda = Math.max(median, 1e-3) * Math.exp(sigma * NODES[i]!);
    p += 2 * WEIGHTS[i]! * Math.exp(k * Math.log(lambda) - lambda + base);
  }
  return Math.log(Math.max(p, 1e-300));
}

/** Candidate spreads for the fit: 0.05 … 2.5 on a geometric grid. */
const SIGMAS = Array.from({ length: 24 }, (_, i) => 0.05 * 50 ** (i / 23));

/**
 * The log-normal spread σ of a Poisson–log-normal model of `counts` around their `medians`, by
 * maximum likelihood over a grid. Each count may also come, with probability `contamination`, from
 * a heavy-tailed outlier law q(k) = 1/((k + 1)(k + 2)): past spikes are explained by that part
 * instead of widening what counts as normal, and on clean data the estimate stays consistent
 * (trimming the worst-fitting counts instead would cut the honest tail and bias σ low).
 */
export function fitWandering(counts: readonly number[], medians: readonly number[], contamination = 0.05): number {
  let best = SIGMAS[0]!;
  let bestLogLik = Number.NEGATIVE_INFINITY;
  for (const sigma of SIGMAS) {
    let sum = 0;
    for (let i = 0; i < counts.length; i++) {
      const k = Math.max(0, Math.round(counts[i]!));
      const clean = Math.exp(mixtureLogPmf(k, medians[i]!, sigma));
      sum += Math.log((1 - contamination) * clean + contamination / ((k + 1) * (k + 2)));
    }
    if (sum > bestLogLik) {
      bestLogLik = sum;
      best = sigma;
    }
  }
  return best;
}
