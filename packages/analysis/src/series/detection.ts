// What every detector returns: not only "something happened" but why, so the server can store the
// evidence and draw it as a small chart next to the alert.

/** The detectors of this folder, named in each detection. */
export type DetectorMethod = 'rolling-zscore' | 'window-compare' | 'kleinberg' | 'tone-drop' | 'spike';

/** One bucket that crossed its detector's threshold. */
export type BucketHit = {
  /** Index of the bucket in the input series. */
  index: number;
  /** The value the detector looked at (a count, a window mean, a share, a tone). */
  observed: number;
  /** What the baseline expected there (a mean, a median, a rate). */
  expected: number;
  /** The baseline's spread in the observed units, when the method has one. */
  sd?: number;
  /** The detector's score (z, ratio, log-likelihood gain) and the threshold it crossed. */
  score: number;
  threshold: number;
};

/**
 * A detection: hits merged over a run of buckets (see `mergeHits`). `start`/`end` are inclusive
 * bucket indices; the other fields are those of the strongest hit (`peak`), and `hits` counts the
 * buckets that fired inside the run.
 */
export type Detection = Omit<BucketHit, 'index'> & {
  method: DetectorMethod;
  start: number;
  end: number;
  peak: number;
  hits: number;
};

/**
 * Merges hits into detections: a hit within `coolDown` buckets of the previous one joins its
 * detection (1 = only adjacent buckets), so a long spike is one alert with a count, not one per bucket.
 *
 * @example mergeHits('spike', [{ index: 3, … }, { index: 4, … }], 1) // one detection, start 3, end 4
 */
export function mergeHits(method: DetectorMethod, hits: readonly BucketHit[], coolDown = 1): Detection[] {
  const out: Detection[] = [];
  const sorted = [...hits].sort((a, b) => a.index - b.index);
  for (const hit of sorted) {
    const last = out.at(-1);
    if (last && hit.index - last.end <= Math.max(1, coolDown)) {
      last.end = hit.index;
      last.hits++;
      if (hit.score > last.score) Object.assign(last, strongest(hit));
      continue;
    }
    out.push({ method, start: hit.index, end: hit.index, hits: 1, ...strongest(hit) });
  }
  return out;
}

function strongest(hit: BucketHit): Omit<Detection, 'method' | 'start' | 'end' | 'hits'> {
  const { index, ...rest } = hit;
  return { ...rest, peak: index };
}
