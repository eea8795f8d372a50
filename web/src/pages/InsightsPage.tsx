import type { TrendBucket, TrendDimension, TrendResponse } from '@diplodesk/contracts';
import { Anchor, Button, Checkbox, Group, Paper, SegmentedControl, Stack, Switch, Text, Title } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { IconDownload } from '@tabler/icons-react';
import { useCallback, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { formatNumber, intlLocale, toUiLocale } from '../lib/intl.ts';
import { usePageTitle } from '../lib/use-page-title.ts';
import { startOfDayInZone } from '../lib/zoned-time.ts';
import { dayInZone } from '../modules/listening/live/utils/search-state.ts';
import { type TrendRequest, trendCsvHref } from '../modules/insights/api/insights.api.ts';
import { RebuildPanel } from '../modules/insights/components/RebuildPanel.tsx';
import { type ChartKind, type ChartSeries, type ChartUnit, TrendChart } from '../modules/insights/components/TrendChart.tsx';
import { TrendTable } from '../modules/insights/components/TrendTable.tsx';
import { useTrend } from '../modules/insights/hooks/use-insights.ts';
import { useSavedSearchesById } from '../modules/insights/hooks/use-saved-searches.ts';
import { useSeriesLabel } from '../modules/insights/hooks/use-series-label.ts';
import { InsightsNav } from '../modules/insights/components/InsightsNav.tsx';
import { drillDownHref } from '../modules/insights/utils/drill-down.ts';
import { signedScore } from '../modules/listening/utils/labels.ts';
import { useCurrentMe } from '../modules/session/hooks/use-me.ts';
import { ErrorAlert } from '../ui/ErrorAlert.tsx';
import { ForbiddenNotice } from '../ui/ForbiddenNotice.tsx';
import { LoadingBlock } from '../ui/LoadingBlock.tsx';
import { PageHeader } from '../ui/PageHeader.tsx';

const dimensions: readonly TrendDimension[] = ['all', 'topic', 'country', 'language', 'source', 'saved-search'];
const periods = { '24h': 1, '7d': 7, '30d': 30, '90d': 90 } as const;
type Period = keyof typeof periods;
type Measure = 'items' | 'share' | 'tone';
const measures: readonly Measure[] = ['items', 'share', 'tone'];
const HOUR_MS = 3_600_000;

/** The bucket a period is read in unless the person chose another that fits it. */
function bucketFor(period: Period, asked: string | null): TrendBucket {
  const allowed: TrendBucket[] = period === '24h' ? ['hour'] : period === '90d' ? ['day', 'week'] : ['hour', 'day', 'week'];
  if (asked && (allowed as string[]).includes(asked)) return asked as TrendBucket;
  return period === '24h' ? 'hour' : period === '90d' ? 'week' : 'day';
}

function oneOf<T extends string>(value: string | null, options: readonly T[], fallback: T): T {
  return value && (options as readonly string[]).includes(value) ? (value as T) : fallback;
}

/**
 * The period ends at the next full hour, so a chart asked twice in the same hour is the same chart.
 * By day it begins at midnight in the person's zone, so "7 days" is today and the six days before
 * it (seven bars), not eight partial days.
 */
function periodRange(period: Period, bucket: TrendBucket, timeZone: string, shiftPeriods = 0): { from: string; to: string } {
  const span = periods[period] * 24 * HOUR_MS;
  const to = Math.ceil(Date.now() / HOUR_MS) * HOUR_MS - shiftPeriods * span;
  const dayStart = bucket === 'day' ? startOfDayInZone(dayInZone(new Date(to - 1), timeZone), timeZone, 1 - periods[period]) : null;
  return { from: (dayStart ?? new Date(to - span)).toISOString(), to: new Date(to).toISOString() };
}

export function InsightsPage() {
  const { t, i18n } = useTranslation();
  const me = useCurrentMe();
  const locale = toUiLocale(i18n.resolvedLanguage);
  const timeZone = me.user.timeZone;
  const navigate = useNavigate();
  const phone = useMediaQuery('(max-width: 36em)') ?? false;
  const canRead = me.permissions.includes('insight.read');
  usePageTitle(t('insights.title'));

  // The chart's settings live in the page URL: a view can be bookmarked and shared.
  const [params, setParams] = useSearchParams();
  const dimension = oneOf(params.get('by'), dimensions, 'all');
  const period = oneOf(params.get('period'), Object.keys(periods) as Period[], '7d');
  const bucket = bucketFor(period, params.get('bucket'));
  const measure = oneOf(params.get('measure'), measures, 'items');
  const view = oneOf(params.get('view'), ['chart', 'table'] as const, 'chart');
  const stacked = params.get('stacked') === '1' && dimension !== 'all' && measure !== 'tone';
  const compare = params.get('compare') === '1' && dimension === 'all' && measure === 'items';
  const set = (key: string, value: string | null) =>
    setParams(
      (current) => {
        const next = new URLSearchParams(current);
        if (value === null) next.delete(key);
        else next.set(key, value);
        return next;
      },
      { replace: true },
    );

  const range = useMemo(() => periodRange(period, bucket, timeZone), [period, bucket, timeZone]);
  const request: TrendRequest = { dimension, bucket, tz: timeZone, ...range, top: 8 };
  const trend = useTrend(request, canRead);
  const previousRange = useMemo(() => periodRange(period, bucket, timeZone, 1), [period, bucket, timeZone]);
  const previous = useTrend({ ...request, dimension: 'all', ...previousRange }, canRead && compare);
  const seriesLabel = useSeriesLabel([dimension]);
  const savedSearches = useSavedSearchesById(dimension === 'saved-search');
  const labelOf = useCallback((key: string) => seriesLabel(dimension, key), [seriesLabel, dimension]);

  const data = trend.data;
  const chartSeries = useMemo<ChartSeries[]>(() => (data ? seriesOf(data, measure, labelOf, compare ? previous.data : undefined, t('insights.trends.previousPeriod')) : []), [data, measure, compare, previous.data, labelOf, t]);
  const unit: ChartUnit = measure === 'share' ? 'percent' : measure === 'tone' ? 'tone' : 'items';
  const hrefFor = (index: number, key: string | null) => {
    const buckets = data?.buckets ?? [];
    const from = buckets[index] ?? range.from;
    const to = buckets[index + 1] ?? data?.to ?? range.to;
    return drillDownHref({ dimension, key, from, to, savedQuery: key ? savedSearches.get(key)?.query : undefined });
  };

  if (!canRead) return <ForbiddenNotice />;
  const totalItems = data?.totals.reduce((n, p) => n + p.items, 0) ?? 0;
  const toned = data?.totals.reduce((acc, p) => ({ n: acc.n + p.toneItems, sum: acc.sum + (p.tone ?? 0) * p.toneItems }), { n: 0, sum: 0 });
  const meanTone = toned && toned.n > 0 ? toned.sum / toned.n : null;
  const description = t('insights.trends.chartDescription', { measure: t(`insights.trends.measures.${measure}`), by: t(`insights.trends.dimensions.${dimension}`), period: t(`insights.trends.periods.${period}`), count: totalItems, total: formatNumber(totalItems, locale) });

  return (
    <Stack gap="lg">
      <PageHeader mb={0} title={t('insights.title')} description={t('insights.intro')} />
      <InsightsNav active="trends" />
      <Paper p="md" component="section" aria-labelledby="trends-title">
        <Stack gap="md">
          <Group justify="space-between" align="flex-start" wrap="wrap">
            <Stack gap={2}>
              <Title order={2} size="h3" id="trends-title">
                {t('insights.trends.title')}
              </Title>
              <Text size="sm" c="dimmed">
                {t('insights.trends.hint')}
              </Text>
            </Stack>
            <Button component="a" href={trendCsvHref(request)} download variant="default" leftSection={<IconDownload size={16} aria-hidden />} disabled={!data}>
              {t('insights.trends.downloadCsv')}
            </Button>
          </Group>
          <Group gap="lg" align="flex-end" wrap="wrap">
            <Control label={t('insights.trends.splitBy')} id="trend-by">
              <SegmentedControl aria-labelledby="trend-by" value={dimension} onChange={(v) => set('by', v === 'all' ? null : v)} data={dimensions.map((d) => ({ value: d, label: t(`insights.trends.dimensions.${d}`) }))} orientation={phone ? 'vertical' : 'horizontal'} />
            </Control>
            <Control label={t('insights.trends.measure')} id="trend-measure">
              <SegmentedControl aria-labelledby="trend-measure" value={measure} onChange={(v) => set('measure', v === 'items' ? null : v)} data={measures.map((m) => ({ value: m, label: t(`insights.trends.measures.${m}`) }))} />
            </Control>
            <Control label={t('insights.trends.period')} id="trend-period">
              <SegmentedControl aria-labelledby="trend-period" value={period} onChange={(v) => set('period', v === '7d' ? null : v)} data={(Object.keys(periods) as Period[]).map((p) => ({ value: p, label: t(`insights.trends.periods.${p}`) }))} />
            </Control>
            <Control label={t('insights.trends.bucket')} id="trend-bucket">
              <SegmentedControl
                aria-labelledby="trend-bucket"
                value={bucket}
                onChange={(v) => set('bucket', v)}
                data={(['hour', 'day', 'week'] as const).map((b) => ({ value: b, label: t(`insights.trends.buckets.${b}`), disabled: bucketFor(period, b) !== b }))}
              />
            </Control>
          </Group>
          <Group gap="lg" wrap="wrap">
            <Switch label={t('insights.trends.stacked')} checked={stacked} disabled={dimension === 'all' || measure === 'tone'} onChange={(e) => set('stacked', e.currentTarget.checked ? '1' : null)} />
            <Checkbox label={t('insights.trends.compare')} checked={compare} disabled={dimension !== 'all' || measure !== 'items'} onChange={(e) => set('compare', e.currentTarget.checked ? '1' : null)} />
            <SegmentedControl size="xs" aria-label={t('insights.trends.viewAs')} value={view} onChange={(v) => set('view', v === 'chart' ? null : v)} data={[{ value: 'chart', label: t('insights.trends.asChart') }, { value: 'table', label: t('insights.trends.asTable') }]} />
          </Group>
          <ErrorAlert error={trend.error} />
          {trend.isPending ? <LoadingBlock /> : null}
          {data ? (
            <Stack gap="xs">
              <Text size="sm" aria-live="polite">
                {meanTone === null
                  ? t('insights.trends.summary', { count: totalItems, total: formatNumber(totalItems, locale) })
                  : t('insights.trends.summaryWithTone', { count: totalItems, total: formatNumber(totalItems, locale), tone: signedScore(meanTone, intlLocale(locale)) })}
              </Text>
              {dimension === 'saved-search' && data.series.length === 0 && totalItems > 0 ? (
                <Text size="sm" c="dimmed">
                  {t('insightsAlerts.trends.noSavedSearches')}
                </Text>
              ) : null}
              {totalItems === 0 ? (
                <Text size="sm" c="dimmed">
                  {t('insights.trends.empty')}{' '}
                  <Anchor component={Link} to="/listening/sources">
                    {t('insights.trends.emptyLink')}
                  </Anchor>
                </Text>
              ) : view === 'chart' ? (
                <>
                  <TrendChart buckets={data.buckets} series={chartSeries} kind={stacked ? ('stacked' as ChartKind) : 'lines'} unit={unit} bucket={bucket} timeZone={timeZone} locale={intlLocale(locale)} description={description} onPick={(i, key) => navigate(hrefFor(i, key))} />
                  <Text size="xs" c="dimmed">
                    {t('insights.trends.drillHint')}
                  </Text>
                </>
              ) : (
                <TrendTable buckets={data.buckets} series={chartSeries} unit={unit} bucket={bucket} timeZone={timeZone} locale={intlLocale(locale)} caption={description} firstColumn={t('insights.trends.bucketColumn')} hrefFor={hrefFor} />
              )}
            </Stack>
          ) : null}
        </Stack>
      </Paper>
      <Paper p="md" component="section" aria-labelledby="rebuild-title">
        <Stack gap="sm">
          <Title order={2} size="h4" id="rebuild-title">
            {t('insights.rebuild.title')}
          </Title>
          <RebuildPanel timeZone={timeZone} canStart={me.permissions.includes('insight.manage')} />
        </Stack>
      </Paper>
    </Stack>
  );
}

function Control({ label, id, children }: { label: string; id: string; children: React.ReactNode }) {
  return (
    <Stack gap={4}>
      <Text size="sm" fw={500} id={id}>
        {label}
      </Text>
      {children}
    </Stack>
  );
}

/** The response as chart series in the chosen measure; with `previous`, its totals as a dashed line. */
function seriesOf(data: TrendResponse, measure: Measure, labelOf: (key: string) => string, previous: TrendResponse | undefined, previousLabel: string): ChartSeries[] {
  const out: ChartSeries[] = data.series.map((s) => ({
    key: s.key,
    label: labelOf(s.key),
    values: s.points.map((p, i) => {
      if (measure === 'tone') return p.tone;
      if (measure === 'share') {
        const all = data.totals[i]?.items ?? 0;
        return all > 0 ? Number(((p.items / all) * 100).toFixed(2)) : null;
      }
      return p.items;
    }),
  }));
  if (previous) out.push({ key: 'previous', label: previousLabel, dashed: true, values: data.buckets.map((_, i) => previous.totals[i]?.items ?? null) });
  return out;
}
