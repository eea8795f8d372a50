import { type Principal, reachPaths } from '../../../platform/authz/principal.ts';
import type { PlatformContext } from '../../../platform/context.ts';
import { listUnits } from '../../identity/index.ts';
import { decisionFacts } from '../commands/decide-clearance.ts';
import { decideBlock, evaluateClearance } from '../lifecycle.ts';
import { approverAt, roundAuthorsOf } from '../statement-access.ts';
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
  const authors = await roundAuthorsOf(ctx.db, pending);
  const items = [];
  for (const s of pending) {
    const unit = byId.get(s.unitId);
    if (!unit || !s.clearance) continue;
    const facts = decisionFacts(
      decisions.filter((d) => d.statementId === s.id),
      s.clearanceRound,
    );
    // The inbox lists exactly what the caller may decide now (the same rule as the `decide` policy).
    if (decideBlock(s.clearance.steps, facts, { approver: approverAt(p, unit.path), authors: authors.get(s.id) ?? new Set() }) !== null) continue;
    const step = s.clearance.steps[evaluateClearance(s.clearance.steps, facts).currentStep ?? 0];
    if (!step) continue;
    items.push({ ...presentSummary(s, unit.name), stepName: step.name, waitingSince: (s.submittedAt ?? s.updatedAt).toISOString() });
  }
  const own = await countOwn(ctx.db, p.userId);
  return { items, counts: { awaitingMe: items.length, myInClearance: own.inClearance, myChangesRequested: own.changesRequested } };
}
