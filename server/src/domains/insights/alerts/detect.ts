// Which detector a rule runs, and the detection that concerns now (the current or the last bucket).
import { type Detection, detectSpikes, kleinbergBursts, toneDrop, WINDOW_PRESETS, windowCompare } from '@diplodesk/analysis';
import type { AlertRuleKind } from '@diplodesk/contracts';
import { DAY_MS, HOUR_MS, type WatchedSeries } from './alert-series.ts';

export type RuleToCheck = { kind: AlertRuleKind; bucket: 'hour' | 'day'; threshold: number | null };

/** Tone-drop windows: the last six hours against the week before, or the last day against two weeks. */
const toneWindows = { hour: { recent: 6, baseline: 168 }, day: { recent: 1, baseline: 14 } } as const;

function detections(rule: RuleToCheck, series: WatchedSeries): Detection[] {
  const bucketMs = rule.bucket === 'hour' ? HOUR_MS : DAY_MS;
  switch (rule.kind) {
    case 'threshold': {
      const above = rule.threshold ?? Number.POSITIVE_INFINITY;
      return series.counts.flatMap((value, index) => (value > above ? [{ method: 'spike' as const, start: index, end: index, peak: index, hits: 1, observed: value, expected: above, score: value, threshold: above }] : []));
    }
    case 'spike':
      return detectSpikes(series.counts, { bucketMs });
    case 'window':
      return windowCompare(series.counts, rule.bucket === 'hour' ? WINDOW_PRESETS.lastHourVsTwelve : WINDOW_PRESETS.dayVsFourteen);
    case 'burst':
      return kleinbergBursts(series.counts, series.totals);
    case 'tone-drop':
      // Tone is −1…1 here: a drop of a fifth of the scale, three standard errors out, over 20 items at least.
      return toneDrop(series.tone, { ...toneWindows[rule.bucket], minDrop: 0.2, k: 3, minCount: 20 });
    case 'cluster-growth':
      // Not a series of the rollups: see cluster-growth.ts.
      return [];
  }
}

/**
 * The detection that is news now: one that reaches the current bucket or the one just completed.
 * An older one was (or would have been) raised when it happened.
 */
export function currentDetection(rule: RuleToCheck, series: WatchedSeries): Detection | null {
  const last = series.counts.length - 1;
  const found = detections(rule, series).filter((d) => d.end >= last - 1);
  return found.sort((a, b) => b.end - a.end || b.score - a.score)[0] ?? null;
}
