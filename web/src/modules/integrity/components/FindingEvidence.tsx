import type { ItemDto } from '@diplodesk/contracts';
import { Anchor, Code, Paper, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { formatDateTime, intlLocale, toUiLocale } from '../../../lib/intl.ts';
import { useItemsByIds } from '../../listening/hooks/use-listening.ts';
import { bodyUnderTitle } from '../../listening/utils/item-text.ts';
import type { FindingDetail } from '../api/integrity.api.ts';
import { useClaim } from '../hooks/use-integrity.ts';
import { ClaimDebunk } from './ClaimDebunk.tsx';

/** How many of a finding's items are shown with their text. */
const SHOWN = 5;

/** One evidence value as a person reads it: scores 0–1 as percentages, other numbers rounded, lists joined. */
function evidenceValue(key: string, value: unknown, locale: string): string | null {
  if (typeof value === 'number') return /score|similarity|share|ratio/i.test(key) && value >= 0 && value <= 1 ? new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 1 }).format(value) : new Intl.NumberFormat(locale, { maximumFractionDigits: 2 }).format(value);
  if (typeof value === 'string' || typeof value === 'boolean') return String(value);
  if (Array.isArray(value) && value.every((v) => typeof v === 'string' || typeof v === 'number')) return value.join(', ');
  return null;
}

function ItemCard({ item, timeZone }: { item: ItemDto; timeZone: string }) {
  const { t, i18n } = useTranslation();
  return (
    <Paper withBorder p="sm">
      <Stack gap={4}>
        <Text size="xs" c="dimmed">
          {[item.author?.name ?? item.author?.handle, formatDateTime(item.publishedAt, toUiLocale(i18n.language), timeZone)].filter(Boolean).join(' · ')}
        </Text>
        {item.title ? <Text fw={600} lang={item.language}>{item.title}</Text> : null}
        <Text size="sm" lang={item.language} style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }} lineClamp={6}>
          {bodyUnderTitle(item) || item.text}
        </Text>
        <Anchor component={Link} to={`/listening/items/${item.id}`} size="sm">
          {t('integrity.finding.openItem')}
        </Anchor>
      </Stack>
    </Paper>
  );
}

/**
 * What a finding rests on. A claim match puts the items that repeat the claim beside the claim and
 * its debunk; other detectors' evidence is listed field by field (less what `omit` names).
 */
export function FindingEvidence({ finding, timeZone, omit = [] }: { finding: FindingDetail; timeZone: string; omit?: readonly string[] }) {
  const { t, i18n } = useTranslation();
  const locale = intlLocale(toUiLocale(i18n.language));
  const claim = useClaim(finding.claimId);
  const items = useItemsByIds(finding.itemIds.slice(0, SHOWN));
  const loaded = [...(items.data?.values() ?? [])];
  // Fields shown by a detector's own view (the side-by-side accounts, the network) are not repeated.
  const entries = Object.entries(finding.evidence).filter(([key]) => !omit.includes(key));
  return (
    <Stack gap="md">
      <SimpleGrid cols={{ base: 1, md: finding.claimId ? 2 : 1 }} spacing="md">
        <Stack gap="xs">
          <Title order={3} size="h5">
            {t('integrity.finding.items', { count: finding.itemCount })}
          </Title>
          {loaded.map((item) => (
            <ItemCard key={item.id} item={item} timeZone={timeZone} />
          ))}
          {finding.itemCount > SHOWN ? (
            <Text size="sm" c="dimmed">
              {t('integrity.finding.moreItems', { count: finding.itemCount - loaded.length })}
            </Text>
          ) : null}
        </Stack>
        {finding.claimId ? (
          <Stack gap="xs">
            <Title order={3} size="h5">
              {t('integrity.finding.claim')}
            </Title>
            <Paper withBorder p="sm" bg="var(--mantine-color-red-0)">
              {claim.data ? (
                <Stack gap="xs">
                  <ClaimDebunk claim={{ claimReviewed: claim.data.claimReviewed, rating: claim.data.reviewRating.alternateName, url: claim.data.url, reviewAuthor: claim.data.reviewAuthor, disproof: claim.data.disproof }} />
                  <Anchor component={Link} to={`/integrity/claims/${claim.data.id}`} size="sm">
                    {t('integrity.finding.openClaim')}
                  </Anchor>
                </Stack>
              ) : (
                <Text size="sm" c="dimmed">
                  {t('common.loading')}
                </Text>
              )}
            </Paper>
          </Stack>
        ) : null}
      </SimpleGrid>
      {entries.length > 0 ? (
        <Stack gap="xs">
          <Title order={3} size="h5">
            {t('integrity.finding.evidence')}
          </Title>
          <Table withTableBorder layout="fixed">
            <Table.Tbody>
              {entries.map(([key, value]) => (
                <Table.Tr key={key}>
                  <Table.Th scope="row" w="30%">
                    {t(`integrity.evidenceFields.${key}`, { defaultValue: key })}
                  </Table.Th>
                  <Table.Td style={{ overflowWrap: 'anywhere' }}>{evidenceValue(key, value, locale) ?? <Code block>{JSON.stringify(value, null, 2)}</Code>}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Stack>
      ) : null}
      {finding.accountKeys.length > 0 ? (
        <Stack gap="xs">
          <Title order={3} size="h5">
            {t('integrity.finding.accounts', { count: finding.accountKeys.length })}
          </Title>
          <Text size="sm" style={{ overflowWrap: 'anywhere' }}>
            {finding.accountKeys.join(', ')}
          </Text>
        </Stack>
      ) : null}
    </Stack>
  );
}
