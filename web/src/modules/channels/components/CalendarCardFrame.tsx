import type { PublicationStateName } from '@diplodesk/contracts';
import { Anchor, Group, Paper, Stack, Text } from '@mantine/core';
import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { PublicationStateLabel, stateColor } from './PublicationStateBadge.tsx';

export interface CalendarCardFrameProps {
  state: PublicationStateName;
  time: string;
  /** Where it goes out: an icon and a name (a platform, or the newsroom). */
  icon: ReactNode;
  channel: string;
  statementId: string;
  title: string;
  /** Tinted when a person has to act on it. */
  attention?: boolean;
  children?: ReactNode;
}

/** One publication on the calendar: time, where, state and the statement it belongs to. */
export function CalendarCardFrame({ state, time, icon, channel, statementId, title, attention = false, children }: CalendarCardFrameProps) {
  return (
    <Paper
      component="li"
      withBorder
      p={6}
      radius="sm"
      style={{
        borderLeft: `4px solid var(--mantine-color-${stateColor[state]}-6)`,
        background: attention ? 'var(--mantine-color-orange-0)' : undefined,
        listStyle: 'none',
      }}
    >
      <Stack gap={2}>
        <Group gap={6} wrap="wrap">
          <Text span size="xs" fw={700}>
            {time}
          </Text>
          <Group gap={3} wrap="nowrap">
            {icon}
            <Text span size="xs">
              {channel}
            </Text>
          </Group>
          <PublicationStateLabel state={state} />
        </Group>
        <Anchor component={Link} to={`/statements/${statementId}`} size="sm" fw={500} style={{ overflowWrap: 'anywhere' }}>
          {title}
        </Anchor>
        {children}
      </Stack>
    </Paper>
  );
}
