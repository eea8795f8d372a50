import { Anchor, Badge, Button, Group, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { formatDateTime, formatNumber, toUiLocale } from '../../../../lib/intl.ts';
import { ErrorAlert } from '../../../../ui/ErrorAlert.tsx';
import { LoadingBlock } from '../../../../ui/LoadingBlock.tsx';
import { SectionCard } from '../../../../ui/SectionCard.tsx';
import { authorLabel } from '../../components/ItemResult.tsx';
import { useCluster } from '../hooks/use-live-queries.ts';
import { SpreadChart } from './SpreadChart.tsx';

function Figure({ term, value }: { term: string; value: string }) {
  return (
    <div>
      <Text component="dt" size="xs" c="dimmed">
        {term}
      </Text>
      <Text component="dd" size="sm" fw={600} m={0}>
        {value}
      </Text>
    </div>
  );
}

/** How an item's story spread: its near-duplicates over time, across sources and accounts. */
export function ClusterSpread({ itemId, timeZone, sourceName }: { itemId: string; timeZone: string; sourceName: (id: string) => string }) {
  const { t, i18n } = useTranslation();
  const locale = toUiLocale(i18n.resolvedLanguage);
  const cluster = useCluster(itemId);
  const head = cluster.data?.pages[0];
  const members = cluster.data?.pages.flatMap((p) => p.members) ?? [];
  const when = (iso: string) => formatDateTime(iso, locale, timeZone);

  return (
    <SectionCard title={t('listeningLive.spread.title')} description={t('listeningLive.spread.intro')}>
      {cluster.isPending ? <LoadingBlock /> : null}
      <ErrorAlert error={cluster.error} onRetry={() => void cluster.refetch()} />
      {head && head.size <= 1 ? (
        <Text size="sm" c="dimmed">
          {t('listeningLive.spread.alone')}
        </Text>
      ) : null}
      {head && head.size > 1 ? (
        <Stack gap="md">
          <SimpleGrid cols={{ base: 2, sm: 3, md: 5 }} spacing="sm" component="dl" style={{ margin: 0 }}>
            <Figure term={t('listeningLive.spread.copies')} value={formatNumber(head.size, locale)} />
            <Figure term={t('listeningLive.spread.sources')} value={formatNumber(head.sources, locale)} />
            <Figure term={t('listeningLive.spread.authors')} value={formatNumber(head.authors, locale)} />
            <Figure term={t('listeningLive.spread.firstSeen')} value={when(head.firstSeen)} />
            <Figure term={t('listeningLive.spread.latestSeen')} value={when(head.latestSeen)} />
          </SimpleGrid>
          <SpreadChart timeline={head.timeline} bucket={head.bucket} timeZone={timeZone} />
          <div>
            <Title order={3} size="h5" mb="xs">
              {t('listeningLive.spread.members')}
            </Title>
            <Stack component="ol" gap="xs" p={0} m={0} style={{ listStyle: 'none' }}>
              {members.map((m) => {
                const author = authorLabel(m);
                const headline = m.title ?? (m.text.length > 110 ? `${m.text.slice(0, 110)}…` : m.text);
                return (
                  <li key={m.id}>
                    <Stack gap={0}>
                      <Group gap={6} wrap="nowrap" align="flex-start">
                        {m.id === itemId ? (
                          <Text size="sm" fw={600} dir="auto" lang={m.language} style={{ overflowWrap: 'anywhere' }}>
                            {headline}
                          </Text>
                        ) : (
                          <Anchor component={Link} to={`/listening/items/${m.id}`} size="sm" dir="auto" lang={m.language} style={{ overflowWrap: 'anywhere' }}>
                            {headline}
                          </Anchor>
                        )}
                        {m.id === itemId ? (
                          <Badge size="xs" variant="light" style={{ textTransform: 'none', flexShrink: 0 }}>
                            {t('listeningLive.spread.thisItem')}
                          </Badge>
                        ) : null}
                      </Group>
                      <Text size="xs" c="dimmed">
                        {sourceName(m.sourceId)}
                        {author ? (
                          <>
                            {' · '}
                            <bdi>{author}</bdi>
                          </>
                        ) : null}{' '}
                        · <time dateTime={m.publishedAt}>{when(m.publishedAt)}</time>
                      </Text>
                    </Stack>
                  </li>
                );
              })}
            </Stack>
            {cluster.hasNextPage ? (
              <Button mt="sm" size="xs" variant="default" loading={cluster.isFetchingNextPage} onClick={() => void cluster.fetchNextPage()}>
                {t('listeningLive.spread.more')}
              </Button>
            ) : null}
          </div>
        </Stack>
      ) : null}
    </SectionCard>
  );
}
