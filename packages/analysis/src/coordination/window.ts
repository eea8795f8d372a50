import { quantile } from '../series/stats.ts';
import { type CoordinationOptions, type CoordinationWindow, resolveOptions } from './types.ts';

/**
 * The coordination window, estimated from the data as CooRnet's `estimate_coord_interval` does
 * (Giglietto, Righetti & Rossi; R/estimate_coord_interval.R, defaults q = 0.1, p = 0.5):
 * 1. take every object shared more than once, its shares in time order;
 * 2. keep the objects whose second share came quickest: time to the second share ≤ its q-quantile;
 * 3. for each, the time from the first share to the first share past p of its shares (rank / count > p);
 * 4. the window is the p-quantile (the median) of those times, and 1 s when that is 0.
 * Quantiles are R's type 7, as R's `quantile` computes them. The result is then held within
 * [minWindowSeconds, maxWindowSeconds]. With no object shared twice there is nothing to estimate
 * from: the window is then 60 s, CooRTweet's example for links (within the bounds).
 * @param timelines the share times (epoch ms) of each object, each in ascending order
 */
export function estimateCoordinationWindow(timelines: Iterable<ArrayLike<number>>, options: CoordinationOptions = {}): CoordinationWindow {
  const opts = resolveOptions(options);
  if (opts.windowSeconds !== undefined) {
    return { seconds: opts.windowSeconds, source: 'fixed', repeatedObjects: 0, quickestObjects: 0 };
  }
  const repeated: ArrayLike<number>[] = [];
  const toSecond: number[] = [];
  for (const times of timelines) {
    if (times.length < 2) continue;
    repeated.push(times);
    toSecond.push((times[1]! - times[0]!) / 1000);
  }
  if (repeated.length === 0) {
    return { seconds: Math.min(60, opts.maxWindowSeconds), source: 'default', repeatedObjects: 0, quickestObjects: 0 };
  }
  const cut = quantile(toSecond, opts.quickest);
  const toFraction: number[] = [];
  repeated.forEach((times, i) => {
    if (toSecond[i]! > cut) return;
    // The first rank r (1-based) with r / n > p is floor(p·n) + 1, at index floor(p·n).
    const at = Math.min(times.length - 1, Math.floor(opts.shareFraction * times.length));
    toFraction.push((times[at]! - times[0]!) / 1000);
  });
  const raw = quantile(toFraction, opts.shareFraction);
  const floored = raw === 0 ? 1 : raw;
  return {
    seconds: Math.min(opts.maxWindowSeconds, Math.max(opts.minWindowSeconds, floored)),
    source: 'estimated',
    repeatedObjects: repeated.length,
    quickestObjects: toFraction.length,
    raw,
  };
}
