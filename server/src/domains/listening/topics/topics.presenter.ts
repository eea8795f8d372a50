import type { ListeningTopicDto } from '@diplodesk/contracts';
import type { TopicRow } from './taxonomy.repo.ts';

export function presentTopic(row: TopicRow, itemsLast30Days: number, canEdit: boolean): ListeningTopicDto {
  return {
    id: row.id,
    key: row.key,
    labels: row.labels,
    keywords: row.keywords,
    position: row.position,
    archivedAt: row.archivedAt?.toISOString() ?? null,
    updatedAt: row.updatedAt.toISOString(),
    itemsLast30Days,
    policies: { update: canEdit, archive: canEdit && row.archivedAt === null, restore: canEdit && row.archivedAt !== null },
  };
}
