import type { ImageGroup, ImageResponse, TrendBucket } from '@diplodesk/contracts';
import { Alert, Anchor, Button, Group, Paper, SegmentedControl, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { IconTrendingDown, IconTrendingUp } from '@tabler/icons-react';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { formatNumber, intlLocale, toUiLocale } from '../lib/intl.ts';
import { usePageTitle } from '../lib/use-page-title.ts';
import { startOfDayInZone } from '../lib/zoned-time.ts';
import { ImageChart } from '../modules/insights/components/ImageChart.tsx';
import { ImageGroupTable } from '../modules/insights/components/ImageGroupTable.tsx';
import { ImagePullList } from '../modules/insights/components/ImagePullList.tsx';
import { InsightsNav } from '../modules/insights/components/InsightsNav.tsx';
import { useImage, useImageItems } from '../modules/insights/hooks/use-image.ts';
import { imageDrillDownHref } from '../modules/insights/utils/image-drill-down.ts';
import { dayInZone } from '../modules/listening/live/utils/search-state.ts';
import { countryLabel, flagEmoji, signedScore, topicLabel } from '../modules/listening/utils/labels.ts';
import { useCurrentMe } from '../modules/session/hooks/use-me.ts';
import { languageName } from '../modules/statements/utils/languages.ts';
import { ErrorAlert } from '../ui/ErrorAlert.tsx';
import { ForbiddenNotice } from '../ui/ForbiddenNotice.tsx';
import { LoadingBlock } from '../ui/LoadingBlock.tsx';
import { PageHeader } from '../ui/PageHeader.tsx';

const periods = { '48h': { days: 2, bucket: 'hour' }, '7d': { days: 7, bucket: 'day' }, '30d': { days: 30, bucket: 'day' }, '90d': { days: 90, bucket: 'week' }, '1y': { days: 365, bucket: 'week' } } as const satisfies Record<string, { days: number; bucket: TrendBucket }>;
type Period = keyof typeof periods;
const HOUR_MS = 3_600_000;

/** Ends at the next full hour; by day it begins at midnight in the person's zone (today and the days before it). */
export function imagePeriod(period: Period, timeZone: string): { from: string; to: string; bucket: TrendBucket } {
  const { days, bucket } = periods[period];
  const to = Math.ceil(Date.now() / HOUR_MS) * HOUR_MS;
  const start = bucket === 'day' ? startOfDayInZone(dayInZone(new Date(to - 1), timeZone), timeZone, 1 - days) : null;
  return { from: (start ?? new Date(to - days * 24 * HOUR_MS)).toISOString(), to: new Date(to).toISOString(), bucket };
}

/** The nation-image index: how the media speak of our country, with how sure the figures are, and why. */
export function InsightsImagePage() {
  const { t, i18n } = useTranslation();
  const me = useCurrentMe();
  const locale = toUiLocale(i18n.resolvedLanguage);
  const numberLocale = intlLocale(locale);
  const timeZone = me.user.timeZone;
  const navigate = useNavigate();
  const canRead = me.permissions.includes('insight.read');
  usePageTitle(t('insightsImage.title'));
  const [params, setParams] = useSearchParams();
  // A period (bucket) chosen in the table: the pull section then shows what pulled that one.
  const [picked, setPicked] = useState<number | null>(null);
  const period = (Object.keys(periods) as Period[]).find((p) => p === params.get('period')) ?? '30d';
  const range = useMemo(() => imagePeriod(period, timeZone), [period, timeZone]);
  const image = useImage({ ...range, tz: timeZone }, canRead);
  if (!canRead) return <ForbiddenNotice />;
  const data = image.data;
  const country = data?.country ?? null;
  const countryName = country ? `${flagEmoji(country)} ${countryLabel(country, locale)}`.trim() : '';
  const tone = (v: number | null) => (v === null ? '–' : signedScore(v, numberLocale));
  const periodOf = (index: number) => ({ from: data?.buckets[index] ?? range.from, to: data?.buckets[index + 1] ?? data?.to ?? range.to });
  const hrefOf = (extra: { from?: string; to?: string; language?: string; topic?: string; sourceIds?: readonly string[] }) =>
    imageDrillDownHref({ country: country ?? '', from: data?.from ?? range.from, to: data?.to ?? range.to, ...extra });

  return (
    <Stack gap="lg">
      <PageHeader mb={0} title={t('insightsImage.title')} description={t('insightsImage.intro')} />
      <InsightsNav active="image" />
      <Paper p="md" component="section" aria-labelledby="image-title">
        <Stack gap="md">
          <Stack gap={2}>
            <Title order={2} size="h3" id="image-title">
              {country ? t('insightsImage.chartTitle', { country: countryName }) : t('insightsImage.chartTitleNone')}
            </Title>
            <Text size="sm" c="dimmed">
              {t('insightsImage.hint')}
            </Text>
          </Stack>
          <Stack gap={4}>
            <Text size="sm" fw={500} id="image-period">
              {t('insightsImage.period')}
            </Text>
            <SegmentedControl
              aria-labelledby="image-period"
              value={period}
              onChange={(v) => {
                setPicked(null);
                setParams(v === '30d' ? {} : { period: v }, { replace: true });
              }}
              data={(Object.keys(periods) as Period[]).map((p) => ({ value: p, label: t(`insightsImage.periods.${p}`) }))}
              style={{ alignSelf: 'flex-start' }}
            />
          </Stack>
          <ErrorAlert error={image.error} />
          {image.isPending ? <LoadingBlock /> : null}
          {data && !country ? <NoCountry canSet={me.permissions.includes('system.manage')} /> : null}
          {data && country ? (
            <>
              <Text size="sm" aria-live="polite">
                {data.overall.toneItems === 0
                  ? t('insightsImage.summaryEmpty', { country: countryName })
                  : data.overall.low === null || data.overall.high === null
                    ? t('insightsImage.summaryNoBand', { country: countryName, tone: tone(data.overall.tone), count: data.overall.toneItems, items: formatNumber(data.overall.toneItems, locale) })
                    : t('insightsImage.summary', { country: countryName, tone: tone(data.overall.tone), low: tone(data.overall.low), high: tone(data.overall.high), count: data.overall.toneItems, items: formatNumber(data.overall.toneItems, locale) })}
              </Text>
              {data.overall.items === 0 ? (
                <Text size="sm" c="dimmed">
                  {t('insightsImage.empty')}{' '}
                  <Anchor component={Link} to="/listening/sources" underline="always">
                    {t('insightsImage.emptyLink')}
                  </Anchor>
                </Text>
              ) : (
                <>
                  <ImageChart
                    points={data.points}
                    bucket={data.bucket}
                    timeZone={timeZone}
                    locale={numberLocale}
                    labels={{ tone: t('insightsImage.chart.tone'), band: t('insightsImage.chart.band'), items: t('insightsImage.chart.items') }}
                    description={t('insightsImage.chart.description', { country: countryName, period: t(`insightsImage.periods.${period}`) })}
                    onPick={(i) => navigate(hrefOf(periodOf(i)))}
                  />
                  <Text size="xs" c="dimmed">
                    {t('insightsImage.drillHint')}
                  </Text>
                  <PointsTable data={data} locale={locale} timeZone={timeZone} hrefFor={(i) => hrefOf(periodOf(i))} picked={picked} onPick={setPicked} />
                </>
              )}
            </>
          ) : null}
        </Stack>
      </Paper>
      {data && country && data.overall.items > 0 ? (
        <>
          <PullSection data={data} picked={picked} period={picked === null ? null : periodOf(picked)} locale={locale} timeZone={timeZone} onWhole={() => setPicked(null)} />
          <Breakdowns data={data} numberLocale={numberLocale} hrefOf={hrefOf} />
        </>
      ) : null}
      <Method />
    </Stack>
  );
}

/** What pulls the index up and down: over the whole period, or over the one the person picked. */
function PullSection({ data, picked, period, locale, timeZone, onWhole }: { data: ImageResponse; picked: number | null; period: { from: string; to: string } | null; locale: ReturnType<typeof toUiLocale>; timeZone: string; onWhole(): void }) {
  const { t } = useTranslation();
  const numberLocale = intlLocale(locale);
  const one = useImageItems(period);
  const point = picked === null ? undefined : data.points[picked];
  const tone = (v: number | null | undefined) => (v === null || v === undefined ? '–' : signedScore(v, numberLocale));
  const pull = point ? one.data : data.pull;
  return (
    <Paper p="md" component="section" aria-labelledby="image-pull">
      <Group justify="space-between" align="flex-start" wrap="wrap" mb={4}>
        <Title order={2} size="h3" id="image-pull">
          {point ? t('insightsImage.pull.titleOne', { period: bucketLabel(data, point.at, numberLocale, timeZone) }) : t('insightsImage.pull.title')}
        </Title>
        {point ? (
          <Button size="xs" variant="default" onClick={onWhole}>
            {t('insightsImage.pull.whole')}
          </Button>
        ) : null}
      </Group>
      <Text size="sm" c="dimmed" mb="md" aria-live="polite">
        {t('insightsImage.pull.intro', { tone: tone(point ? point.tone : data.overall.tone) })}
      </Text>
      <ErrorAlert error={point ? one.error : null} />
      {pull ? (
        <SimpleGrid cols={{ base: 1, md: 2 }} spacing="lg">
          <Stack gap="xs">
            <Title order={3} size="h4">
              <IconTrendingUp size={18} aria-hidden /> {t('insightsImage.pull.up')}
            </Title>
            <ImagePullList items={pull.up} locale={locale} timeZone={timeZone} />
          </Stack>
          <Stack gap="xs">
            <Title order={3} size="h4">
              <IconTrendingDown size={18} aria-hidden /> {t('insightsImage.pull.down')}
            </Title>
            <ImagePullList items={pull.down} locale={locale} timeZone={timeZone} />
          </Stack>
        </SimpleGrid>
      ) : (
        <LoadingBlock />
      )}
    </Paper>
  );
}

function NoCountry({ canSet }: { canSet: boolean }) {
  const { t } = useTranslation();
  return (
    <Alert color="blue" variant="light" title={t('insightsImage.noCountry.title')}>
      <Text size="sm">
        {canSet ? (
          <>
            {t('insightsImage.noCountry.admin')}{' '}
            <Anchor component={Link} to="/admin/insights" underline="always">
              {t('insightsImage.noCountry.link')}
            </Anchor>
          </>
        ) : (
          t('insightsImage.noCountry.ask')
        )}
      </Text>
    </Alert>
  );
}

function bucketLabel(data: Pick<ImageResponse, 'bucket'>, iso: string, numberLocale: string, timeZone: string): string {
  return new Intl.DateTimeFormat(numberLocale, data.bucket === 'hour' ? { dateStyle: 'medium', timeStyle: 'short', timeZone } : { dateStyle: 'medium', timeZone }).format(new Date(iso));
}

function PointsTable({ data, locale, timeZone, hrefFor, picked, onPick }: { data: ImageResponse; locale: ReturnType<typeof toUiLocale>; timeZone: string; hrefFor(index: number): string; picked: number | null; onPick(index: number): void }) {
  const { t } = useTranslation();
  const numberLocale = intlLocale(locale);
  const tone = (v: number | null) => (v === null ? '–' : signedScore(v, numberLocale));
  const dateOf = (iso: string) => bucketLabel(data, iso, numberLocale, timeZone);
  return (
    <details>
      <summary>
        <Text span size="sm">
          {t('insightsImage.asTable')}
        </Text>
      </summary>
      <Table.ScrollContainer minWidth={480}>
        <Table striped>
          <Table.Caption>{t('insightsImage.tableCaption')}</Table.Caption>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t(`insightsImage.buckets.${data.bucket}`)}</Table.Th>
              <Table.Th scope="col" ta="right">
                {t('insightsImage.table.items')}
              </Table.Th>
              <Table.Th scope="col">{t('insightsImage.table.tone')}</Table.Th>
              <Table.Th scope="col">{t('insightsImage.table.interval')}</Table.Th>
              <Table.Th scope="col">{t('insightsImage.table.pull')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {data.points.map((p, i) => (
              <Table.Tr key={p.at}>
                <Table.Th scope="row" fw={500}>
                  <Anchor component={Link} to={hrefFor(i)}>
                    {dateOf(p.at)}
                  </Anchor>
                </Table.Th>
                <Table.Td ta="right">{formatNumber(p.items, locale)}</Table.Td>
                <Table.Td>{tone(p.tone)}</Table.Td>
                <Table.Td>{p.low === null || p.high === null ? '–' : `${tone(p.low)} … ${tone(p.high)}`}</Table.Td>
                <Table.Td>
                  {p.toneItems > 0 ? (
                    <Button size="compact-xs" variant={picked === i ? 'filled' : 'default'} aria-pressed={picked === i} onClick={() => onPick(i)}>
                      {t('insightsImage.table.showPull', { period: dateOf(p.at) })}
                    </Button>
                  ) : null}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </details>
  );
}

function Breakdowns({ data, numberLocale, hrefOf }: { data: ImageResponse; numberLocale: string; hrefOf(extra: { language?: string; topic?: string; sourceIds?: readonly string[] }): string }) {
  const { t, i18n } = useTranslation();
  const locale = toUiLocale(i18n.resolvedLanguage);
  const countryOf = (key: string) => (key === 'unknown' ? t('insightsImage.unknownSourceCountry') : `${flagEmoji(key)} ${countryLabel(key, locale)}`.trim());
  const languageOf = (key: string) => (key === 'und' ? t('insightsImage.undetermined') : languageName(key, locale));
  const sections: { id: string; title: string; column: string; groups: ImageGroup[]; labelOf(key: string): string; hrefOf(g: ImageGroup): string; note?: string }[] = [
    { id: 'source', title: t('insightsImage.by.source'), column: t('insightsImage.by.sourceColumn'), groups: data.bySourceCountry, labelOf: countryOf, hrefOf: (g) => hrefOf({ sourceIds: g.sourceIds ?? [] }), note: t('insightsImage.by.sourceNote') },
    { id: 'language', title: t('insightsImage.by.language'), column: t('insightsImage.by.languageColumn'), groups: data.byLanguage, labelOf: languageOf, hrefOf: (g) => hrefOf({ language: g.key }) },
    { id: 'topic', title: t('insightsImage.by.topic'), column: t('insightsImage.by.topicColumn'), groups: data.byTopic, labelOf: (key) => topicLabel(key, t), hrefOf: (g) => hrefOf({ topic: g.key }) },
  ];
  return (
    <SimpleGrid cols={{ base: 1, lg: 2 }} spacing="md">
      {sections.map((s) => (
        <Paper key={s.id} p="md" component="section" aria-labelledby={`image-by-${s.id}`}>
          <Title order={2} size="h4" id={`image-by-${s.id}`} mb="xs">
            {s.title}
          </Title>
          {s.note ? (
            <Text size="xs" c="dimmed" mb="xs">
              {s.note}{' '}
              <Anchor component={Link} to="/listening/sources" size="xs" underline="always">
                {t('insightsImage.by.sourceNoteLink')}
              </Anchor>
            </Text>
          ) : null}
          {s.groups.length === 0 ? (
            <Text size="sm" c="dimmed">
              {t('insightsImage.by.none')}
            </Text>
          ) : (
            <ImageGroupTable caption={s.title} firstColumn={s.column} groups={s.groups} locale={numberLocale} labelOf={s.labelOf} hrefOf={s.hrefOf} />
          )}
        </Paper>
      ))}
    </SimpleGrid>
  );
}

/** How the index is made, and what it is not. */
function Method() {
  const { t } = useTranslation();
  return (
    <Paper p="md" component="section" aria-labelledby="image-method">
      <Stack gap="xs" maw={900}>
        <Title order={2} size="h4" id="image-method">
          {t('insightsImage.method.title')}
        </Title>
        {(['what', 'tone', 'band', 'pull', 'sources', 'limits', 'surveys'] as const).map((k) => (
          <Text key={k} size="sm">
            {t(`insightsImage.method.${k}`)}
          </Text>
        ))}
      </Stack>
    </Paper>
  );
}
