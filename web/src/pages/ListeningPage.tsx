import { Anchor, Button, Collapse, Grid, Group, Paper, RangeSlider, SegmentedControl, Stack, Text, TextInput } from '@mantine/core';
import { useDebouncedValue, useMediaQuery } from '@mantine/hooks';
import { IconAdjustmentsHorizontal, IconSearch } from '@tabler/icons-react';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { formatDateTime, toUiLocale } from '../lib/intl.ts';
import { usePageTitle } from '../lib/use-page-title.ts';
import { startOfDayInZone } from '../lib/zoned-time.ts';
import type { ItemFilters } from '../modules/listening/api/listening.api.ts';
import { FacetList } from '../modules/listening/components/FacetList.tsx';
import { ItemResult } from '../modules/listening/components/ItemResult.tsx';
import { ListeningNav } from '../modules/listening/components/ListeningNav.tsx';
import { useItemFacets, useItemSearch, useSources } from '../modules/listening/hooks/use-listening.ts';
import { countryLabel, flagEmoji, topicLabel } from '../modules/listening/utils/labels.ts';
import { DidYouMean } from '../modules/listening/live/components/DidYouMean.tsx';
import { MatchModeSwitch } from '../modules/listening/live/components/MatchModeSwitch.tsx';
import { SearchToolbar } from '../modules/listening/live/components/SearchToolbar.tsx';
import { useSearchState } from '../modules/listening/live/hooks/use-search-state.ts';
import { stateFromSavedParams, stateToSavedParams } from '../modules/listening/live/utils/search-state.ts';
import { notifyInfo } from '../lib/notify.ts';
import { useCurrentMe } from '../modules/session/hooks/use-me.ts';
import { languageName } from '../modules/statements/utils/languages.ts';
import { ErrorAlert } from '../ui/ErrorAlert.tsx';
import { ForbiddenNotice } from '../ui/ForbiddenNotice.tsx';
import { LoadingBlock } from '../ui/LoadingBlock.tsx';
import { PageHeader } from '../ui/PageHeader.tsx';
import { seededName } from '../lib/seeded-names.ts';

type Range = '24h' | '7d' | '30d' | 'custom';

const rangeHours = { '24h': 24, '7d': 24 * 7, '30d': 24 * 30 } as const;

export function ListeningPage() {
  const { t, i18n } = useTranslation();
  const me = useCurrentMe();
  const locale = toUiLocale(i18n.resolvedLanguage);
  const timeZone = me.user.timeZone;
  const canRead = me.permissions.includes('listening.read');
  usePageTitle(t('listening.title'));

  // The filters live in the page URL (shareable, kept on Back); opening a saved search fills them all.
  const searchState = useSearchState();
  const { text, setText, match, setMatch, range, setRange, customFrom, setCustomFrom, customTo, setCustomTo, fromAt, toAt, languages, setLanguages, sourceIds, setSourceIds, countries, setCountries, topics, setTopics, tone, setTone } = searchState;
  const [q] = useDebouncedValue(text.trim(), 300);
  const [toneApplied] = useDebouncedValue(tone, 300);
  // On a phone the filters fold away above the results, so the results are not pushed off screen.
  const narrow = useMediaQuery('(max-width: 62em)') ?? false;
  const [filtersOpen, setFiltersOpen] = useState(false);
  // Four period choices do not fit side by side on a phone.
  const phone = useMediaQuery('(max-width: 36em)') ?? false;

  // "Last 7 days" is measured from when it was chosen, so the query key stays put between renders.
  const period = useMemo(() => {
    if (range !== 'custom') return { from: new Date(Date.now() - rangeHours[range] * 3_600_000).toISOString(), to: undefined };
    // An exact period opened from a chart point.
    if (fromAt && toAt) return { from: fromAt, to: toAt };
    return {
      from: customFrom ? startOfDayInZone(customFrom, timeZone)?.toISOString() : undefined,
      to: customTo ? startOfDayInZone(customTo, timeZone, 1)?.toISOString() : undefined,
    };
  }, [range, customFrom, customTo, fromAt, toAt, timeZone]);

  const filters: ItemFilters = {
    q: q || undefined,
    match: q ? match : undefined,
    from: period.from,
    to: period.to,
    languages,
    sources: sourceIds,
    countries,
    topics,
    sentimentMin: toneApplied[0] > -1 ? toneApplied[0] : undefined,
    sentimentMax: toneApplied[1] < 1 ? toneApplied[1] : undefined,
  };
  const search = useItemSearch(filters);
  const facetCounts = useItemFacets(filters, canRead);
  const sources = useSources(canRead);

  if (!canRead) return <ForbiddenNotice />;

  const sourceName = (id: string) => {
    const name = sources.data?.items.find((s) => s.id === id)?.name;
    return name === undefined ? t('listening.search.unknownSource') : seededName(name, t);
  };
  const facets = facetCounts.data;
  const items = search.data?.pages.flatMap((page) => page.items) ?? [];
  const noSources = sources.data !== undefined && sources.data.items.length === 0;
  const canManage = me.permissions.includes('listening.manage');
  // Sources are read through units: a reader sees what her units' sources (and those below) collect.
  const myUnits = new Intl.ListFormat(i18n.language, { type: 'conjunction' }).format([...new Set(me.user.memberships.map((m) => m.unitName))]);
  const filtered = q !== '' || languages.length + sourceIds.length + countries.length + topics.length > 0 || toneApplied[0] > -1 || toneApplied[1] < 1;
  const chosenCount = languages.length + sourceIds.length + countries.length + topics.length + (toneApplied[0] > -1 || toneApplied[1] < 1 ? 1 : 0);
  const countLabel = (count: number) => t('listening.search.itemCount', { count });
  const numberFormat = new Intl.NumberFormat(i18n.language, { signDisplay: 'exceptZero', maximumFractionDigits: 1 });

  return (
    <>
      <ListeningNav active="search" />
      <PageHeader
        title={t('listening.title')}
        description={t('listening.search.intro')}
        actions={
          <SearchToolbar
            query={stateToSavedParams(searchState.state, timeZone)}
            suggestedName={text.trim()}
            onOpen={(saved) => {
              searchState.replaceState(stateFromSavedParams(saved.query, timeZone, searchState.state));
              notifyInfo(t('listeningLive.saved.opened', { name: saved.name }));
            }}
          />
        }
      />
      <Stack gap="md">
        <Paper p="md" role="search" aria-label={t('listening.search.label')}>
          <Stack gap="sm">
            <TextInput
              label={t('listening.search.query')}
              description={match === 'contains' ? t('listeningLive.match.containsHint') : t('listening.search.queryHint')}
              placeholder={t('listening.search.queryPlaceholder')}
              leftSection={<IconSearch size={16} aria-hidden />}
              type="search"
              value={text}
              onChange={(event) => setText(event.currentTarget.value)}
            />
            <MatchModeSwitch value={match} onChange={setMatch} />
            <Stack gap={4}>
              <Text size="sm" fw={500} id="range-label">
                {t('listening.search.period')}
              </Text>
              <SegmentedControl
                aria-labelledby="range-label"
                value={range}
                onChange={(value) => setRange(value as Range)}
                data={[
                  { value: '24h', label: t('listening.search.last24h') },
                  { value: '7d', label: t('listening.search.last7d') },
                  { value: '30d', label: t('listening.search.last30d') },
                  { value: 'custom', label: t('listening.search.custom') },
                ]}
                fullWidth
                orientation={phone ? 'vertical' : 'horizontal'}
                style={{ maxWidth: 560 }}
              />
            </Stack>
            {range === 'custom' && fromAt && toAt ? (
              <Group gap="xs" wrap="wrap">
                <Text size="sm">{t('listening.search.exactPeriod', { from: formatDateTime(fromAt, locale, timeZone), to: formatDateTime(toAt, locale, timeZone) })}</Text>
                <Button size="compact-sm" variant="subtle" onClick={() => setRange('custom')}>
                  {t('listening.search.chooseDays')}
                </Button>
              </Group>
            ) : range === 'custom' ? (
              <Group grow wrap="wrap" align="flex-start" maw={560}>
                <TextInput type="date" label={t('listening.search.fromDay')} value={customFrom} onChange={(e) => setCustomFrom(e.currentTarget.value)} style={{ minWidth: '10rem' }} />
                <TextInput type="date" label={t('listening.search.toDay')} value={customTo} onChange={(e) => setCustomTo(e.currentTarget.value)} style={{ minWidth: '10rem' }} />
              </Group>
            ) : null}
          </Stack>
        </Paper>
        <Grid gap="md">
          <Grid.Col span={{ base: 12, md: 3 }}>
            {narrow ? (
              <Button
                variant="default"
                fullWidth
                leftSection={<IconAdjustmentsHorizontal size={16} aria-hidden />}
                aria-expanded={filtersOpen}
                aria-controls="listening-filters"
                onClick={() => setFiltersOpen((open) => !open)}
                mb={filtersOpen ? 'sm' : 0}
              >
                {filtersOpen ? t('listening.search.hideFilters') : t('listening.search.showFilters', { count: chosenCount })}
              </Button>
            ) : null}
            <Collapse expanded={!narrow || filtersOpen}>
            <Paper p="md" component="aside" aria-label={t('listening.search.filters')} id="listening-filters">
              <Stack gap="md">
                {facets?.sampled ? (
                  <Text size="xs" c="dimmed">
                    {t('listening.facets.sampled', { total: new Intl.NumberFormat(i18n.language).format(facets.sampled) })}
                  </Text>
                ) : null}
                <FacetList
                  legend={t('listening.facets.language')}
                  options={(facets?.language ?? []).map((f) => ({ value: f.value, label: languageName(f.value, i18n.language), count: f.count }))}
                  selected={languages}
                  onChange={setLanguages}
                  emptyText={t('listening.facets.none')}
                  countLabel={countLabel}
                />
                <FacetList
                  legend={t('listening.facets.source')}
                  options={(facets?.source ?? []).map((f) => ({ value: f.value, label: sourceName(f.value), count: f.count }))}
                  selected={sourceIds}
                  onChange={setSourceIds}
                  emptyText={t('listening.facets.none')}
                  countLabel={countLabel}
                />
                <FacetList
                  legend={t('listening.facets.country')}
                  options={(facets?.country ?? []).slice(0, 12).map((f) => ({ value: f.value, label: `${flagEmoji(f.value)} ${countryLabel(f.value, locale)}`, count: f.count }))}
                  selected={countries}
                  onChange={setCountries}
                  emptyText={t('listening.facets.none')}
                  countLabel={countLabel}
                />
                <FacetList
                  legend={t('listening.facets.topic')}
                  options={(facets?.topic ?? []).map((f) => ({ value: f.value, label: topicLabel(f.value, t), count: f.count }))}
                  selected={topics}
                  onChange={setTopics}
                  emptyText={t('listening.facets.none')}
                  countLabel={countLabel}
                />
                <Stack gap={6}>
                  <Text size="sm" fw={600} id="tone-label">
                    {t('listening.facets.tone')}
                  </Text>
                  <Text size="xs" c="dimmed" aria-live="polite">
                    {t('listening.facets.toneRange', { min: numberFormat.format(tone[0]), max: numberFormat.format(tone[1]) })}
                  </Text>
                  <RangeSlider
                    min={-1}
                    max={1}
                    step={0.1}
                    minRange={0.1}
                    value={tone}
                    onChange={setTone}
                    label={(value) => numberFormat.format(value)}
                    thumbFromLabel={t('listening.facets.toneMin')}
                    thumbToLabel={t('listening.facets.toneMax')}
                    marks={[
                      { value: -1, label: t('listening.tone.negative') },
                      { value: 0, label: '0' },
                      { value: 1, label: t('listening.tone.positive') },
                    ]}
                    mb="lg"
                    mx="xs"
                  />
                </Stack>
              </Stack>
            </Paper>
            </Collapse>
          </Grid.Col>
          <Grid.Col span={{ base: 12, md: 9 }}>
            <section aria-labelledby="results-heading">
              <Group justify="space-between" mb="xs">
                <Text component="h2" id="results-heading" fw={700} size="lg">
                  {t('listening.search.results')}
                </Text>
                <Text size="xs" c="dimmed" aria-live="polite">
                  {search.data ? t('listening.search.shown', { count: items.length }) : ''}
                </Text>
              </Group>
              {search.isPending ? <LoadingBlock /> : null}
              <ErrorAlert error={search.error} onRetry={() => void search.refetch()} />
              {search.data && items.length === 0 ? (
                <Paper p="lg">
                  {noSources && canManage ? (
                    <Text size="sm">
                      {t('listening.search.emptyNoSources')}{' '}
                      <Anchor component={Link} to="/listening/sources">
                        {t('listening.search.goToSources')}
                      </Anchor>
                    </Text>
                  ) : noSources ? (
                    <Stack gap={4}>
                      <Text size="sm">{t('listening.search.emptyNoSourcesReader', { units: myUnits })}</Text>
                      <Text size="sm" c="dimmed">
                        {t('listening.search.whoAddsSources')}
                      </Text>
                    </Stack>
                  ) : (
                    <>
                      <Text size="sm">{filtered ? t('listening.search.emptyFiltered') : t('listening.search.emptyPeriod')}</Text>
                      <DidYouMean q={q} match={match} onPick={setText} onContains={() => setMatch('contains')} />
                    </>
                  )}
                </Paper>
              ) : null}
              <Stack gap="sm">
                {items.map((item) => (
                  <ItemResult key={item.id} item={item} sourceName={sourceName(item.sourceId)} timeZone={timeZone} />
                ))}
              </Stack>
              {search.hasNextPage ? (
                <Group justify="center" mt="md">
                  <Button variant="default" loading={search.isFetchingNextPage} onClick={() => void search.fetchNextPage()}>
                    {t('listening.search.loadMore')}
                  </Button>
                </Group>
              ) : null}
            </section>
          </Grid.Col>
        </Grid>
      </Stack>
    </>
  );
}
