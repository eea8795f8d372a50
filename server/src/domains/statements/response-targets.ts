// A statement may respond to something another domain owns (an integrity finding or claim).
// Statements cannot read that domain (integrity already reads statements, and the layering has no
// cycles), so the composition root hands in the owner's resolver (ADR 0028), as it hands listening
// integrity's matching hook (ADR 0023).
import type { ClaimReviewed } from '@diplodesk/contracts';
import type { Principal } from '../../platform/authz/principal.ts';
import type { Executor } from '../../platform/db/index.ts';

export type ForeignResponseTarget = { type: 'integrity-finding' | 'integrity-claim'; id: string };

/** What the draft keeps of the target: its title, and the claim it reviews when there is one. */
export type ResolvedResponseTarget = { title: string; review: ClaimReviewed | null };

/**
 * Looks the target up for this principal; null when it does not exist or the principal may not
 * see it (the owner checks with `can()`; both answers look the same to the caller).
 */
export type ResponseTargetResolver = (x: Executor, p: Principal, target: ForeignResponseTarget) => Promise<ResolvedResponseTarget | null>;

export function isForeignTarget(target: { type: string; id: string }): target is ForeignResponseTarget {
  return target.type === 'integrity-finding' || target.type === 'integrity-claim';
}
