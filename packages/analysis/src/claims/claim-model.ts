import shipped from './claim-model.json' with { type: 'json' };
import { type LogisticModel, predictLogistic } from './logistic.ts';

/**
 * The re-ranker in two steps. `ranker` orders a post's candidates from their similarities (word BM25
 * of text and headline, character n-grams, word pairs), each divided by what the post could match at
 * most and again by the best candidate's, and from names, numbers, the post's date against the years
 * and month a claim names, and a picture in the post against a claim about a picture or video.
 * `calibrator` turns a candidate's ranker logit, its lead over the other candidates and the absolute
 * evidence (share of the claim covered, idf mass shared) into P(this is the post's claim): relative
 * similarities alone rate a three-word post that meets one claim word as a perfect match.
 */
export type ClaimModel = { ranker: LogisticModel; calibrator: LogisticModel };

/** A score at or above `autoLink` links the post to the claim; at or above `suggest`, a person is asked. */
export type ClaimThresholds = { autoLink: number; suggest: number };

/** The shipped model: written by scripts/build-claim-model.ts from the CLEF 2020 training tweets only. */
export const CLAIM_MODEL: ClaimModel = { ranker: shipped.ranker, calibrator: shipped.calibrator };

/** Default thresholds, chosen on the training tweets by the same script (see its rules). */
export const CLAIM_THRESHOLDS: ClaimThresholds = shipped.thresholds;

/**
 * One point of the threshold curve, cross-fitted on the training tweets: of posts whose claim is
 * registered, the share of links that are right (`precision`) and the share linked rightly
 * (`recall`); the share linked of posts whose claim is not registered, and of posts about nothing
 * registered. For showing what a threshold would give next to the setting.
 */
export type ThresholdPoint = { threshold: number; precision: number; recall: number; unregisteredLinked: number; unrelatedLinked: number };

/** Thresholds 0.05 … 0.95 and what each gives. */
export const CLAIM_THRESHOLD_CURVE: readonly ThresholdPoint[] = shipped.curve;

const GAP_LIMIT = 5;

function logit(model: LogisticModel, features: Readonly<Record<string, number>>): number {
  let z = model.bias;
  for (const name in model.weights) z += model.weights[name]! * (features[name] ?? 0);
  return z;
}

/**
 * The calibrator's inputs for each candidate of one post: its features plus its ranker logit `z` and
 * `gap`, its lead over the best other candidate. A claim outside the list shares nothing with the
 * post (all features 0, logit = the ranker's intercept), so the lead is never measured against less:
 * a lone candidate found through one common word has no lead to speak of.
 */
export function calibrationInputs(ranker: LogisticModel, candidates: readonly Readonly<Record<string, number>>[]): Record<string, number>[] {
  const z = candidates.map((f) => logit(ranker, f));
  let first = ranker.bias;
  let second = ranker.bias;
  for (const v of z) {
    if (v > first) {
      second = first;
      first = v;
    } else if (v > second) second = v;
  }
  return candidates.map((f, i) => {
    const other = z[i] === first ? second : first;
    return { ...f, z: z[i]!, gap: Math.max(-GAP_LIMIT, Math.min(GAP_LIMIT, z[i]! - other)) };
  });
}

/** P(candidate is the post's claim) for each candidate of one post. */
export function scoreCandidates(model: ClaimModel, candidates: readonly Readonly<Record<string, number>>[]): number[] {
  return calibrationInputs(model.ranker, candidates).map((x) => predictLogistic(model.calibrator, x));
}
