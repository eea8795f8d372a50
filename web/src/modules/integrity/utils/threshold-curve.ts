/** One point of the matcher's threshold curve: what a threshold gives on the evaluation set. */
export interface CurvePoint {
  threshold: number;
  precision: number;
  recall: number;
}

/**
 * What a threshold would give, read off the curve: the point at the nearest threshold at or below
 * it (links at that score or more are kept, so a higher threshold never claims more recall than the
 * curve's next point down); the lowest point when the threshold is below the whole curve.
 */
export function estimateAt(curve: readonly CurvePoint[], threshold: number): CurvePoint | null {
  if (curve.length === 0) return null;
  const sorted = [...curve].sort((a, b) => a.threshold - b.threshold);
  let best = sorted[0] as CurvePoint;
  for (const point of sorted) {
    if (point.threshold <= threshold + 1e-9) best = point;
    else break;
  }
  return { threshold, precision: best.precision, recall: best.recall };
}
