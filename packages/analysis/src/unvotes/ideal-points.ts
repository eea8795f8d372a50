import type { VoteMatrix } from './matrix.ts';

/** One state's position on the single dimension, and the votes it rests on. */
export type IdealPoint = { country: string; idealPoint: number; votes: number };

export type IdealPointOptions = {
  /** The state put at the positive end (the reference puts the United States there). */
  orientTo?: string;
  /** States with fewer positions in the period are left out (their estimate would be noise). */
  minVotes?: number;
  iterations?: number;
};

/** Ordinal positions on an interval scale: yes 1, abstain ½, no 0 (index = matrix code). */
const SCALE = [Number.NaN, 1, 0.5, 0];

type Fit = { x: Float64Array; a: Float64Array; b: Float64Array };

/**
 * A one-dimensional ideal point per state over a set of roll calls (a year, a session): the rank-1
 * factor model v_ij ≈ a_j + b_j·x_i of the yes/abstain/no positions (yes 1, abstain ½, no 0) fitted
 * by alternating least squares over the observed votes only — the principal component of the vote
 * matrix with missing votes, which is what a linear 1-D spatial model reduces to. x is
 * standardised (mean 0, SD 1) and oriented so `orientTo` is positive. Roll calls everyone voted
 * the same way carry no information and are skipped.
 *
 * @example idealPoints(matrix, years.get(2000)!, { orientTo: 'United States' })
 */
export function idealPoints(matrix: VoteMatrix, rollCalls: readonly number[], options: IdealPointOptions = {}): IdealPoint[] {
  const minVotes = options.minVotes ?? 10;
  const n = matrix.countries.length;
  const counts = new Uint32Array(n);
  for (const r of rollCalls) for (let c = 0; c < n; c++) if (matrix.votes[r * n + c]) counts[c]!++;
  const members = [...counts.keys()].filter((c) => counts[c]! >= minVotes);
  const calls = rollCalls.filter((r) => new Set(members.map((c) => matrix.votes[r * n + c]).filter(Boolean)).size > 1);
  if (members.length < 3 || calls.length === 0) return [];

  // Dense sub-matrix of scaled positions (NaN = no position), members × calls.
  const m = members.length;
  const v = new Float64Array(m * calls.length).fill(Number.NaN);
  calls.forEach((r, j) => {
    members.forEach((c, i) => {
      const code = matrix.votes[r * n + c]!;
      if (code) v[i * calls.length + j] = SCALE[code]!;
    });
  });
  const fit = alternate(v, m, calls.length, startFrom(v, m, calls.length), options.iterations ?? 100);

  const anchor = options.orientTo === undefined ? -1 : members.indexOf(matrix.countries.indexOf(options.orientTo));
  const sign = anchor >= 0 && fit.x[anchor]! < 0 ? -1 : 1;
  return members.map((c, i) => ({ country: matrix.countries[c]!, idealPoint: sign * fit.x[i]!, votes: counts[c]! }));
}

/** A start that is not orthogonal to the leading factor: each state's mean position. */
function startFrom(v: Float64Array, m: number, k: number): Float64Array {
  const x = new Float64Array(m);
  for (let i = 0; i < m; i++) {
    let s = 0;
    let c = 0;
    for (let j = 0; j < k; j++) {
      const value = v[i * k + j]!;
      if (!Number.isNaN(value)) {
        s += value;
        c++;
      }
    }
    x[i] = c ? s / c : 0;
  }
  return standardise(x);
}

function standardise(x: Float64Array): Float64Array {
  let mean = 0;
  for (const value of x) mean += value;
  mean /= x.length;
  let variance = 0;
  for (const value of x) variance += (value - mean) ** 2;
  const sd = Math.sqrt(variance / x.length) || 1;
  for (let i = 0; i < x.length; i++) x[i] = (x[i]! - mean) / sd;
  return x;
}

/** Alternates the roll-call regressions (a_j, b_j given x) and the state positions (x_i given a, b) until x settles. */
function alternate(v: Float64Array, m: number, k: number, start: Float64Array, iterations: number): Fit {
  let x = start;
  const a = new Float64Array(k);
  const b = new Float64Array(k);
  for (let it = 0; it < iterations; it++) {
    for (let j = 0; j < k; j++) {
      let n = 0;
      let sx = 0;
      let sy = 0;
      let sxx = 0;
      let sxy = 0;
      for (let i = 0; i < m; i++) {
        const y = v[i * k + j]!;
        if (Number.isNaN(y)) continue;
        const xi = x[i]!;
        n++;
        sx += xi;
        sy += y;
        sxx += xi * xi;
        sxy += xi * y;
      }
      const varX = sxx - (sx * sx) / n;
      b[j] = varX > 1e-12 ? (sxy - (sx * sy) / n) / varX : 0;
      a[j] = (sy - b[j]! * sx) / n;
    }
    const next = new Float64Array(m);
    for (let i = 0; i < m; i++) {
      let num = 0;
      // A small ridge keeps a state with few informative votes near the centre instead of at ±∞.
      let den = 1e-3;
      for (let j = 0; j < k; j++) {
        const y = v[i * k + j]!;
        if (Number.isNaN(y)) continue;
        num += b[j]! * (y - a[j]!);
        den += b[j]! * b[j]!;
      }
      next[i] = num / den;
    }
    standardise(next);
    let change = 0;
    for (let i = 0; i < m; i++) change = Math.max(change, Math.abs(next[i]! - x[i]!));
    x = next;
    if (change < 1e-7) break;
  }
  return { x, a, b };
}
