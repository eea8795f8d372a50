import { type ReapplyPeriod, reapplyPeriods } from '@diplodesk/contracts';
import { Button, Group, Progress, Radio, Stack, Text } from '@mantine/core';
import { IconRefresh } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDateTime, formatNumber, toUiLocale } from '../../../../lib/intl.ts';
import { ErrorAlert } from '../../../../ui/ErrorAlert.tsx';
import { useReapplyStatus, useStartReapply } from '../hooks/use-topics.ts';

/** Re-classifies stored items of a period with the topics as they are now, showing its progress. */
export function ReapplyPanel({ timeZone }: { timeZone: string }) {
  const { t, i18n } = useTranslation();
  const locale = toUiLocale(i18n.resolvedLanguage);
  const queryClient = useQueryClient();
  const [period, setPeriod] = useState<ReapplyPeriod>('30d');
  const status = useReapplyStatus();
  const start = useStartReapply();
  const run = status.data;
  const running = run?.state === 'running';

  // When a run ends, counts on this page and search results elsewhere have changed.
  const wasRunning = useRef(false);
  useEffect(() => {
    if (wasRunning.current && !running) void queryClient.invalidateQueries({ queryKey: ['listening'] });
    wasRunning.current = running;
  }, [running, queryClient]);

  const share = run && run.total > 0 ? Math.min(100, (run.done / run.total) * 100) : running ? 0 : 100;
  return (
    <Stack gap="sm">
      <Text size="sm">{t('listeningTopics.reapply.intro')}</Text>
      <Radio.Group label={t('listeningTopics.reapply.period')} value={period} onChange={(v) => setPeriod(v as ReapplyPeriod)}>
        <Group gap="md" mt={6} wrap="wrap">
          {reapplyPeriods.map((p) => (
            <Radio key={p} value={p} label={t(`listeningTopics.reapply.periods.${p}`)} disabled={running} />
          ))}
        </Group>
      </Radio.Group>
      <Group>
        <Button leftSection={<IconRefresh size={16} aria-hidden />} onClick={() => start.mutate(period)} loading={start.isPending} disabled={running}>
          {t('listeningTopics.reapply.start')}
        </Button>
      </Group>
      <ErrorAlert error={start.error ?? status.error} />
      {run && run.state !== 'idle' ? (
        <Stack gap={4} aria-live="polite">
          <Progress value={share} color={run.state === 'failed' ? 'red' : running ? 'blue' : 'teal'} animated={running} aria-label={t('listeningTopics.reapply.progressLabel')} />
          <Text size="sm">
            {running
              ? t('listeningTopics.reapply.running', { done: formatNumber(run.done, locale), total: formatNumber(run.total, locale), period: run.period ? t(`listeningTopics.reapply.periods.${run.period}`) : '' })
              : run.state === 'done'
                ? t('listeningTopics.reapply.done', { count: run.total, total: formatNumber(run.total, locale), when: run.finishedAt ? formatDateTime(run.finishedAt, locale, timeZone) : '', period: run.period ? t(`listeningTopics.reapply.periods.${run.period}`) : '' })
                : t('listeningTopics.reapply.failed', { done: formatNumber(run.done, locale), total: formatNumber(run.total, locale) })}
          </Text>
        </Stack>
      ) : (
        <Text size="sm" c="dimmed">
          {t('listeningTopics.reapply.never')}
        </Text>
      )}
    </Stack>
  );
}
