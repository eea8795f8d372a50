// A small logistic regression: the re-ranker's score is its probability, so one number both orders the
// candidates and says how sure the match is (the two thresholds read it directly).

/** Weights of a logistic model over named features; `bias` is the intercept. */
export type LogisticModel = { bias: number; weights: Record<string, number> };

/** P(match) = σ(bias + Σ wᵢ·xᵢ) over the features the model names (others are ignored). */
export function predictLogistic(model: LogisticModel, features: Readonly<Record<string, number>>): number {
  let z = model.bias;
  for (const name in model.weights) z += model.weights[name]! * (features[name] ?? 0);
  return 1 / (1 + Math.exp(-z));
}

export type LogisticTraining = {
  /** L2 penalty on the weights (not the intercept). Default 1. */
  l2?: number;
  /** Newton iterations. Default 25. */
  iterations?: number;
};

function solve(a: number[][], b: number[]): number[] {
  const n = b.length;
  const m = a.map((row, i) => [...row, b[i]!]);
  for (let col = 0; col < n; col++) {
    let pivot = col;
    for (let r = col + 1; r < n; r++) if (Math.abs(m[r]![col]!) > Math.abs(m[pivot]![col]!)) pivot = r;
    [m[col], m[pivot]] = [m[pivot]!, m[col]!];
    const p = m[col]![col]!;
    if (Math.abs(p) < 1e-12) continue;
    for (let r = 0; r < n; r++) {
      if (r === col) continue;
      const f = m[r]![col]! / p;
      if (f === 0) continue;
      for (let c = col; c <= n; c++) m[r]![c]! -= f * m[col]![c]!;
    }
  }
  return m.map((row, i) => (Math.abs(row[i]!) < 1e-12 ? 0 : row[n]! / row[i]!));
}

/**
 * Fits a logistic model by Newton's method (IRLS) with an L2 penalty: exact and fast for the handful
 * of features and tens of thousands of rows a re-ranker has.
 * @example trainLogistic(['a'], [{ a: 1 }, { a: 0 }], [1, 0])
 */
export function trainLogistic(
  names: readonly string[],
  rows: readonly Readonly<Record<string, number>>[],
  labels: readonly number[],
  options: LogisticTraining = {},
): LogisticModel {
  const l2 = options.l2 ?? 1;
  const d = names.length + 1;
  const w = new Array<number>(d).fill(0);
  const xs = rows.map((r) => [1, ...names.map((n) => r[n] ?? 0)]);
  for (let it = 0; it < (options.iterations ?? 25); it++) {
    const grad = new Array<number>(d).fill(0);
    const hess = Array.from({ length: d }, () => new Array<number>(d).fill(0));
    for (let i = 0; i < xs.length; i++) {
      const x = xs[i]!;
      let z = 0;
      for (let j = 0; j < d; j++) z += w[j]! * x[j]!;
      const p = 1 / (1 + Math.exp(-z));
      const g = p - labels[i]!;
      const h = Math.max(p * (1 - p), 1e-9);
      for (let j = 0; j < d; j++) {
        grad[j]! += g * x[j]!;
        const hx = h * x[j]!;
        for (let k = j; k < d; k++) hess[j]![k]! += hx * x[k]!;
      }
    }
    for (let j = 0; j < d; j++) for (let k = 0; k < j; k++) hess[j]![k] = hess[k]![j]!;
    for (let j = 1; j < d; j++) {
      grad[j]! += l2 * w[j]!;
      hess[j]![j]! += l2;
    }
    const step = solve(hess, grad);
    let moved = 0;
    for (let j = 0; j < d; j++) {
      w[j]! -= step[j]!;
      moved = Math.max(moved, Math.abs(step[j]!));
    }
    if (moved < 1e-8) break;
  }
  return { bias: w[0]!, weights: Object.fromEntries(names.map((n, i) => [n, w[i + 1]!])) };
}

