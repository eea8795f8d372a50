import { Button, Group, Progress, Stack, Text } from '@mantine/core';
import { IconRefresh } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDateTime, formatNumber, toUiLocale } from '../../../lib/intl.ts';
import { ErrorAlert } from '../../../ui/ErrorAlert.tsx';
import { insightsQueryKey } from '../api/insights.api.ts';
import { useRebuildStatus, useStartRebuild } from '../hooks/use-insights.ts';

/** Rebuilds every trend figure from the collected items, showing its progress. */
export function RebuildPanel({ timeZone, canStart }: { timeZone: string; canStart: boolean }) {
  const { t, i18n } = useTranslation();
  const locale = toUiLocale(i18n.resolvedLanguage);
  const queryClient = useQueryClient();
  const status = useRebuildStatus();
  const start = useStartRebuild();
  const run = status.data;
  const running = run?.state === 'running';

  // When a rebuild ends, every chart on the page has new figures.
  const wasRunning = useRef(false);
  useEffect(() => {
    if (wasRunning.current && !running) void queryClient.invalidateQueries({ queryKey: insightsQueryKey });
    wasRunning.current = running;
  }, [running, queryClient]);

  const share = run && run.total > 0 ? Math.min(100, (run.done / run.total) * 100) : running ? 0 : 100;
  return (
    <Stack gap="sm">
      <Text size="sm">{t('insights.rebuild.intro')}</Text>
      {canStart ? (
        <Group>
          <Button variant="default" leftSection={<IconRefresh size={16} aria-hidden />} onClick={() => start.mutate()} loading={start.isPending} disabled={running}>
            {t('insights.rebuild.start')}
          </Button>
        </Group>
      ) : null}
      <ErrorAlert error={start.error ?? status.error} />
      {run && run.state !== 'idle' ? (
        <Stack gap={4} aria-live="polite">
          <Progress value={share} color={run.state === 'failed' ? 'red' : running ? 'blue' : 'teal'} animated={running} aria-label={t('insights.rebuild.progressLabel')} />
          <Text size="sm">
            {running
              ? t('insights.rebuild.running', { done: formatNumber(run.done, locale), total: formatNumber(run.total, locale) })
              : run.state === 'done'
                ? t('insights.rebuild.done', { count: run.total, total: formatNumber(run.total, locale), when: run.finishedAt ? formatDateTime(run.finishedAt, locale, timeZone) : '' })
                : t('insights.rebuild.failed', { done: formatNumber(run.done, locale), total: formatNumber(run.total, locale) })}
          </Text>
        </Stack>
      ) : (
        <Text size="sm" c="dimmed">
          {t('insights.rebuild.never')}
        </Text>
      )}
    </Stack>
  );
}
