import { type Principal, reachPaths } from '../../../platform/authz/principal.ts';
import type { PlatformContext } from '../../../platform/context.ts';
import { listUnits } from '../../identity/index.ts';
import { decisionFacts } from '../commands/decide-clearance.ts';
import { evaluateClearance, isApproverOf } from '../lifecycle.ts';
import { rolesAt } from '../statement-access.ts';
import { presentSummary } from '../statements.presenter.ts';
import { countOwn, listDecisions, listInClearance } from '../statements.repo.ts';

/** "My clearances": statements whose current step waits for me, and counts for the badge. */
export async function clearanceInbox(ctx: PlatformContext, p: Principal) {
  const units = await listUnits(ctx.db);
  const reach = reachPaths(p, 'statement.read');
  const readable = units.filter((u) => reach.some((r) => u.path.startsWith(r)));
  const byId = new Map(readable.map((u) => [u.id, u]));
  const pending = await listInClearance(ctx.db, [...byId.keys()]);
  const decisions = await listDecisions(
    ctx.db,
    pending.map((s) => s.id),
  );
  const items = [];
  for (const s of pending) {
    const unit = byId.get(s.unitId);
    if (!unit || !s.clearance || s.createdBy === p.userId) continue;
    const facts = decisionFacts(
      decisions.filter((d) => d.statementId === s.id),
      s.clearanceRound,
    );
    const view = evaluateClearance(s.clearance.steps, facts);
    if (view.currentStep === null) continue;
    const step = s.clearance.steps[view.currentStep];
    if (!step || !isApproverOf(step, { userId: p.userId, rolesAtUnit: rolesAt(p, unit.path) })) continue;
    if (facts.some((f) => f.valid && f.stepIndex === view.currentStep && f.approverId === p.userId)) continue;
    items.push({ ...presentSummary(s, unit.name), stepName: step.name, waitingSince: (s.submittedAt ?? s.updatedAt).toISOString() });
  }
  const own = await countOwn(ctx.db, p.userId);
  return { items, counts: { awaitingMe: items.length, myInClearance: own.inClearance, myChangesRequested: own.changesRequested } };
}
