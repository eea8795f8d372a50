// What a rebuttal drafted from a finding or a claim starts with (ADR 0028): statements asks through
// the hook the composition root hands it; integrity answers only for what the drafter may see.
import { type ClaimReviewed, uuid } from '@diplodesk/contracts';
import { can, isWithin, type Principal, reachPaths } from '../../../platform/authz/principal.ts';
import type { Executor } from '../../../platform/db/index.ts';
import { findUnit } from '../../identity/index.ts';
import type { ForeignResponseTarget, ResolvedResponseTarget } from '../../statements/index.ts';
import { type ClaimRow, findClaim } from '../claims/claims.repo.ts';
import { findFinding } from '../findings/findings.queries.ts';

/** The claim as the rebuttal reviews it: the registry's words and rating at the time of drafting. */
export function reviewOf(claim: ClaimRow): ClaimReviewed {
  return {
    claimId: claim.id,
    text: claim.claimReviewed,
    language: claim.language,
    rating: { alternateName: claim.rating.alternateName, ratingValue: claim.rating.ratingValue, bestRating: claim.rating.bestRating, worstRating: claim.rating.worstRating },
    author: claim.itemAuthorName,
    appearances: claim.appearanceUrls.slice(0, 20),
    datePublished: claim.itemDatePublished,
  };
}

/** A claim is seen by readers of its unit and of the units below it (it is matched against their items). */
async function canSeeClaim(x: Executor, p: Principal, claim: ClaimRow): Promise<boolean> {
  const unit = await findUnit(x, claim.unitId);
  if (!unit) return false;
  return can(p, 'integrity.read', unit.path) || reachPaths(p, 'integrity.read').some((r) => isWithin(r, unit.path));
}

/** The finding's or claim's title and reviewed claim, or null when it does not exist or `p` may not read it. */
export async function rebuttalTargetOf(x: Executor, p: Principal, target: ForeignResponseTarget): Promise<ResolvedResponseTarget | null> {
  if (!uuid.safeParse(target.id).success) return null;
  if (target.type === 'integrity-claim') {
    const claim = await findClaim(x, target.id);
    if (!claim || !(await canSeeClaim(x, p, claim))) return null;
    return { title: claim.headline ?? claim.claimReviewed.slice(0, 300), review: reviewOf(claim) };
  }
  const finding = await findFinding(x, target.id);
  if (!finding) return null;
  const unit = await findUnit(x, finding.unitId);
  if (!unit || !can(p, 'integrity.read', unit.path)) return null;
  // A claim-match finding's claim is at its unit or above, so its readers see the claim too.
  const claim = finding.claimId ? await findClaim(x, finding.claimId) : undefined;
  return { title: finding.title, review: claim ? reviewOf(claim) : null };
}
