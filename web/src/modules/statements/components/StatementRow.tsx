import type { StatementSummaryDto } from '@diplodesk/contracts';
import { Anchor, Badge, Group, Paper, Stack, Text } from '@mantine/core';
import { IconCalendarTime } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useFormatInstant } from '../hooks/use-format.ts';
import { kindLabelKeys } from '../utils/statement-status.ts';
import { StatusBadge } from './StatusBadge.tsx';

/** One statement in a list: a card row that wraps at phone width instead of scrolling sideways. */
export function StatementRow({ statement, extra }: { statement: StatementSummaryDto; extra?: ReactNode }) {
  const { t } = useTranslation();
  const formatInstant = useFormatInstant();
  return (
    <Paper component="li" p="md" withBorder style={{ listStyle: 'none' }}>
      <Group justify="space-between" align="flex-start" gap="sm" wrap="wrap">
        <Stack gap={4} style={{ flex: '1 1 18rem', minWidth: 0 }}>
          <Anchor component={Link} to={`/statements/${statement.id}`} fw={600} dir="auto" style={{ overflowWrap: 'anywhere' }}>
            {statement.title.trim() || t('statements.untitled')}
          </Anchor>
          <Group gap="xs" wrap="wrap">
            <Text size="sm" c="dimmed">
              {t(kindLabelKeys[statement.kind])} · {statement.unitName}
            </Text>
            {statement.languages.map((language) => (
              <Badge key={language} size="xs" variant="outline" color="gray" radius="sm" tt="none">
                {language}
              </Badge>
            ))}
          </Group>
          {extra}
        </Stack>
        <Stack gap={4} align="flex-end">
          <StatusBadge status={statement.status} />
          {statement.scheduledAt && statement.status !== 'published' && statement.status !== 'withdrawn' ? (
            <Group gap={4} wrap="nowrap">
              <IconCalendarTime size={14} aria-hidden />
              <Text size="xs">
                {t('statements.list.scheduledFor', { time: formatInstant(statement.scheduledAt) })}
              </Text>
            </Group>
          ) : null}
          <Text size="xs" c="dimmed">
            {t('statements.list.updated', { time: formatInstant(statement.updatedAt) })}
          </Text>
        </Stack>
      </Group>
    </Paper>
  );
}
