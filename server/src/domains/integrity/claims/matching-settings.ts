// The workspace's two thresholds, with what each would give on the evaluation set (the shipped
// threshold curve, cross-fitted on the CLEF 2020 training tweets) shown next to the setting.
import { CLAIM_THRESHOLD_CURVE, CLAIM_THRESHOLDS, type ThresholdPoint } from '@diplodesk/analysis';
import { eq } from 'drizzle-orm';
import { type Actor, appendAudit } from '../../../platform/audit/audit.ts';
import type { Principal } from '../../../platform/authz/principal.ts';
import { inTransaction, type PlatformContext } from '../../../platform/context.ts';
import type { Executor } from '../../../platform/db/index.ts';
import { requireWorkspaceManager } from '../integrity.policy.ts';
import { integritySettings } from '../integrity.tables.ts';
import { readRegistryVersion, settingsRowId } from './claim-index.ts';

/**
 * Precision and recall at `threshold`, interpolated along the curve (held at its ends: the curve
 * runs from 0.05 to 0.95, and a threshold above its last point links at most what that point does).
 */
export function estimateAt(threshold: number, curve: readonly ThresholdPoint[] = CLAIM_THRESHOLD_CURVE): { threshold: number; precision: number; recall: number } {
  const points = [...curve].sort((a, b) => a.threshold - b.threshold);
  const first = points[0];
  const last = points.at(-1);
  if (!first || !last) return { threshold, precision: 0, recall: 0 };
  if (threshold <= first.threshold) return { threshold, precision: first.precision, recall: first.recall };
  if (threshold >= last.threshold) return { threshold, precision: last.precision, recall: last.recall };
  const upper = points.findIndex((pt) => pt.threshold >= threshold);
  const hi = points[upper] ?? last;
  const lo = points[upper - 1] ?? first;
  const w = hi.threshold === lo.threshold ? 0 : (threshold - lo.threshold) / (hi.threshold - lo.threshold);
  const round = (v: number) => Math.round(v * 1000) / 1000;
  return { threshold, precision: round(lo.precision + w * (hi.precision - lo.precision)), recall: round(lo.recall + w * (hi.recall - lo.recall)) };
}

export async function readMatchingSettings(x: Executor) {
  const [row] = await x.select().from(integritySettings).where(eq(integritySettings.id, settingsRowId));
  const { thresholds } = await readRegistryVersion(x);
  return {
    autoLink: thresholds.autoLink,
    suggest: thresholds.suggest,
    defaults: { ...CLAIM_THRESHOLDS },
    estimates: { autoLink: estimateAt(thresholds.autoLink), suggest: estimateAt(thresholds.suggest) },
    curve: CLAIM_THRESHOLD_CURVE.map((pt) => ({ threshold: pt.threshold, precision: pt.precision, recall: pt.recall })),
    updatedAt: row?.updatedAt ? row.updatedAt.toISOString() : null,
  };
}

/** Sets both thresholds (integrity.manage at the organisation); every matcher reads them before its next batch. */
export async function changeMatchingSettings(ctx: PlatformContext, p: Principal, input: { autoLink: number; suggest: number }, actor: Actor) {
  const rootId = await requireWorkspaceManager(ctx.db, p);
  await inTransaction(ctx, async (tx) => {
    const before = await readRegistryVersion(tx);
    await tx
      .insert(integritySettings)
      .values({ id: settingsRowId, autoLink: input.autoLink, suggest: input.suggest, updatedBy: p.userId, updatedAt: new Date() })
      .onConflictDoUpdate({ target: integritySettings.id, set: { autoLink: input.autoLink, suggest: input.suggest, updatedBy: p.userId, updatedAt: new Date() } });
    await appendAudit(tx, actor, { action: 'integrity-settings.updated', targetType: 'integrity-settings', targetId: null, unitId: rootId, summary: { from: before.thresholds, to: input } });
  });
  return readMatchingSettings(ctx.db);
}
