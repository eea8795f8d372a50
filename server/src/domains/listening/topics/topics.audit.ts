import { type Actor, appendAudit } from '../../../platform/audit/audit.ts';
import type { Executor } from '../../../platform/db/index.ts';
import { appendEvents } from '../../../platform/events/outbox.ts';

/** Announced on every change to the taxonomy, so workers retrain and open pages refresh. */
export const taxonomyChanged = 'listening.taxonomy-changed';
export type TaxonomyChange = 'created' | 'updated' | 'archived' | 'restored' | 'seeded';

/** The taxonomy's audit entries: which topic, and what about it changed (never the whole keyword lists). */
export type TopicAuditEntry =
  | { action: 'listening-topic.created'; summary: { key: string; label: string; keywordCounts: Record<string, number>; seeded: boolean } }
  | { action: 'listening-topic.updated'; summary: { key: string; changed: string[]; keywordLanguages: string[]; keywordCounts: Record<string, number>; position: number } }
  | { action: 'listening-topic.archived' | 'listening-topic.restored'; summary: { key: string } }
  | { action: 'listening-topics.reapplied'; summary: { runId: string; period: string; items: number } };

/** The audit entry and the outbox event of one change, in the change's own transaction. */
export async function recordTopicChange(
  tx: Executor,
  actor: Actor,
  entry: TopicAuditEntry & { targetId: string | null; organisationId: string },
  change: TaxonomyChange | null,
): Promise<void> {
  const { organisationId, targetId, action, summary } = entry;
  await appendAudit(tx, actor, { action, targetType: 'listening-topic', targetId, unitId: organisationId, summary });
  if (change) {
    const key = 'key' in summary ? summary.key : null;
    await appendEvents(tx, [{ type: taxonomyChanged, unitId: organisationId, data: { change, topicId: targetId, key } }]);
  }
}

export const keywordCounts = (keywords: Record<string, string[]>) => Object.fromEntries(Object.entries(keywords).map(([l, list]) => [l, list.length]));
