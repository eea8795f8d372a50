import { Anchor, Paper, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { formatDateTime, formatNumber, toUiLocale } from '../../../lib/intl.ts';
import { ErrorAlert } from '../../../ui/ErrorAlert.tsx';
import { LoadingBlock } from '../../../ui/LoadingBlock.tsx';
import type { FindingNetwork } from '../api/integrity.api.ts';
import { useFindingNetwork } from '../hooks/use-integrity.ts';
import { NetworkGraph } from './NetworkGraph.tsx';

/** How many timeline rows are shown before "and N more". */
const TIMELINE_SHOWN = 60;

/** A shared object's key as a person reads it: `url:host/path` → the address, `cluster:…` → near-identical text. */
function objectLabel(key: string, t: TFunction): string {
  if (key.startsWith('url:')) return key.slice(4);
  if (key.startsWith('cluster:')) return `${t('integrity.network.textCluster')} (${key.slice(8, 16)})`;
  return key;
}

/** The text a screen reader hears for the graph, and everyone reads above it. */
export function networkSummary(network: FindingNetwork, t: TFunction, locale: 'en' | 'id'): string {
  const objects = new Set(network.edges.flatMap((e) => e.objects));
  const strongest = [...network.nodes].sort((a, b) => b.strength - a.strength)[0];
  const heaviest = [...network.edges].sort((a, b) => b.weight - a.weight)[0];
  const byId = new Map(network.nodes.map((n) => [n.id, n.label]));
  const parts = [
    t('integrity.network.summary', { accounts: network.nodes.length, pairs: network.edges.length, objects: objects.size, shares: network.timeline.length }),
    t('integrity.network.windowSummary', { seconds: formatNumber(Math.round(network.window.seconds), locale), source: t(`integrity.network.windowSource.${network.window.source}`, { defaultValue: network.window.source }) }),
  ];
  if (strongest) parts.push(t('integrity.network.strongest', { account: strongest.label, strength: strongest.strength }));
  if (heaviest) parts.push(t('integrity.network.heaviest', { a: byId.get(heaviest.source) ?? heaviest.source, b: byId.get(heaviest.target) ?? heaviest.target, count: heaviest.weight }));
  return parts.join(' ');
}

/**
 * A coordination finding's network: the graph (accounts sized by strength, pairs by co-shares), the
 * same figures as tables with a text summary (a drawing alone is not accessible), and the evidence
 * timeline of every share.
 */
export function FindingNetworkView({ findingId, timeZone }: { findingId: string; timeZone: string }) {
  const { t, i18n } = useTranslation();
  const locale = toUiLocale(i18n.resolvedLanguage);
  const network = useFindingNetwork(findingId, true);
  if (network.isPending) return <LoadingBlock />;
  if (!network.data) return <ErrorAlert error={network.error} />;
  const n = network.data;
  const label = new Map(n.nodes.map((node) => [node.id, node.label]));
  const summary = networkSummary(n, t, locale);
  const nodes = [...n.nodes].sort((a, b) => b.strength - a.strength || a.label.localeCompare(b.label));
  const edges = [...n.edges].sort((a, b) => b.weight - a.weight);

  return (
    <Stack gap="md">
      <Text size="sm">{summary}</Text>
      <SimpleGrid cols={{ base: 1, lg: 2 }} spacing="md">
        <Paper withBorder p="xs">
          <NetworkGraph network={n} description={t('integrity.network.graphLabel', { summary })} />
        </Paper>
        <Stack gap="md">
          <Stack gap={4}>
            <Title order={3} size="h5" id="network-accounts">
              {t('integrity.network.accountsTitle')}
            </Title>
            <Table.ScrollContainer minWidth={320}>
              <Table withTableBorder aria-labelledby="network-accounts">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th scope="col">{t('integrity.network.account')}</Table.Th>
                    <Table.Th scope="col" ta="right">{t('integrity.network.degree')}</Table.Th>
                    <Table.Th scope="col" ta="right">{t('integrity.network.strength')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {nodes.map((node) => (
                    <Table.Tr key={node.id}>
                      <Table.Th scope="row" style={{ overflowWrap: 'anywhere' }}>{node.label}</Table.Th>
                      <Table.Td ta="right">{formatNumber(node.degree, locale)}</Table.Td>
                      <Table.Td ta="right">{formatNumber(node.strength, locale)}</Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          </Stack>
          <Stack gap={4}>
            <Title order={3} size="h5" id="network-edges">
              {t('integrity.network.edgesTitle')}
            </Title>
            <Table.ScrollContainer minWidth={360}>
              <Table withTableBorder aria-labelledby="network-edges">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th scope="col">{t('integrity.network.pair')}</Table.Th>
                    <Table.Th scope="col" ta="right">{t('integrity.network.weight')}</Table.Th>
                    <Table.Th scope="col">{t('integrity.network.objects')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {edges.map((e) => (
                    <Table.Tr key={`${e.source}|${e.target}`}>
                      <Table.Th scope="row" style={{ overflowWrap: 'anywhere' }}>
                        <span style={{ whiteSpace: 'nowrap' }}>{label.get(e.source) ?? e.source}</span> – <span style={{ whiteSpace: 'nowrap' }}>{label.get(e.target) ?? e.target}</span>
                      </Table.Th>
                      <Table.Td ta="right">{formatNumber(e.weight, locale)}</Table.Td>
                      <Table.Td style={{ overflowWrap: 'anywhere' }}>
                        <Text size="xs">{e.objects.map((o) => objectLabel(o, t)).join(', ')}</Text>
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          </Stack>
        </Stack>
      </SimpleGrid>
      <Stack gap={4}>
        <Title order={3} size="h5" id="network-timeline">
          {t('integrity.network.timelineTitle', { count: n.timeline.length })}
        </Title>
        <Table.ScrollContainer minWidth={520}>
          <Table withTableBorder striped aria-labelledby="network-timeline">
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('integrity.network.when')}</Table.Th>
                <Table.Th scope="col">{t('integrity.network.account')}</Table.Th>
                <Table.Th scope="col">{t('integrity.network.object')}</Table.Th>
                <Table.Th scope="col">{t('integrity.network.item')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {n.timeline.slice(0, TIMELINE_SHOWN).map((share) => (
                <Table.Tr key={`${share.accountId}|${share.objectId}|${share.at}|${share.itemId ?? ''}`}>
                  <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatDateTime(share.at, locale, timeZone)}</Table.Td>
                  <Table.Td style={{ overflowWrap: 'anywhere' }}>{label.get(share.accountId) ?? share.accountId}</Table.Td>
                  <Table.Td style={{ overflowWrap: 'anywhere' }}>{objectLabel(share.objectId, t)}</Table.Td>
                  <Table.Td>
                    {share.itemId ? (
                      <Anchor component={Link} to={`/listening/items/${share.itemId}`} size="sm" aria-label={t('integrity.network.openShare', { account: label.get(share.accountId) ?? share.accountId, when: formatDateTime(share.at, locale, timeZone) })}>
                        {t('integrity.network.open')}
                      </Anchor>
                    ) : (
                      '—'
                    )}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
        {n.timeline.length > TIMELINE_SHOWN ? (
          <Text size="sm" c="dimmed">
            {t('integrity.network.moreShares', { count: n.timeline.length - TIMELINE_SHOWN })}
          </Text>
        ) : null}
      </Stack>
    </Stack>
  );
}
