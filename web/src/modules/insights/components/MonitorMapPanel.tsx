import type { MonitorDto, MonitorSeriesResponse } from '@diplodesk/contracts';
import { Anchor, Grid, SegmentedControl, Stack, Table, Text } from '@mantine/core';
import { useCallback, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { countryName } from '../../../lib/countries.ts';
import { formatNumber, intlLocale, toUiLocale } from '../../../lib/intl.ts';
import { flagEmoji } from '../../listening/utils/labels.ts';
import { monitorSearchHref } from '../utils/monitor-drill-down.ts';
import { MonitorWorldMap } from './MonitorWorldMap.tsx';

type Metric = 'items' | 'intensity';

/**
 * A monitor's figures per country: the world map and, beside it, the same figures as a table whose
 * countries open the listening search (the keyboard's and screen reader's way to the same drill-down).
 */
export function MonitorMapPanel({ monitor, series }: { monitor: MonitorDto; series: MonitorSeriesResponse }) {
  const { t, i18n } = useTranslation();
  const locale = toUiLocale(i18n.resolvedLanguage);
  const navigate = useNavigate();
  const [metric, setMetric] = useState<Metric>('items');
  const nameOf = useCallback((code: string) => countryName(code, locale), [locale]);
  const values = useMemo(() => series.countries.map((c) => ({ country: c.country, value: metric === 'items' ? c.items : c.intensity })).filter((v) => v.value > 0), [series.countries, metric]);
  const hrefOf = (country: string) => monitorSearchHref(monitor, { country, from: series.from, to: series.to });
  const top = [...values].sort((a, b) => b.value - a.value).slice(0, 12);
  const valueLabel = t(`insightsMonitors.map.metric.${metric}`);
  return (
    <Stack gap="xs">
      <SegmentedControl
        w="fit-content"
        size="xs"
        value={metric}
        onChange={(v) => setMetric(v as Metric)}
        data={[
          { value: 'items', label: t('insightsMonitors.map.metric.items') },
          { value: 'intensity', label: t('insightsMonitors.map.metric.intensity') },
        ]}
        aria-label={t('insightsMonitors.map.metricLabel')}
      />
      <Grid>
        <Grid.Col span={{ base: 12, md: 8 }}>
          <MonitorWorldMap values={values} valueLabel={valueLabel} countryName={nameOf} locale={intlLocale(locale)} description={t('insightsMonitors.map.description', { metric: valueLabel })} onPick={(country) => navigate(hrefOf(country))} />
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 4 }}>
          {top.length === 0 ? (
            <Text size="sm" c="dimmed">
              {t('insightsMonitors.map.none')}
            </Text>
          ) : (
            <Table withTableBorder verticalSpacing={4} aria-label={t('insightsMonitors.map.tableLabel')}>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">{t('insightsMonitors.map.country')}</Table.Th>
                  <Table.Th scope="col" ta="right">
                    {valueLabel}
                  </Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {top.map((v) => (
                  <Table.Tr key={v.country}>
                    <Table.Td>
                      <Anchor component={Link} to={hrefOf(v.country)} size="sm">
                        {`${flagEmoji(v.country)} ${nameOf(v.country)}`.trim()}
                      </Anchor>
                    </Table.Td>
                    <Table.Td ta="right">{formatNumber(v.value, locale)}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          )}
        </Grid.Col>
      </Grid>
    </Stack>
  );
}
