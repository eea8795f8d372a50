import { Alert, Anchor, Group, Paper, SegmentedControl, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { IconAlertTriangle, IconArrowLeft } from '@tabler/icons-react';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { countryName } from '../lib/countries.ts';
import { formatNumber, intlLocale, toUiLocale } from '../lib/intl.ts';
import { usePageTitle } from '../lib/use-page-title.ts';
import { BandChart } from '../modules/insights/components/BandChart.tsx';
import { InsightsNav } from '../modules/insights/components/InsightsNav.tsx';
import { MonitorMapPanel } from '../modules/insights/components/MonitorMapPanel.tsx';
import { WarningText } from '../modules/insights/components/WarningText.tsx';
import { useMonitor } from '../modules/insights/hooks/use-monitors.ts';
import { monitorName, monitorSearchHref } from '../modules/insights/utils/monitor-drill-down.ts';
import { flagEmoji, topicLabel } from '../modules/listening/utils/labels.ts';
import { useCurrentMe } from '../modules/session/hooks/use-me.ts';
import { ErrorAlert } from '../ui/ErrorAlert.tsx';
import { ForbiddenNotice } from '../ui/ForbiddenNotice.tsx';
import { LoadingBlock } from '../ui/LoadingBlock.tsx';
import { PageHeader } from '../ui/PageHeader.tsx';

const DAY_MS = 86_400_000;
const periods = ['28', '56', '90', '180'] as const;

/** One monitor: items and tone with the forecast band, GDELT conflict intensity with its band, the map and the events. */
export function InsightsMonitorPage() {
  const { id = '' } = useParams();
  const { t, i18n } = useTranslation();
  const locale = toUiLocale(i18n.resolvedLanguage);
  const navigate = useNavigate();
  const me = useCurrentMe();
  const canRead = me.permissions.includes('insight.read');
  const [days, setDays] = useState<(typeof periods)[number]>('56');
  const query = useMonitor(canRead ? id : null, Number(days));
  const data = query.data;
  const name = data ? monitorName(data.monitor, locale) : '';
  usePageTitle(name || t('insightsMonitors.title'));
  const labels = useMemo(() => ({ observed: t('insightsMonitors.chart.observed'), forecast: t('insightsMonitors.chart.forecast'), band: t('insightsMonitors.chart.band') }), [t]);
  const intensityLabels = useMemo(() => ({ observed: t('insightsMonitors.chart.intensity'), forecast: t('insightsMonitors.chart.forecast'), band: t('insightsMonitors.chart.band') }), [t]);
  const toneBand = null;
  if (!canRead) return <ForbiddenNotice />;
  const dayHref = (i: number) => {
    if (!data) return '';
    const from = data.days[i] ?? data.from;
    return monitorSearchHref(data.monitor, { from, to: new Date(new Date(from).getTime() + DAY_MS).toISOString() });
  };
  const topics = data ? (data.monitor.topicIds.length > 0 ? data.monitor.topicIds.map((k) => topicLabel(k, t)).join(', ') : t('insightsMonitors.allTopics')) : '';
  const places = data ? (data.monitor.countries.length > 0 ? data.monitor.countries.map((c) => countryName(c, locale)).join(', ') : t('insightsMonitors.world')) : '';
  return (
    <Stack gap="lg">
      <Anchor component={Link} to="/insights/monitors" size="sm">
        <Group gap={4}>
          <IconArrowLeft size={14} aria-hidden />
          {t('insightsMonitors.back')}
        </Group>
      </Anchor>
      <PageHeader mb={0} title={name || t('insightsMonitors.title')} description={data ? t('insightsMonitors.detail.watches', { topics, places }) : undefined} />
      <InsightsNav active="monitors" />
      <ErrorAlert error={query.error} />
      {query.isPending ? <LoadingBlock /> : null}
      {data ? (
        <>
          {data.monitor.warning ? (
            <Alert color="red" icon={<IconAlertTriangle size={18} aria-hidden />} title={t('insightsMonitors.state.warning')}>
              <WarningText warning={data.monitor.warning} />
            </Alert>
          ) : (
            <Text size="sm">{data.monitor.enabled ? t('insightsMonitors.detail.within') : t('insightsMonitors.state.off')}</Text>
          )}
          <Group justify="space-between" align="center">
            <Text size="sm" c="dimmed">
              {t('insightsMonitors.detail.method')}
            </Text>
            <SegmentedControl size="xs" value={days} onChange={(v) => setDays(v as (typeof periods)[number])} data={periods.map((p) => ({ value: p, label: t('insightsMonitors.detail.days', { count: Number(p) }) }))} aria-label={t('insightsMonitors.detail.period')} />
          </Group>
          <Paper withBorder p="md" component="section" aria-labelledby="monitor-items-title">
            <Title order={2} size="h4" id="monitor-items-title" mb="xs">
              {t('insightsMonitors.chart.itemsTitle')}
            </Title>
            {data.itemsBand ? null : (
              <Text size="sm" c="dimmed">
                {t('insightsMonitors.chart.tooShort')}
              </Text>
            )}
            <BandChart days={data.days} observed={data.items} band={data.itemsBand} labels={labels} locale={intlLocale(locale)} description={t('insightsMonitors.chart.itemsDescription', { name })} onPick={(i) => navigate(dayHref(i))} />
          </Paper>
          <SimpleGrid cols={{ base: 1, lg: 2 }}>
            <Paper withBorder p="md" component="section" aria-labelledby="monitor-events-title">
              <Title order={2} size="h4" id="monitor-events-title" mb="xs">
                {t('insightsMonitors.chart.intensityTitle')}
              </Title>
              <Text size="sm" c="dimmed" mb="xs">
                {data.monitor.watchEvents ? t('insightsMonitors.chart.intensityHelp') : t('insightsMonitors.chart.intensityNotWatched')}
              </Text>
              <BandChart days={data.days} observed={data.intensity} band={data.intensityBand} labels={intensityLabels} locale={intlLocale(locale)} kind="bar" description={t('insightsMonitors.chart.intensityDescription', { name })} />
            </Paper>
            <Paper withBorder p="md" component="section" aria-labelledby="monitor-tone-title">
              <Title order={2} size="h4" id="monitor-tone-title" mb="xs">
                {t('insightsMonitors.chart.toneTitle')}
              </Title>
              <BandChart days={data.days} observed={data.tone} band={toneBand} labels={{ ...labels, observed: t('insightsMonitors.chart.tone') }} locale={intlLocale(locale)} range={[-1, 1]} description={t('insightsMonitors.chart.toneDescription', { name })} />
            </Paper>
          </SimpleGrid>
          <Paper withBorder p="md" component="section" aria-labelledby="monitor-map-title">
            <Title order={2} size="h4" id="monitor-map-title" mb="xs">
              {t('insightsMonitors.map.title')}
            </Title>
            <MonitorMapPanel monitor={data.monitor} series={data} />
          </Paper>
          <Paper withBorder p="md" component="section" aria-labelledby="monitor-event-table-title">
            <Title order={2} size="h4" id="monitor-event-table-title" mb="xs">
              {t('insightsMonitors.events.title')}
            </Title>
            {data.eventGroups.length === 0 ? (
              <Text size="sm" c="dimmed">
                {t('insightsMonitors.events.none')}
              </Text>
            ) : (
              <Table.ScrollContainer minWidth={560}>
                <Table striped withTableBorder verticalSpacing="xs">
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th scope="col">{t('insightsMonitors.events.kind')}</Table.Th>
                      <Table.Th scope="col">{t('insightsMonitors.events.where')}</Table.Th>
                      <Table.Th scope="col" ta="right">
                        {t('insightsMonitors.events.count')}
                      </Table.Th>
                      <Table.Th scope="col" ta="right">
                        {t('insightsMonitors.events.intensity')}
                      </Table.Th>
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {data.eventGroups.map((g) => (
                      <Table.Tr key={`${g.rootCode}|${g.country ?? ''}`}>
                        <Table.Td>{`${t(`insightsMonitors.cameo.${g.rootCode}`)} (${g.rootCode})`}</Table.Td>
                        <Table.Td>
                          {g.country ? (
                            <Anchor component={Link} to={monitorSearchHref({ topicIds: [], countries: [] }, { country: g.country, from: data.from, to: data.to })} size="sm">
                              {`${flagEmoji(g.country)} ${countryName(g.country, locale)}`.trim()}
                            </Anchor>
                          ) : (
                            t('insightsMonitors.events.noCountry')
                          )}
                        </Table.Td>
                        <Table.Td ta="right">{formatNumber(g.events, locale)}</Table.Td>
                        <Table.Td ta="right">{formatNumber(g.intensity, locale)}</Table.Td>
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
              </Table.ScrollContainer>
            )}
          </Paper>
        </>
      ) : null}
    </Stack>
  );
}
