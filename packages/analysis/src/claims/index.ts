export { type AnalysedText, analyseText, cleanPost, type TextAnalysisOptions } from './analyse-text.ts';
export { CLAIM_MODEL, CLAIM_THRESHOLD_CURVE, CLAIM_THRESHOLDS, type ClaimModel, type ClaimThresholds, type ThresholdPoint } from './claim-model.ts';
export { type ClaimDecision, decideClaimMatch } from './decide.ts';
export { type LogisticModel, predictLogistic, trainLogistic } from './logistic.ts';
export {
  type ClaimCandidate,
  type ClaimMatcher,
  type ClaimMatcherOptions,
  createClaimMatcher,
  type MatchOptions,
  restoreClaimMatcher,
  type SerialisedClaimMatcher,
} from './matcher.ts';
export type { ClaimInput, ClaimTranslation } from './types.ts';
