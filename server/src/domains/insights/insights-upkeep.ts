// Listens to listening's events and keeps the rollups current. A group subscription: across all
// instances each event is handled once (at least once: applying is idempotent per item).
import { inTransaction, type PlatformContext } from '../../platform/context.ts';
import type { EventBus } from '../../platform/events/bus.ts';
import type { DomainEvent } from '../../platform/events/outbox.ts';
import { itemsCollected, itemsReanalysed } from '../listening/index.ts';
import { evaluateAlertRules } from './alerts/evaluate-rules.ts';
import { recordResponse } from './alerts/record-response.ts';
import { evaluateMonitors } from './monitors/evaluate-monitors.ts';
import { applyItemIds } from './rollups/apply-items.ts';
import { statementChanged } from '../statements/index.ts';

/** Shortest time between two evaluations of a monitor triggered by arriving items. */
const MONITOR_BATCH_INTERVAL_MS = 10_000;

const itemEvents = new Set([itemsCollected, itemsReanalysed]);
/** A statement drafted or published: it may be the response to an alert. */
const responseChanges = new Set(['created', 'published']);

function idsOf(event: DomainEvent): string[] {
  const ids = (event.data as { ids?: unknown }).ids;
  return Array.isArray(ids) ? ids.filter((id): id is string => typeof id === 'string') : [];
}

export async function startInsightsUpkeep(ctx: Pick<PlatformContext, 'db' | 'notifyOutbox'>, bus: EventBus): Promise<void> {
  await bus.subscribeGroup('insights', async (event) => {
    if (event.type === statementChanged) {
      const data = event.data as { statementId?: unknown; change?: unknown };
      if (typeof data.statementId === 'string' && typeof data.change === 'string' && responseChanges.has(data.change)) await inTransaction(ctx, (tx) => recordResponse(tx, data.statementId as string));
      return;
    }
    if (!itemEvents.has(event.type)) return;
    const ids = idsOf(event);
    if (ids.length === 0) return;
    const applied = await inTransaction(ctx, (tx) => applyItemIds(tx, ids));
    // A spike is seen as soon as its items are counted, not at the next minute's evaluation.
    if (applied.unitIds.length > 0) await inTransaction(ctx, (tx) => evaluateAlertRules(tx, { now: new Date(), unitIds: applied.unitIds }));
    // Monitors fit a model per check: after a batch at most every few seconds; the minute's run catches up.
    if (applied.unitIds.length > 0) await inTransaction(ctx, (tx) => evaluateMonitors(tx, { now: new Date(), unitIds: applied.unitIds, minIntervalMs: MONITOR_BATCH_INTERVAL_MS }));
  });
}
