import type { AlertDto } from '@diplodesk/contracts';
import { Anchor, Badge, Button, Group, Paper, Stack, Text } from '@mantine/core';
import { IconCheck, IconCopy, IconMessageReply, IconSearch } from '@tabler/icons-react';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { formatDateTime, formatNumber, toUiLocale } from '../../../lib/intl.ts';
import { drillDownHref, type SavedSearchParams } from '../utils/drill-down.ts';
import { alertName } from '../utils/monitor-drill-down.ts';
import { AlertDeliveries } from './AlertDeliveries.tsx';
import { warningSentence } from './WarningText.tsx';
import { WhyChart } from './WhyChart.tsx';

/** Why an alert fired, in one sentence a person can check against the chart (a monitor's warning as the monitors page says it). */
export function whySentence(alert: AlertDto, t: TFunction, locale: 'en' | 'id'): string {
  const n = (v: number) => formatNumber(Number(v.toFixed(2)), locale);
  const { why } = alert;
  if (why.band) return warningSentence({ ...why.band, at: alert.from, observed: why.observed }, t, locale);
  const vars = { observed: n(why.observed), expected: n(why.expected), score: n(why.score), threshold: n(why.threshold), bucket: t(`insights.alerts.buckets.${why.bucket}`) };
  return t(`insights.alerts.why.${alert.kind}`, vars);
}

/** Minutes as "2 h 14 min" / "35 min" / "3 d 4 h". */
export function durationText(minutes: number, t: TFunction): string {
  if (minutes < 60) return t('insights.respond.minutes', { count: minutes });
  if (minutes < 24 * 60) return t('insights.respond.hoursMinutes', { hours: Math.floor(minutes / 60), minutes: minutes % 60 });
  return t('insights.respond.daysHours', { days: Math.floor(minutes / 1440), hours: Math.floor((minutes % 1440) / 60) });
}

export function AlertCard({
  alert,
  watched,
  savedQuery,
  timeZone,
  canRespond,
  onAcknowledge,
  acknowledging,
}: { alert: AlertDto; watched: string; /** The watched saved search's filters, when the rule watches one the person can see. */ savedQuery?: SavedSearchParams | undefined; timeZone: string; canRespond: boolean; onAcknowledge(): void; acknowledging: boolean }) {
  const { t, i18n } = useTranslation();
  const locale = toUiLocale(i18n.resolvedLanguage);
  const sentence = whySentence(alert, t, locale);
  const title = alertName(alert, locale) || t('insights.alerts.deletedRule');
  return (
    <Paper p="md" withBorder component="article" aria-labelledby={`alert-${alert.id}`}>
      <Stack gap="xs">
        <Group justify="space-between" align="flex-start" wrap="wrap">
          <Stack gap={2}>
            <Text fw={650} id={`alert-${alert.id}`}>
              {title}
            </Text>
            <Text size="sm" c="dimmed">
              {watched} · {t(`insights.rules.kinds.${alert.kind}`)}
            </Text>
          </Stack>
          <Group gap={6}>
            {alert.repeats > 1 ? <Badge variant="light">{t('insights.alerts.repeats', { count: alert.repeats })}</Badge> : null}
            {!alert.notified ? <Badge variant="light" color="gray">{t('insights.alerts.quiet')}</Badge> : null}
            <Badge color={alert.state === 'open' ? 'red' : 'teal'} variant={alert.state === 'open' ? 'filled' : 'light'}>
              {t(`insights.alerts.states.${alert.state}`)}
            </Badge>
          </Group>
        </Group>
        <Text size="sm">{sentence}</Text>
        <WhyChart why={alert.why} label={t('insights.alerts.chartLabel', { title, sentence })} />
        <Text size="xs" c="dimmed">
          {alert.repeats > 1
            ? t('insights.alerts.firedRange', { first: formatDateTime(alert.firstFiredAt, locale, timeZone), last: formatDateTime(alert.lastFiredAt, locale, timeZone) })
            : t('insights.alerts.fired', { when: formatDateTime(alert.firstFiredAt, locale, timeZone) })}
        </Text>
        {alert.response ? (
          <Text size="sm">
            <Anchor component={Link} to={`/statements/${alert.response.statementId}`}>
              {alert.response.minutesToPublish !== null ? t('insights.respond.publishedAfter', { duration: durationText(alert.response.minutesToPublish, t) }) : t('insights.respond.drafted', { when: alert.response.draftedAt ? formatDateTime(alert.response.draftedAt, locale, timeZone) : '' })}
            </Anchor>
          </Text>
        ) : null}
        <Group gap="xs">
          {canRespond && !alert.response ? (
            <Button component={Link} to={`/statements/new?respondToAlert=${alert.id}`} size="xs" leftSection={<IconMessageReply size={14} aria-hidden />}>
              {t('insights.respond.button')}
            </Button>
          ) : null}
          {alert.monitorId ? (
            <Button component={Link} to={`/insights/monitors/${alert.monitorId}`} size="xs" variant="default" leftSection={<IconSearch size={14} aria-hidden />}>
              {t('insightsMonitors.openMonitor')}
            </Button>
          ) : alert.why.clusterId ? (
            <Button component={Link} to={`/listening/items/${encodeURIComponent(alert.why.clusterId)}`} size="xs" variant="default" leftSection={<IconCopy size={14} aria-hidden />}>
              {t('insightsAlerts.cluster.open')}
            </Button>
          ) : (
            <Button component={Link} to={drillDownHref({ dimension: alert.dimension, key: alert.key, from: alert.from, to: alert.to, savedQuery })} size="xs" variant="default" leftSection={<IconSearch size={14} aria-hidden />}>
              {t('insights.alerts.openItems')}
            </Button>
          )}
          {alert.state === 'open' ? (
            <Button size="xs" variant="light" leftSection={<IconCheck size={14} aria-hidden />} onClick={onAcknowledge} loading={acknowledging}>
              {t('insights.alerts.acknowledge')}
            </Button>
          ) : null}
        </Group>
        <AlertDeliveries alertId={alert.id} />
      </Stack>
    </Paper>
  );
}

