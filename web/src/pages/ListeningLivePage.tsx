import type { SavedSearchDto, SavedSearchParams } from '@diplodesk/contracts';
import { Alert, Button, Group, Paper, Select, Stack, Text, Title } from '@mantine/core';
import { IconPlayerPause, IconSearch } from '@tabler/icons-react';
import { useEffect, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { usePageTitle } from '../lib/use-page-title.ts';
import { ItemResult } from '../modules/listening/components/ItemResult.tsx';
import { ListeningNav } from '../modules/listening/components/ListeningNav.tsx';
import { useSources } from '../modules/listening/hooks/use-listening.ts';
import { LiveStatusBadge } from '../modules/listening/live/components/LiveStatusBadge.tsx';
import { useSavedSearches } from '../modules/listening/live/hooks/use-live-queries.ts';
import { type LiveSubscription, useLiveStream } from '../modules/listening/live/hooks/use-live-stream.ts';
import { defaultSearchState, stateFromSavedParams, stateToUrl } from '../modules/listening/live/utils/search-state.ts';
import { useCurrentMe } from '../modules/session/hooks/use-me.ts';
import { ErrorAlert } from '../ui/ErrorAlert.tsx';
import { ForbiddenNotice } from '../ui/ForbiddenNotice.tsx';
import { PageHeader } from '../ui/PageHeader.tsx';
import { seededName } from '../lib/seeded-names.ts';

/** The URL's filters (`?q=…&languages=…`, the search API's parameters), or a saved search (`?saved=id`). */
function subscriptionOf(params: URLSearchParams): { subscription: LiveSubscription; filters: SavedSearchParams; savedId: string | null } {
  const savedId = params.get('saved');
  const filters = Object.fromEntries([...params.entries()].filter(([key, value]) => key !== 'saved' && value !== ''));
  return { subscription: savedId ? { savedSearchId: savedId } : { query: filters }, filters, savedId };
}

export function ListeningLivePage() {
  const { t } = useTranslation();
  const me = useCurrentMe();
  const timeZone = me.user.timeZone;
  const canRead = me.permissions.includes('listening.read');
  usePageTitle(t('listeningLive.title'));

  const [params, setParams] = useSearchParams();
  const key = params.toString();
  const { subscription, filters, savedId } = useMemo(() => subscriptionOf(new URLSearchParams(key)), [key]);
  const stream = useLiveStream(canRead ? subscription : null);
  const saved = useSavedSearches(canRead);
  const sources = useSources(canRead);

  // Items from a source added after the list of sources was loaded: load it again for their names.
  const knownSources = sources.data?.items;
  const unknownSource = stream.buffer.shown.some((item) => knownSources && !knownSources.some((s) => s.id === item.sourceId));
  const refetchSources = sources.refetch;
  useEffect(() => {
    if (unknownSource) void refetchSources();
  }, [unknownSource, refetchSources]);

  if (!canRead) return <ForbiddenNotice />;

  const { buffer, connection, error, truncated, setPaused } = stream;
  const hasFilters = Object.keys(filters).length > 0;
  const choice = savedId ? `saved:${savedId}` : hasFilters ? 'filters' : 'all';
  const savedList = saved.data?.items ?? [];
  const current = savedId ? savedList.find((s) => s.id === savedId) : undefined;
  const sourceName = (id: string) => {
    const name = sources.data?.items.find((s) => s.id === id)?.name;
    return name === undefined ? t('listening.search.unknownSource') : seededName(name, t);
  };

  const option = (s: SavedSearchDto) => ({ value: `saved:${s.id}`, label: s.name });
  const groups = [
    { group: t('listeningLive.stream.general'), items: [{ value: 'all', label: t('listeningLive.stream.everything') }, ...(hasFilters ? [{ value: 'filters', label: t('listeningLive.stream.filters') }] : [])] },
    { group: t('listeningLive.saved.mine'), items: savedList.filter((s) => s.mine).map(option) },
    { group: t('listeningLive.saved.sharedWithMe'), items: savedList.filter((s) => !s.mine).map(option) },
  ];
  // A saved search not (yet) in the list still needs a label for the chosen value.
  if (savedId && !current) groups[0]?.items.push({ value: `saved:${savedId}`, label: stream.subscribedName ?? t('listeningLive.stream.savedSearch') });
  const data = groups.filter((g) => g.items.length > 0);

  const choose = (value: string | null) => {
    if (!value || value === choice) return;
    if (value === 'all') setParams(new URLSearchParams());
    else if (value.startsWith('saved:')) setParams(new URLSearchParams({ saved: value.slice('saved:'.length) }));
  };
  const searchQuery = current ? current.query : savedId ? null : filters;
  const searchHref = searchQuery ? `/listening?${stateToUrl(stateFromSavedParams(searchQuery, timeZone, { ...defaultSearchState }))}` : null;

  const announcement = buffer.paused
    ? buffer.heldCount > 0
      ? t('listeningLive.list.whilePaused', { count: buffer.heldCount })
      : t('listeningLive.list.pausedNone')
    : buffer.received > 0
      ? t('listeningLive.list.arrived', { count: buffer.received })
      : connection === 'live'
        ? t('listeningLive.list.waiting')
        : '';

  return (
    <>
      <ListeningNav active="live" />
      <PageHeader title={t('listeningLive.title')} description={t('listeningLive.intro')} actions={<LiveStatusBadge connection={connection} paused={buffer.paused} />} />
      <Stack gap="md">
        <Paper p="md">
          <Group align="flex-end" gap="sm" wrap="wrap">
            <Select label={t('listeningLive.stream.label')} data={data} value={choice} onChange={choose} allowDeselect={false} style={{ flex: '1 1 16rem', maxWidth: 420 }} comboboxProps={{ withinPortal: true }} />
            <Button
              variant={buffer.paused ? 'filled' : 'default'}
              aria-pressed={buffer.paused}
              leftSection={<IconPlayerPause size={16} aria-hidden />}
              onClick={() => setPaused(!buffer.paused)}
            >
              {t('listeningLive.pause')}
            </Button>
            {searchHref ? (
              <Button variant="subtle" component={Link} to={searchHref} leftSection={<IconSearch size={16} aria-hidden />}>
                {t('listeningLive.openInSearch')}
              </Button>
            ) : null}
          </Group>
        </Paper>
        <ErrorAlert error={error} />
        <section aria-labelledby="live-heading">
          <Group justify="space-between" align="baseline" gap="xs" mb="xs" wrap="wrap">
            <Title order={2} size="h3" id="live-heading">
              {t('listeningLive.list.title')}
            </Title>
            <Text size="sm" c="dimmed" aria-live="polite" aria-atomic="true">
              {announcement}
            </Text>
          </Group>
          {buffer.paused ? (
            <Alert color="blue" variant="light" mb="sm" title={t('listeningLive.list.pausedTitle')}>
              <Group justify="space-between" gap="sm" wrap="wrap">
                <Text size="sm">{buffer.heldCount > 0 ? t('listeningLive.list.pausedBody', { count: buffer.heldCount }) : t('listeningLive.list.pausedEmpty')}</Text>
                <Button size="xs" onClick={() => setPaused(false)}>
                  {buffer.heldCount > 0 ? t('listeningLive.resumeShow', { count: buffer.heldCount }) : t('listeningLive.resume')}
                </Button>
              </Group>
            </Alert>
          ) : null}
          {buffer.overflow > 0 || truncated ? (
            <Alert color="yellow" variant="light" mb="sm">
              <Text size="sm">
                {t('listeningLive.list.overflow', { count: buffer.overflow })}{' '}
                {searchHref ? (
                  <Link to={searchHref} style={{ color: 'inherit', fontWeight: 600 }}>
                    {t('listeningLive.openInSearch')}
                  </Link>
                ) : null}
              </Text>
            </Alert>
          ) : null}
          {buffer.shown.length === 0 ? (
            <Paper p="lg">
              <Text size="sm">{t('listeningLive.list.empty')}</Text>
            </Paper>
          ) : null}
          <Stack gap="sm">
            {buffer.shown.map((item) => (
              <ItemResult key={item.id} item={item} sourceName={sourceName(item.sourceId)} timeZone={timeZone} />
            ))}
          </Stack>
        </section>
      </Stack>
    </>
  );
}
