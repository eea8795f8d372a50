import type { Detection } from './detection.ts';

export type KleinbergOptions = {
  /** Ratio of the burst rate to the base rate (Kleinberg's s). */
  s?: number;
  /** Cost of moving up one state, in units of ln n (Kleinberg's γ). */
  gamma?: number;
};

/**
 * −ln of the binomial likelihood of r relevant out of d at rate p, without the C(d, r) term (it is
 * the same in every state, so it changes neither the optimal path nor the burst weights).
 */
function binomialCost(r: number, d: number, p: number): number {
  return -(r > 0 ? r * Math.log(p) : 0) - (d - r > 0 ? (d - r) * Math.log(1 - p) : 0);
}

/**
 * Kleinberg's batched two-state burst automaton (Kleinberg 2002, §4 "enumerating bursts" on
 * documents arriving in batches): per period t, `relevant[t]` of `total[t]` items are about the
 * subject. State 0 emits relevant items at the overall share p₀ = Σr/Σd, state 1 at s·p₀; entering
 * state 1 costs γ·ln n, leaving it is free. The Viterbi path's runs in state 1 are the bursts.
 * Each detection's `score` is the burst weight Σ(cost₀ − cost₁) over the run, `threshold` the entry
 * cost, `observed` the run's share and `expected` p₀.
 *
 * @example kleinbergBursts([0, 0, 5, 5, 0, 0], [10, 10, 10, 10, 10, 10]) // one burst, periods 2–3
 */
export function kleinbergBursts(relevant: readonly number[], total: readonly number[], options: KleinbergOptions = {}): Detection[] {
  const n = relevant.length;
  if (n === 0 || total.length !== n) return [];
  const s = options.s ?? 2;
  const gamma = options.gamma ?? 1;
  const sumR = relevant.reduce((a, b) => a + b, 0);
  const sumD = total.reduce((a, b) => a + b, 0);
  if (sumR === 0 || sumD === 0) return [];
  const p0 = sumR / sumD;
  // A burst share of 1 or more is meaningless; cap just below 1 as the reference implementations do.
  const p1 = Math.min(s * p0, 1 - 1e-9);
  const enter = gamma * Math.log(n);
  const cost0 = relevant.map((r, t) => binomialCost(r, total[t]!, p0));
  const cost1 = relevant.map((r, t) => binomialCost(r, total[t]!, p1));

  // Viterbi over two states, starting in state 0; `from*` remember the best predecessor.
  let best0 = cost0[0]!;
  let best1 = enter + cost1[0]!;
  const from0 = new Uint8Array(n);
  const from1 = new Uint8Array(n);
  from1[0] = 0;
  for (let t = 1; t < n; t++) {
    const stay0 = best0;
    const down = best1; // leaving the burst is free
    const up = best0 + enter;
    const stay1 = best1;
    from0[t] = down < stay0 ? 1 : 0;
    from1[t] = stay1 <= up ? 1 : 0;
    best0 = Math.min(stay0, down) + cost0[t]!;
    best1 = Math.min(stay1, up) + cost1[t]!;
  }
  const states = new Uint8Array(n);
  states[n - 1] = best1 < best0 ? 1 : 0;
  for (let t = n - 1; t > 0; t--) states[t - 1] = states[t] ? from1[t]! : from0[t]!;

  const out: Detection[] = [];
  for (let t = 0; t < n; t++) {
    if (!states[t]) continue;
    let end = t;
    while (end + 1 < n && states[end + 1]) end++;
    let weight = 0;
    let peak = t;
    let r = 0;
    let d = 0;
    for (let u = t; u <= end; u++) {
      const gain = cost0[u]! - cost1[u]!;
      weight += gain;
      if (gain > cost0[peak]! - cost1[peak]!) peak = u;
      r += relevant[u]!;
      d += total[u]!;
    }
    out.push({ method: 'kleinberg', start: t, end, peak, hits: end - t + 1, observed: d ? r / d : 0, expected: p0, score: weight, threshold: enter });
    t = end;
  }
  return out;
}

/** A burst of the gap-based automaton: events `start`…`end` (indices into the times) at `level` ≥ 1. */
export type GapBurst = { level: number; start: number; end: number; startTime: number; endTime: number };

/**
 * Kleinberg's original automaton over the gaps between event times (sorted, any unit): state i
 * expects gaps at rate sⁱ/ĝ (ĝ the mean gap), moving up j states costs j·γ·ln n, moving down is
 * free. Returns every maximal run at level ≥ 1, ≥ 2, … (bursts nest, as in the paper and R `bursts`).
 *
 * @example kleinbergGaps([0, 10, 20, 21, 21.5, 22, 30, 40]) // a level-1 burst around t = 21
 */
export function kleinbergGaps(times: readonly number[], options: KleinbergOptions = {}): GapBurst[] {
  const s = options.s ?? 2;
  const gamma = options.gamma ?? 1;
  const gaps = times.slice(1).map((t, i) => t - times[i]!);
  const n = gaps.length;
  if (n < 1) return [];
  const span = times.at(-1)! - times[0]!;
  const positive = gaps.filter((g) => g > 0);
  if (span <= 0 || positive.length === 0) return [];
  const meanGap = span / n;
  // Simultaneous events have a zero gap; treat them as the smallest positive gap seen.
  const minGap = Math.min(...positive);
  const x = gaps.map((g) => (g > 0 ? g : minGap));
  const k = Math.min(32, Math.ceil(1 + Math.log(span) / Math.log(s) + Math.log(1 / minGap) / Math.log(s)));
  const states = Math.max(2, k);
  const rates = Array.from({ length: states }, (_, i) => s ** i / meanGap);
  const up = gamma * Math.log(n);
  const emit = (i: number, g: number) => rates[i]! * g - Math.log(rates[i]!);

  let cost = rates.map((_, i) => i * up + emit(i, x[0]!));
  const back: Uint8Array[] = [new Uint8Array(states)];
  for (let t = 1; t < n; t++) {
    const from = new Uint8Array(states);
    const next = new Array<number>(states);
    for (let j = 0; j < states; j++) {
      let best = Number.POSITIVE_INFINITY;
      for (let i = 0; i < states; i++) {
        const c = cost[i]! + (j > i ? (j - i) * up : 0);
        if (c < best) {
          best = c;
          from[j] = i;
        }
      }
      next[j] = best + emit(j, x[t]!);
    }
    cost = next;
    back.push(from);
  }
  const path = new Array<number>(n);
  path[n - 1] = cost.indexOf(Math.min(...cost));
  for (let t = n - 1; t > 0; t--) path[t - 1] = back[t]![path[t]!]!;

  const bursts: GapBurst[] = [];
  const top = Math.max(...path);
  for (let level = 1; level <= top; level++) {
    for (let t = 0; t < n; t++) {
      if (path[t]! < level) continue;
      let end = t;
      while (end + 1 < n && path[end + 1]! >= level) end++;
      // Gap t lies between events t and t + 1.
      bursts.push({ level, start: t, end: end + 1, startTime: times[t]!, endTime: times[end + 1]! });
      t = end;
    }
  }
  return bursts;
}
