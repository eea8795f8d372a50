import { CLAIM_THRESHOLDS, type ClaimThresholds } from './claim-model.ts';
import type { ClaimCandidate } from './matcher.ts';

/** What to do with a post's best candidate: link it, ask a person, or nothing. */
export type ClaimDecision = { action: 'link' | 'suggest' | 'none'; candidate?: ClaimCandidate };

/**
 * The action for a post given its ranked candidates (best first) and the two thresholds.
 * @example decideClaimMatch(matcher.match(post)) // { action: 'suggest', candidate: { claimId: '12', score: 0.71, … } }
 */
export function decideClaimMatch(candidates: readonly ClaimCandidate[], thresholds: ClaimThresholds = CLAIM_THRESHOLDS): ClaimDecision {
  if (thresholds.suggest > thresholds.autoLink) throw new Error('the suggest threshold must not be above the auto-link threshold');
  const best = candidates[0];
  if (!best || best.score < thresholds.suggest) return { action: 'none' };
  return { action: best.score >= thresholds.autoLink ? 'link' : 'suggest', candidate: best };
}
