import { safeWebLink } from '@diplodesk/contracts';
import { Anchor, Button, Group, List, Paper, SimpleGrid, Stack, Text } from '@mantine/core';
import { IconArrowBackUp, IconExternalLink } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { formatDateTime, toUiLocale } from '../lib/intl.ts';
import { usePageTitle } from '../lib/use-page-title.ts';
import { authorLabel } from '../modules/listening/components/ItemResult.tsx';
import { ItemMeta } from '../modules/listening/components/ItemMeta.tsx';
import { ListeningNav } from '../modules/listening/components/ListeningNav.tsx';
import { ClusterSpread } from '../modules/listening/live/components/ClusterSpread.tsx';
import { ItemClaimLinks } from '../modules/integrity/components/ItemClaimLinks.tsx';
import { ToneBadge } from '../modules/listening/components/ToneBadge.tsx';
import { useItem, useSources } from '../modules/listening/hooks/use-listening.ts';
import { bodyUnderTitle } from '../modules/listening/utils/item-text.ts';
import { sentimentMethodKeys } from '../modules/listening/utils/labels.ts';
import { useCurrentMe } from '../modules/session/hooks/use-me.ts';
import { languageName } from '../modules/statements/utils/languages.ts';
import { ErrorAlert } from '../ui/ErrorAlert.tsx';
import { ForbiddenNotice } from '../ui/ForbiddenNotice.tsx';
import { IsolatedText } from '../ui/IsolatedText.tsx';
import { LoadingBlock } from '../ui/LoadingBlock.tsx';
import { PageHeader } from '../ui/PageHeader.tsx';
import { SectionCard } from '../ui/SectionCard.tsx';
import { isNotFoundError } from '../lib/api-client.ts';
import { NotFoundPage } from './NotFoundPage.tsx';
import { seededName } from '../lib/seeded-names.ts';

/** The first words of a text, for a heading or a reply's title. */
export function firstWords(text: string, count = 8): string {
  const words = text.trim().split(/\s+/);
  return words.length > count ? `${words.slice(0, count).join(' ')}…` : words.join(' ');
}

export function ListeningItemPage() {
  const { t, i18n } = useTranslation();
  const { itemId = '' } = useParams();
  const me = useCurrentMe();
  const locale = toUiLocale(i18n.resolvedLanguage);
  const canRead = me.permissions.includes('listening.read');
  const item = useItem(canRead ? itemId : '');
  const sources = useSources(canRead);
  const heading = item.data ? (item.data.title ?? firstWords(item.data.text)) : t('listening.item.title');
  usePageTitle(heading);

  if (!canRead) return <ForbiddenNotice />;
  if (item.isPending) return <LoadingBlock />;
  if (isNotFoundError(item.error)) return <NotFoundPage />;
  if (item.error || !item.data) return <ErrorAlert error={item.error} onRetry={() => void item.refetch()} />;

  const data = item.data;
  const source = sources.data?.items.find((s) => s.id === data.sourceId);
  const when = (iso: string) => formatDateTime(iso, locale, me.user.timeZone);
  const author = authorLabel(data);
  const methodKey = data.sentimentMethod ? sentimentMethodKeys[data.sentimentMethod] : undefined;
  const replyTitle = firstWords(data.title ?? data.text);
  const respondHref = `/statements/new?respondToItem=${encodeURIComponent(data.id)}&title=${encodeURIComponent(replyTitle)}&language=${encodeURIComponent(data.language)}`;

  return (
    <>
      <ListeningNav active="search" />
      <PageHeader
        title={
          <span dir="auto" lang={data.language}>
            <IsolatedText text={heading} />
          </span>
        }
        description={source ? t('listening.item.from', { source: seededName(source.name, t) }) : undefined}
        actions={
          me.permissions.includes('statement.draft') ? (
            <Button component={Link} to={respondHref} leftSection={<IconArrowBackUp size={16} aria-hidden />}>
              {t('listening.item.respond')}
            </Button>
          ) : null
        }
      />
      <Stack gap="md">
        <Paper p={{ base: 'md', sm: 'lg' }}>
          <Stack gap="sm">
            <Text dir="auto" lang={data.language} style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
              <IsolatedText text={bodyUnderTitle(data) || data.text} />
            </Text>
            {/* Only http(s): an item stored before links were checked at ingest may hold another scheme. */}
            {safeWebLink(data.url) ? (
              <Anchor href={safeWebLink(data.url) ?? undefined} target="_blank" rel="noreferrer" size="sm">
                <Group gap={4} component="span" wrap="nowrap">
                  <IconExternalLink size={14} aria-hidden />
                  {t('listening.item.original')}
                </Group>
              </Anchor>
            ) : null}
          </Stack>
        </Paper>
        {me.permissions.includes('integrity.read') ? <ItemClaimLinks itemId={data.id} /> : null}
        <SectionCard title={t('listening.item.details')}>
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm" component="dl" style={{ margin: 0 }}>
            <Fact term={t('listening.item.author')} value={author ?? t('listening.item.unknownAuthor')} />
            <Fact term={t('listening.item.published')} value={when(data.publishedAt)} />
            <Fact term={t('listening.item.collected')} value={when(data.collectedAt)} />
            <Fact
              term={t('listening.item.language')}
              value={t('listening.item.languageWithConfidence', {
                language: languageName(data.language, i18n.language),
                confidence: new Intl.NumberFormat(i18n.language, { style: 'percent' }).format(data.languageConfidence),
              })}
            />
          </SimpleGrid>
        </SectionCard>
        <SectionCard title={t('listening.item.analysis')}>
          <Stack gap="sm">
            <ItemMeta item={data} withScores />
            <Group gap="xs" wrap="wrap">
              <ToneBadge score={data.sentiment} />
              <Text size="sm" c="dimmed">
                {t('listening.item.method')}: {methodKey ? t(methodKey) : t('listening.tone.methods.none')}
              </Text>
            </Group>
          </Stack>
        </SectionCard>
        <SectionCard title={t('listening.item.entities')}>
          <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="sm">
            <TokenList title={t('listening.item.hashtags')} values={data.hashtags.map((h) => `#${h.replace(/^#/, '')}`)} empty={t('listening.item.none')} />
            <TokenList title={t('listening.item.mentions')} values={data.mentions.map((m) => `@${m.replace(/^@/, '')}`)} empty={t('listening.item.none')} />
            <div>
              <Text fw={600} size="sm" component="h3" mb={4}>
                {t('listening.item.links')}
              </Text>
              {data.urls.length === 0 ? (
                <Text size="sm" c="dimmed">
                  {t('listening.item.none')}
                </Text>
              ) : (
                <List size="sm" spacing={2}>
                  {data.urls.map((url) => (
                    <List.Item key={url}>
                      <Anchor href={url} target="_blank" rel="noreferrer" size="sm" style={{ overflowWrap: 'anywhere' }}>
                        {url}
                      </Anchor>
                    </List.Item>
                  ))}
                </List>
              )}
            </div>
          </SimpleGrid>
        </SectionCard>
        <ClusterSpread itemId={data.id} timeZone={me.user.timeZone} sourceName={(id) => sources.data?.items.find((s) => s.id === id)?.name ?? t('listening.search.unknownSource')} />
      </Stack>
    </>
  );
}

function Fact({ term, value }: { term: string; value: string }) {
  return (
    <div>
      <Text component="dt" size="xs" c="dimmed">
        {term}
      </Text>
      <Text component="dd" size="sm" m={0}>
        {value}
      </Text>
    </div>
  );
}

function TokenList({ title, values, empty }: { title: string; values: string[]; empty: string }) {
  return (
    <div>
      <Text fw={600} size="sm" component="h3" mb={4}>
        {title}
      </Text>
      {values.length === 0 ? (
        <Text size="sm" c="dimmed">
          {empty}
        </Text>
      ) : (
        <Text size="sm" style={{ overflowWrap: 'anywhere' }}>
          {values.join(' ')}
        </Text>
      )}
    </div>
  );
}
