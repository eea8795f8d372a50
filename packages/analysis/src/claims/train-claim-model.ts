// Learning the re-ranker of claim-model.ts: used by scripts/build-claim-model.ts and by the
// evaluation's cross-fitting and ablation; never at run time.
import { type ClaimModel, type ClaimThresholds, calibrationInputs, scoreCandidates } from './claim-model.ts';
import { trainLogistic } from './logistic.ts';

/** One training post: its candidates' features and which of them is its claim. */
export type TrainingPost = { features: Record<string, number>[]; relevant: boolean[] };

export const RANKER_FEATURES = [
  'text',
  'title',
  'grams',
  'pairs',
  'pairCount',
  'names',
  'numbers',
  'sameYear',
  'otherYear',
  'sameMonth',
  'media',
  'textRel',
  'titleRel',
  'gramsRel',
  'pairsRel',
  'firstRel',
] as const;
export const CALIBRATOR_FEATURES = ['z', 'gap', 'cover', 'shared'] as const;

function present(names: readonly string[], posts: readonly TrainingPost[]): string[] {
  return names.filter((n) => posts.some((p) => p.features.some((f) => f[n] !== undefined)));
}

/**
 * Fits the ranker on matching posts, then the calibrator on the same posts plus `unrelated` ones
 * (posts that repeat no registered claim: every candidate of theirs is wrong). Features a variant
 * of the matcher does not compute (the ablation) are left out.
 */
export function trainClaimModel(posts: readonly TrainingPost[], unrelated: readonly Record<string, number>[][] = []): ClaimModel {
  // (The calibrator's probability is for the training mix: about as many posts without a registered claim as with one.)
  const rankerNames = present(RANKER_FEATURES, posts);
  const rows = posts.flatMap((p) => p.features);
  const labels = posts.flatMap((p) => p.relevant.map((r) => (r ? 1 : 0)));
  const ranker = trainLogistic(rankerNames, rows, labels);
  const calRows = [...posts.map((p) => p.features), ...unrelated].flatMap((features) => calibrationInputs(ranker, features));
  const calLabels = [...labels, ...unrelated.flatMap((u) => u.map(() => 0))];
  const calibrator = trainLogistic(present(CALIBRATOR_FEATURES, [{ features: calRows, relevant: [] }]), calRows, calLabels);
  return { ranker, calibrator };
}

/** The best candidate's score for each post, and whether it is the post's claim. */
export type TopScore = { score: number; correct: boolean };

/** Top-1 scores of posts under a model. */
export function topScores(model: ClaimModel, posts: readonly TrainingPost[]): TopScore[] {
  return posts.map((p) => {
    const scores = scoreCandidates(model, p.features);
    let best = -1;
    scores.forEach((s, i) => {
      if (best < 0 || s > scores[best]!) best = i;
    });
    return best < 0 ? { score: 0, correct: false } : { score: scores[best]!, correct: p.relevant[best]! };
  });
}

/** Precision and recall of linking every post whose best score is at or above `threshold`. */
export function linkQuality(tops: readonly TopScore[], threshold: number): { precision: number; recall: number; links: number } {
  const links = tops.filter((t) => t.score >= threshold);
  const right = links.filter((t) => t.correct).length;
  return { precision: links.length ? right / links.length : 1, recall: tops.length ? right / tops.length : 0, links: links.length };
}

/** What each threshold must achieve on training data. */
export type ThresholdTargets = {
  /** Share of right links among posts whose claim is registered. */
  precision: number;
  /** Most share of posts whose claim is not registered (a similar one may be) that may pass. */
  unregisteredRate: number;
  /** Most share of posts about nothing registered that may pass. */
  unrelatedRate: number;
};

export const AUTO_LINK_TARGETS: ThresholdTargets = { precision: 0.97, unregisteredRate: 0.02, unrelatedRate: 0.01 };
export const SUGGEST_TARGETS: ThresholdTargets = { precision: 0.9, unregisteredRate: 0.25, unrelatedRate: 0.05 };

function rate(scores: readonly number[], threshold: number): number {
  return scores.length ? scores.filter((s) => s >= threshold).length / scores.length : 0;
}

/**
 * The lowest threshold (on a 0.01 grid, 0.05 … 0.99) from which on, every higher one too, all targets
 * hold: the most recall the limits allow, without a lucky dip in the curve.
 */
export function chooseThreshold(tops: readonly TopScore[], unregistered: readonly number[], unrelated: readonly number[], targets: ThresholdTargets): number {
  let chosen = 0.99;
  for (let t = 99; t >= 5; t--) {
    const threshold = t / 100;
    const ok =
      linkQuality(tops, threshold).precision >= targets.precision &&
      rate(unregistered, threshold) <= targets.unregisteredRate &&
      rate(unrelated, threshold) <= targets.unrelatedRate;
    if (!ok) break;
    chosen = threshold;
  }
  return chosen;
}

/** Both default thresholds from cross-fitted training scores (best score per post of each kind). */
export function chooseThresholds(tops: readonly TopScore[], unregistered: readonly number[], unrelated: readonly number[]): ClaimThresholds {
  const autoLink = chooseThreshold(tops, unregistered, unrelated, AUTO_LINK_TARGETS);
  const suggest = Math.min(autoLink, chooseThreshold(tops, unregistered, unrelated, SUGGEST_TARGETS));
  return { autoLink, suggest };
}
