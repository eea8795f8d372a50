import type { PublicationStateName } from '@diplodesk/contracts';
import { Group, Text } from '@mantine/core';
import { IconCircleCheck, IconCircleX, IconClockHour4, IconHelpCircle, IconLoader, IconTrash } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';

export const stateColor: Record<PublicationStateName, string> = {
  scheduled: 'blue',
  publishing: 'blue',
  unconfirmed: 'orange',
  published: 'green',
  failed: 'red',
  cancelled: 'gray',
  withdrawing: 'gray',
  withdrawn: 'gray',
};

const stateIcon = {
  scheduled: IconClockHour4,
  publishing: IconLoader,
  unconfirmed: IconHelpCircle,
  published: IconCircleCheck,
  failed: IconCircleX,
  cancelled: IconCircleX,
  withdrawing: IconTrash,
  withdrawn: IconTrash,
} as const;

/** A post's state as an icon and a word. */
export function PublicationStateLabel({ state }: { state: PublicationStateName }) {
  const { t } = useTranslation();
  const Icon = stateIcon[state];
  const words: Record<PublicationStateName, string> = {
    scheduled: t('channels.states.scheduled'),
    publishing: t('channels.states.publishing'),
    unconfirmed: t('channels.states.unconfirmed'),
    published: t('channels.states.published'),
    failed: t('channels.states.failed'),
    cancelled: t('channels.states.cancelled'),
    withdrawing: t('channels.states.withdrawing'),
    withdrawn: t('channels.states.withdrawn'),
  };
  return (
    <Group gap={3} wrap="nowrap">
      {/* The colour marks the icon; the word stays in body text colour so small text keeps its contrast. */}
      <Icon size={14} aria-hidden color={`var(--mantine-color-${stateColor[state]}-9)`} />
      <Text span size="xs" fw={600}>
        {words[state]}
      </Text>
    </Group>
  );
}
