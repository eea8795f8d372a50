import { DEFAULT_TAXONOMY } from '@diplodesk/analysis';
import { systemActor } from '../../../../platform/audit/audit.ts';
import { inTransaction, type PlatformContext } from '../../../../platform/context.ts';
import { findRootUnit } from '../../../identity/index.ts';
import { insertTopic, listTopics, lockTaxonomy } from '../taxonomy.repo.ts';
import { keywordCounts, recordTopicChange } from '../topics.audit.ts';

/**
 * Every start (idempotent, with or without the demo): the default taxonomy's topics for the
 * organisation, each only when its key is missing. Their keys are the default taxonomy's ids,
 * so items analysed before the taxonomy was stored keep matching. A topic the ministry archived
 * stays archived; one it edited keeps its edits.
 */
export async function seedListeningTopics(ctx: PlatformContext): Promise<void> {
  const root = await findRootUnit(ctx.db);
  if (!root) return;
  await inTransaction(ctx, async (tx) => {
    await lockTaxonomy(tx, root.id);
    const existing = new Set((await listTopics(tx, root.id)).map((t) => t.key));
    for (const [position, topic] of DEFAULT_TAXONOMY.entries()) {
      if (existing.has(topic.id)) continue;
      const row = await insertTopic(tx, { organisationId: root.id, key: topic.id, labels: topic.labels, keywords: topic.keywords, position });
      if (!row) continue;
      await recordTopicChange(
        tx,
        systemActor('first run'),
        { action: 'listening-topic.created', targetId: row.id, organisationId: root.id, summary: { key: row.key, label: row.labels.en, keywordCounts: keywordCounts(row.keywords), seeded: true } },
        'seeded',
      );
    }
  });
}
