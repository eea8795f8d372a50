// Creating, changing and disabling threat monitors (insight.manage at the monitor's unit), and the
// default set every organisation starts with. A monitor is never deleted: disabled, it keeps its
// alerts' context.
import { DEFAULT_TAXONOMY } from '@diplodesk/analysis';
import { createMonitorRequest, type updateMonitorRequest } from '@diplodesk/contracts';
import { eq } from 'drizzle-orm';
import type { z } from 'zod';
import { type Actor, appendAudit, systemActor } from '../../../platform/audit/audit.ts';
import type { Principal } from '../../../platform/authz/principal.ts';
import { inTransaction, type PlatformContext } from '../../../platform/context.ts';
import { type Executor, newIdFor } from '../../../platform/db/index.ts';
import { AppError, invalidRequest } from '../../../platform/errors/app-error.ts';
import { findRootUnit } from '../../identity/index.ts';
import { checkRecipients, manageablePath, notifySummary } from '../insights.policy.ts';
import { insightsMonitors } from '../insights.tables.ts';

export type MonitorRow = typeof insightsMonitors.$inferSelect;
type CreateInput = z.output<typeof createMonitorRequest>;
type UpdateInput = z.output<typeof updateMonitorRequest>;

/** The threats every organisation watches from its first start: taxonomy topics, the whole world. */
export const DEFAULT_MONITOR_TOPICS = ['climate-environment', 'terrorism-extremism', 'health', 'technology-cyber', 'maritime-security'] as const;
/** Default monitors whose threat shows in armed-conflict events; the others warn on their coverage only. */
const WATCHING_EVENTS: ReadonlySet<string> = new Set(['terrorism-extremism', 'maritime-security']);

export async function findMonitor(x: Executor, id: string): Promise<MonitorRow | undefined> {
  const [row] = await x.select().from(insightsMonitors).where(eq(insightsMonitors.id, id));
  return row;
}

const summaryOf = (m: MonitorRow) => ({ name: m.name, topics: m.topicIds, countries: m.countries, warnLevel: m.warnLevel, watchEvents: m.watchEvents, enabled: m.enabled, ...notifySummary(m) });

export async function createMonitor(ctx: PlatformContext, p: Principal, input: CreateInput, actor: Actor): Promise<MonitorRow> {
  const path = await manageablePath(ctx.db, p, input.unitId);
  await checkRecipients(ctx.db, path, input.emailUserIds);
  return inTransaction(ctx, async (tx) => {
    const [row] = await tx
      .insert(insightsMonitors)
      .values({ id: newIdFor(), ...input, createdBy: p.userId })
      .returning();
    if (!row) throw new Error('monitor not stored');
    await appendAudit(tx, actor, { action: 'insights-monitor.created', targetType: 'insights-monitor', targetId: row.id, unitId: row.unitId, summary: summaryOf(row) });
    return row;
  });
}

/** Changes a monitor; what it watches changing clears its warning until the next evaluation. */
export async function changeMonitor(ctx: PlatformContext, p: Principal, id: string, input: UpdateInput, actor: Actor): Promise<MonitorRow> {
  return inTransaction(ctx, async (tx) => {
    const [existing] = await tx.select().from(insightsMonitors).where(eq(insightsMonitors.id, id)).for('update');
    if (!existing) throw new AppError('insights-monitor.not-found');
    // Inside the transaction, on its connection (the embedded database has only one).
    const path = await manageablePath(tx, p, existing.unitId);
    // The change merged into what is stored, checked as a new monitor (quiet hours whole, each country once).
    const checked = createMonitorRequest.safeParse({ ...existing, ...input });
    if (!checked.success) throw invalidRequest(checked.error.issues, 'The monitor is not valid.');
    if (input.emailUserIds) await checkRecipients(tx, path, input.emailUserIds);
    const watches = input.topicIds !== undefined || input.countries !== undefined || input.warnLevel !== undefined || input.watchEvents !== undefined || input.enabled === false;
    const renamed = input.name !== undefined && input.name !== existing.name;
    const [row] = await tx
      .update(insightsMonitors)
      .set({ ...input, ...(renamed ? { labels: null } : {}), ...(watches ? { warning: null, warningSince: null } : {}), updatedAt: new Date() })
      .where(eq(insightsMonitors.id, id))
      .returning();
    if (!row) throw new AppError('insights-monitor.not-found');
    await appendAudit(tx, actor, { action: 'insights-monitor.updated', targetType: 'insights-monitor', targetId: id, unitId: row.unitId, summary: { ...summaryOf(row), changed: Object.keys(input) } });
    return row;
  });
}

/**
 * Every start: the default monitors of the organisation, each only when its key is missing (a
 * monitor someone edited or disabled stays as they left it).
 */
export async function seedDefaultMonitors(ctx: PlatformContext): Promise<number> {
  const root = await findRootUnit(ctx.db);
  if (!root) return 0;
  return inTransaction(ctx, async (tx) => {
    let added = 0;
    for (const key of DEFAULT_MONITOR_TOPICS) {
      const topic = DEFAULT_TAXONOMY.find((t) => t.id === key);
      if (!topic) continue;
      const [row] = await tx
        .insert(insightsMonitors)
        .values({ id: newIdFor(), unitId: root.id, key, name: topic.labels.en, labels: { en: topic.labels.en, id: topic.labels.id }, topicIds: [key], countries: [], watchEvents: WATCHING_EVENTS.has(key) })
        .onConflictDoNothing({ target: [insightsMonitors.unitId, insightsMonitors.key] })
        .returning();
      if (!row) continue;
      added++;
      await appendAudit(tx, systemActor('first run'), { action: 'insights-monitor.created', targetType: 'insights-monitor', targetId: row.id, unitId: root.id, summary: { ...summaryOf(row), seeded: true } });
    }
    return added;
  });
}
