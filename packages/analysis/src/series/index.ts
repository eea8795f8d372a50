export { type BucketHit, type Detection, type DetectorMethod, mergeHits } from './detection.ts';
export { type GapBurst, type KleinbergOptions, kleinbergBursts, kleinbergGaps } from './kleinberg.ts';
export { type RollingZScoreOptions, rollingZScore } from './rolling-zscore.ts';
export { countSurprise, fitWandering, poissonUpperTail } from './count-tail.ts';
export { detectSpikes, persistenceZ, SPIKE_DEFAULTS, type SpikeOptions, seasonalPeriod } from './spike.ts';
export { mean, median, normalQuantile, normalTail, pearson, quantile, ranks, robustScale, spearman, standardDeviation } from './stats.ts';
export { type ToneBucket, type ToneDropOptions, toneDrop } from './tone-drop.ts';
export { WINDOW_PRESETS, type WindowCompareOptions, windowCompare } from './window-compare.ts';
export { type BandExit, type EtsForecast, type EtsModel, type EtsOptions, type EtsTransform, fitEts, forecastEts, leavesBand } from './ets.ts';
