import type { SourceDto } from '@diplodesk/contracts';
import { Anchor, Badge, Button, Group, Paper, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { IconPlayerPause, IconPlayerPlay, IconPencil, IconStethoscope } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { formatDateTime, formatNumber, toUiLocale } from '../../../lib/intl.ts';
import { notifySuccess } from '../../../lib/notify.ts';
import { ErrorAlert } from '../../../ui/ErrorAlert.tsx';
import { useTestSource, useUpdateSource } from '../hooks/use-listening.ts';
import { connectorSpec } from '../utils/connectors.ts';
import { IntervalLabel } from './IntervalLabel.tsx';
import { SourceTestResult } from './SourceTestResult.tsx';
import { seededName } from '../../../lib/seeded-names.ts';

/** A source with its health in words, and the actions the caller may take. */
export function SourceCard({ source, timeZone, onEdit }: { source: SourceDto; timeZone: string; onEdit: () => void }) {
  const { t, i18n } = useTranslation();
  const locale = toUiLocale(i18n.resolvedLanguage);
  const update = useUpdateSource();
  const test = useTestSource();
  const canChange = source.policies.update === true;
  const spec = connectorSpec(source.connector);
  const when = (iso: string | null) => (iso ? formatDateTime(iso, locale, timeZone) : t('listening.health.never'));
  const failing = source.health.consecutiveFailures > 0;
  const headingId = `source-${source.id}`;
  const paused = source.status === 'paused';

  return (
    <Paper component="article" p="md" withBorder aria-labelledby={headingId}>
      <Stack gap="sm">
        <Group justify="space-between" align="flex-start" gap="sm" wrap="wrap">
          <Stack gap={4} style={{ flex: '1 1 14rem', minWidth: 0 }}>
            <Title order={3} size="h4" id={headingId} style={{ overflowWrap: 'anywhere' }}>
              {seededName(source.name, t)}
            </Title>
            <Group gap={6} wrap="wrap">
              <Badge variant="outline" color="gray" style={{ textTransform: 'none' }}>
                {spec ? t(spec.label) : source.connector}
              </Badge>
              <Badge variant="light" color={paused ? 'gray' : 'teal'} style={{ textTransform: 'none' }}>
                {paused ? t('listening.status.paused') : t('listening.status.active')}
              </Badge>
              <Badge variant="light" color={failing ? 'red' : source.health.lastSuccessAt ? 'teal' : 'gray'} style={{ textTransform: 'none' }}>
                {failing ? t('listening.health.failing', { count: source.health.consecutiveFailures }) : source.health.lastSuccessAt ? t('listening.health.healthy') : t('listening.health.pending')}
              </Badge>
              {source.tags.map((tag) => (
                <Badge key={tag} variant="dot" color="blue" style={{ textTransform: 'none' }}>
                  {tag}
                </Badge>
              ))}
            </Group>
            {source.config.url ? (
              <Anchor href={source.config.url} target="_blank" rel="noreferrer" size="xs" style={{ overflowWrap: 'anywhere' }}>
                {source.config.url}
              </Anchor>
            ) : null}
          </Stack>
          {canChange ? (
            <Group gap="xs" wrap="wrap">
              <Button size="xs" variant="default" leftSection={<IconStethoscope size={14} aria-hidden />} loading={test.isPending} onClick={() => test.mutate(source.id)} aria-label={t('listening.sources.testNamed', { name: seededName(source.name, t) })}>
                {t('listening.sources.test')}
              </Button>
              <Button
                size="xs"
                variant="default"
                leftSection={paused ? <IconPlayerPlay size={14} aria-hidden /> : <IconPlayerPause size={14} aria-hidden />}
                loading={update.isPending}
                aria-label={paused ? t('listening.sources.resumeNamed', { name: seededName(source.name, t) }) : t('listening.sources.pauseNamed', { name: seededName(source.name, t) })}
                onClick={() =>
                  update.mutate(
                    { id: source.id, body: { status: paused ? 'active' : 'paused' } },
                    { onSuccess: (s) => notifySuccess(s.status === 'paused' ? t('listening.sources.pausedNotice') : t('listening.sources.resumedNotice')) },
                  )
                }
              >
                {paused ? t('listening.sources.resume') : t('listening.sources.pause')}
              </Button>
              <Button size="xs" variant="default" leftSection={<IconPencil size={14} aria-hidden />} onClick={onEdit} aria-label={t('listening.sources.editNamed', { name: seededName(source.name, t) })}>
                {t('common.edit')}
              </Button>
            </Group>
          ) : null}
        </Group>
        <SimpleGrid cols={{ base: 2, md: 3 }} spacing="xs" component="dl" style={{ margin: 0 }}>
          <Fact term={t('listening.health.lastSuccess')} value={when(source.health.lastSuccessAt)} />
          <Fact term={t('listening.health.lastError')} value={source.health.lastErrorAt ? `${when(source.health.lastErrorAt)}${source.health.lastError ? ` — ${source.health.lastError}` : ''}` : t('listening.health.none')} />
          <Fact term={t('listening.health.failures')} value={formatNumber(source.health.consecutiveFailures, locale)} />
          <Fact term={t('listening.health.itemsLastHour')} value={formatNumber(source.itemsLastHour, locale)} />
          <Fact term={t('listening.health.itemsTotal')} value={formatNumber(source.itemsTotal, locale)} />
          <Fact term={t('listening.health.nextPoll')} value={paused ? t('listening.status.paused') : `${when(source.nextPollAt)} (${IntervalLabel({ seconds: source.intervalSeconds, t })})`} />
        </SimpleGrid>
        <ErrorAlert error={update.error ?? test.error} />
        {test.data ? <SourceTestResult result={test.data} /> : null}
      </Stack>
    </Paper>
  );
}

function Fact({ term, value }: { term: string; value: string }) {
  return (
    <div style={{ minWidth: 0 }}>
      <Text component="dt" size="xs" c="dimmed">
        {term}
      </Text>
      <Text component="dd" size="sm" m={0} style={{ overflowWrap: 'anywhere' }}>
        {value}
      </Text>
    </div>
  );
}
