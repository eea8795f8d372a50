import { Anchor, Group, Paper, Stack, Text } from '@mantine/core';
import { IconNews } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { NewsroomCalendarEntry } from '../api/channels.api.ts';
import { PublicationStateLabel, stateColor } from './PublicationStateBadge.tsx';

export interface NewsroomEntryCardProps {
  entry: NewsroomCalendarEntry;
  time: string;
}

/** A statement on the ministry's own newsroom: it goes out there whether or not it has social posts. */
export function NewsroomEntryCard({ entry, time }: NewsroomEntryCardProps) {
  const { t } = useTranslation();
  const title = entry.statementTitle ?? t('channels.calendar.untitled');
  return (
    <Paper component="li" withBorder p={6} radius="sm" style={{ borderLeft: `4px solid var(--mantine-color-${stateColor[entry.state]}-6)`, listStyle: 'none' }}>
      <Stack gap={2}>
        <Group gap={6} wrap="wrap">
          <Text span size="xs" fw={700}>
            {time}
          </Text>
          <Group gap={3} wrap="nowrap">
            <IconNews size={14} stroke={1.7} aria-hidden />
            <Text span size="xs">
              {t('channels.calendar.newsroom')}
            </Text>
          </Group>
          <PublicationStateLabel state={entry.state} />
        </Group>
        <Anchor component={Link} to={`/statements/${entry.statementId}`} size="sm" fw={500} style={{ overflowWrap: 'anywhere' }}>
          {title}
        </Anchor>
      </Stack>
    </Paper>
  );
}
