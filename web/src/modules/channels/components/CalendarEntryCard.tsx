import { Button, Group, Text } from '@mantine/core';
import { IconRefresh } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { notifySuccess } from '../../../lib/notify.ts';
import type { CalendarEntry } from '../api/channels.api.ts';
import { useRetryPublication } from '../hooks/use-channels.ts';
import { platformName } from '../utils/platforms.ts';
import { PlatformIcon } from './PlatformIcon.tsx';
import { CalendarCardFrame } from './CalendarCardFrame.tsx';

export interface CalendarEntryCardProps {
  entry: CalendarEntry;
  time: string;
  canAct: boolean;
  onResolve: (entry: CalendarEntry) => void;
}

/** Unconfirmed posts reconciliation gave up on, and failed ones, wait for a person. */
export function needsHuman(entry: CalendarEntry): boolean {
  return entry.needsResolution || entry.state === 'failed';
}

export function CalendarEntryCard({ entry, time, canAct, onResolve }: CalendarEntryCardProps) {
  const { t } = useTranslation();
  const retry = useRetryPublication();
  const attention = needsHuman(entry);
  const title = entry.statementTitle ?? t('channels.calendar.untitled');
  return (
    <CalendarCardFrame
      state={entry.state}
      time={time}
      icon={<PlatformIcon platform={entry.platform} size={14} />}
      channel={platformName(entry.platform)}
      statementId={entry.statementId}
      title={title}
      attention={attention}
    >
      {attention ? (
        <>
          <Text size="xs" fw={600} c="orange.9">
            {entry.state === 'failed' ? t('channels.calendar.failedNeedsYou') : t('channels.calendar.unconfirmedNeedsYou')}
          </Text>
          {entry.lastError ? (
            <Text size="xs" c="dimmed" style={{ overflowWrap: 'anywhere' }}>
              {t('channels.calendar.lastError', { reason: entry.lastError })}
            </Text>
          ) : null}
          {canAct ? (
            <Group gap={4}>
              {entry.needsResolution ? (
                <Button size="compact-xs" variant="light" color="orange" onClick={() => onResolve(entry)} aria-label={t('channels.calendar.resolveLabel', { title })}>
                  {t('channels.calendar.resolve')}
                </Button>
              ) : null}
              {entry.state === 'failed' ? (
                <Button
                  size="compact-xs"
                  variant="light"
                  color="red"
                  leftSection={<IconRefresh size={12} aria-hidden />}
                  loading={retry.isPending}
                  onClick={() => retry.mutate(entry.id, { onSuccess: () => notifySuccess(t('channels.calendar.retried')) })}
                  aria-label={t('channels.calendar.retryLabel', { title })}
                >
                  {t('channels.calendar.retry')}
                </Button>
              ) : null}
            </Group>
          ) : null}
          {retry.error ? (
            <Text size="xs" c="red.8" role="alert">
              {t('channels.calendar.retryFailed')}
            </Text>
          ) : null}
        </>
      ) : null}
    </CalendarCardFrame>
  );
}
