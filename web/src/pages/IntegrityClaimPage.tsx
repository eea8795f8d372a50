import type { ClaimLinkState, ItemDto } from '@diplodesk/contracts';
import { claimLinkStates } from '@diplodesk/contracts';
import { Anchor, Badge, Button, Group, Paper, Progress, SegmentedControl, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { IconArrowBackUp, IconEdit } from '@tabler/icons-react';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { isNotFoundError } from '../lib/api-client.ts';
import { formatNumber, intlLocale, toUiLocale } from '../lib/intl.ts';
import { unitIdsWithPermission } from '../lib/unit-access.ts';
import { usePageTitle } from '../lib/use-page-title.ts';
import { useItemsByIds } from '../modules/listening/hooks/use-listening.ts';
import { ClaimDebunk } from '../modules/integrity/components/ClaimDebunk.tsx';
import { ClaimFormModal } from '../modules/integrity/components/ClaimFormModal.tsx';
import { IntegrityNav } from '../modules/integrity/components/IntegrityNav.tsx';
import { RebuttalsPanel } from '../modules/integrity/components/RebuttalsPanel.tsx';
import { SpreadChart } from '../modules/integrity/components/SpreadChart.tsx';
import { useClaim, useClaimLinks, useClaimSpread, useDecideClaimLink, useNarratives } from '../modules/integrity/hooks/use-integrity.ts';
import { percent } from '../modules/integrity/utils/finding-labels.ts';
import { useCurrentMe } from '../modules/session/hooks/use-me.ts';
import { useUnits } from '../modules/units/hooks/use-units.ts';
import { flattenUnitTree } from '../modules/units/utils/unit-tree.ts';
import { ErrorAlert } from '../ui/ErrorAlert.tsx';
import { ForbiddenNotice } from '../ui/ForbiddenNotice.tsx';
import { LoadingBlock } from '../ui/LoadingBlock.tsx';
import { PageHeader } from '../ui/PageHeader.tsx';
import { NotFoundPage } from './NotFoundPage.tsx';

const stateColor: Record<ClaimLinkState, string> = { auto: 'blue', suggested: 'yellow', confirmed: 'green', rejected: 'gray' };

/** One claim: its debunk and case fields, how far it spread, and the items linked to it (the suggestions to confirm or reject). */
export function IntegrityClaimPage() {
  const { t, i18n } = useTranslation();
  const locale = toUiLocale(i18n.resolvedLanguage);
  const me = useCurrentMe();
  const { claimId = '' } = useParams();
  const claim = useClaim(claimId);
  const [state, setState] = useState<ClaimLinkState | 'all'>('all');
  // The spread and links are read again when the back-fill or a decision changes the counts.
  const refreshKey = claim.data ? `${claim.data.updatedAt}/${claim.data.backfill.done}/${JSON.stringify(claim.data.links)}` : '';
  const spread = useClaimSpread(claimId, refreshKey);
  const links = useClaimLinks(claimId, state === 'all' ? undefined : state, refreshKey);
  const decide = useDecideClaimLink();
  const narratives = useNarratives();
  const units = useUnits();
  const [editing, setEditing] = useState(false);
  const manageable = useMemo(() => unitIdsWithPermission(units.data?.items ?? [], me.user.memberships, 'integrity.manage'), [units.data, me.user.memberships]);
  const unitOptions = useMemo(() => flattenUnitTree(units.data?.items ?? []).filter((row) => manageable.has(row.unit.id)).map((row) => ({ value: row.unit.id, label: row.path.join(' › ') })), [units.data, manageable]);
  const linkItems = useItemsByIds((links.data?.items ?? []).slice(0, 50).map((l) => l.itemId));
  const itemsById = linkItems.data ?? new Map<string, ItemDto>();
  usePageTitle(claim.data?.claimReviewed.slice(0, 80) ?? t('integrity.claim.title'));
  if (!me.permissions.includes('integrity.read')) return <ForbiddenNotice />;
  if (isNotFoundError(claim.error)) return <NotFoundPage />;
  if (claim.isPending) return <LoadingBlock />;
  const c = claim.data;
  if (!c) return <ErrorAlert error={claim.error} />;
  const narrative = narratives.data?.items.find((n) => n.id === c.narrativeId);
  const s = spread.data;
  const countryNames = new Intl.DisplayNames([intlLocale(locale)], { type: 'region' });
  const countryName = (code: string) => {
    try {
      return countryNames.of(code) ?? code;
    } catch {
      return code;
    }
  };
  const description = t('integrity.claim.perDayChart', { count: s?.items ?? 0 });

  return (
    <Stack gap="lg">
      <IntegrityNav active="claims" />
      <PageHeader
        mb={0}
        title={t('integrity.claim.title')}
        actions={
          <Group gap="sm">
            {me.permissions.includes('statement.draft') ? (
              <Button component={Link} to={`/statements/new?respondToClaim=${encodeURIComponent(c.id)}`} leftSection={<IconArrowBackUp size={16} aria-hidden />}>
                {t('integrity.finding.respond')}
              </Button>
            ) : null}
            {c.policies.update ? (
              <Button variant="default" leftSection={<IconEdit size={16} aria-hidden />} onClick={() => setEditing(true)}>
                {t('integrity.claim.edit')}
              </Button>
            ) : null}
          </Group>
        }
      />
      {c.backfill.state === 'running' ? (
        <Paper withBorder p="sm" role="status">
          <Text size="sm" mb={6}>
            {t('integrity.claim.backfillRunning', { done: formatNumber(c.backfill.done, locale), total: formatNumber(c.backfill.total, locale) })}
          </Text>
          <Progress value={c.backfill.total > 0 ? (100 * c.backfill.done) / c.backfill.total : 0} aria-label={t('integrity.claim.backfillLabel')} />
        </Paper>
      ) : c.backfill.state === 'failed' ? (
        <Text size="sm" c="red.8" role="alert">
          {t('integrity.claim.backfillFailed')}
        </Text>
      ) : null}
      <SimpleGrid cols={{ base: 1, md: 2 }} spacing="lg">
        <Paper withBorder p="md" bg="var(--mantine-color-red-0)">
          <Stack gap="sm">
            <Title order={2} size="h4">
              {t('integrity.claim.debunk')}
            </Title>
            <ClaimDebunk claim={{ claimReviewed: c.claimReviewed, rating: c.reviewRating.alternateName, url: c.url, reviewAuthor: c.reviewAuthor, disproof: c.disproof }} />
          </Stack>
        </Paper>
        <Paper withBorder p="md">
          <Stack gap="xs">
            <Title order={2} size="h4">
              {t('integrity.claim.case')}
            </Title>
            <Table layout="fixed" fz="sm">
              <Table.Tbody>
                {[
                  [t('integrity.claimForm.headline'), c.headline],
                  [t('integrity.claimForm.narrative'), narrative?.name ?? null],
                  [t('integrity.claimForm.summary'), c.summary],
                  [t('integrity.claimForm.outlets'), c.outlets.join(', ') || null],
                  [t('integrity.claimForm.countries'), c.targetCountries.map(countryName).join(', ') || null],
                  [t('integrity.claimForm.appearedAuthor'), c.itemReviewed.authorName],
                  [t('integrity.claimForm.appearedDate'), c.itemReviewed.datePublished],
                  [t('integrity.claimForm.datePublished'), c.datePublished],
                  [t('integrity.claim.translations'), c.translations.map((x) => `${x.language}: ${x.text}`).join(' · ') || null],
                  [t('integrity.claim.origin'), t(`integrity.claim.origins.${c.origin}`)],
                ]
                  .filter(([, v]) => v)
                  .map(([k, v]) => (
                    <Table.Tr key={k}>
                      <Table.Th scope="row" w="35%">
                        {k}
                      </Table.Th>
                      <Table.Td style={{ overflowWrap: 'anywhere' }}>{v}</Table.Td>
                    </Table.Tr>
                  ))}
              </Table.Tbody>
            </Table>
            {c.itemReviewed.appearanceUrls.map((u) => (
              <Anchor key={u} href={u} target="_blank" rel="noreferrer noopener" size="sm" style={{ overflowWrap: 'anywhere' }}>
                {u}
              </Anchor>
            ))}
          </Stack>
        </Paper>
      </SimpleGrid>
      <RebuttalsPanel subject={{ kind: 'claim', id: c.id }} timeZone={me.user.timeZone} />
      <Paper withBorder p="md" component="section" aria-labelledby="spread-heading">
        <Stack gap="sm">
          <Title order={2} size="h4" id="spread-heading">
            {t('integrity.claim.spread')}
          </Title>
          <ErrorAlert error={spread.error} />
          {s ? (
            <>
              <Group gap="xl">
                <Text size="sm">
                  <Text span fw={700} size="lg">
                    {formatNumber(s.items, locale)}
                  </Text>{' '}
                  {t('integrity.claim.spreadItems', { count: s.items })}
                </Text>
                <Text size="sm">
                  <Text span fw={700} size="lg">
                    {formatNumber(s.accounts, locale)}
                  </Text>{' '}
                  {t('integrity.claim.spreadAccounts', { count: s.accounts })}
                </Text>
                <Text size="sm">{s.countries.length > 0 ? t('integrity.claim.spreadCountries', { list: s.countries.slice(0, 8).map((x) => `${countryName(x.country)} (${x.items})`).join(', ') }) : t('integrity.claim.noCountries')}</Text>
              </Group>
              {s.perDay.length > 0 ? <SpreadChart days={s.perDay.map((d) => d.day)} values={s.perDay.map((d) => d.items)} description={description} /> : <Text size="sm" c="dimmed">{t('integrity.claim.noSpread')}</Text>}
            </>
          ) : null}
        </Stack>
      </Paper>
      <Paper withBorder p="md" component="section" aria-labelledby="links-heading">
        <Stack gap="sm">
          <Title order={2} size="h4" id="links-heading">
            {t('integrity.claim.links')}
          </Title>
          <Text size="sm" c="dimmed">
            {t('integrity.claim.linksIntro', { auto: c.links.auto, suggested: c.links.suggested, confirmed: c.links.confirmed, rejected: c.links.rejected })}
          </Text>
          <SegmentedControl
            aria-label={t('integrity.claim.linkFilter')}
            value={state}
            onChange={(v) => setState(v as ClaimLinkState | 'all')}
            data={[{ value: 'all', label: t('integrity.claim.linkAll') }, ...claimLinkStates.map((x) => ({ value: x, label: t(`integrity.linkState.${x}`) }))]}
            style={{ alignSelf: 'flex-start' }}
          />
          <ErrorAlert error={links.error ?? decide.error} />
          {links.data && links.data.items.length === 0 ? (
            <Text size="sm" c="dimmed">
              {t('integrity.claim.noLinks')}
            </Text>
          ) : null}
          <Stack gap="xs" component="ul" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
            {(links.data?.items ?? []).map((l) => {
              const item = itemsById.get(l.itemId);
              return (
                <Paper key={l.id} component="li" withBorder p="sm">
                  <Group justify="space-between" wrap="wrap" gap="sm" align="flex-start">
                    <Stack gap={4} style={{ flex: '1 1 20rem', minWidth: 0 }}>
                      <Group gap="xs">
                        <Badge color={stateColor[l.state]} variant="light" c={l.state === 'suggested' ? 'dark.9' : undefined}>
                          {t(`integrity.linkState.${l.state}`)}
                        </Badge>
                        <Text size="xs" c="dimmed">
                          {t('integrity.claim.score', { score: percent(l.score, intlLocale(locale)) })}
                          {item?.author ? ` · ${item.author.name ?? item.author.handle ?? ''}` : ''}
                        </Text>
                      </Group>
                      <Anchor component={Link} to={`/listening/items/${l.itemId}`} size="sm" lang={item?.language} style={{ overflowWrap: 'anywhere' }}>
                        {item ? (item.title ?? item.text).slice(0, 240) : t('integrity.claim.item')}
                      </Anchor>
                    </Stack>
                    <Group gap="xs">
                      {l.policies.confirm ? (
                        <Button size="xs" color="green" variant="light" loading={decide.isPending && decide.variables?.id === l.id && decide.variables.verb === 'confirm'} onClick={() => decide.mutate({ id: l.id, verb: 'confirm' })}>
                          {t('integrity.claim.confirm')}
                        </Button>
                      ) : null}
                      {l.policies.reject ? (
                        <Button size="xs" color="gray" variant="light" loading={decide.isPending && decide.variables?.id === l.id && decide.variables.verb === 'reject'} onClick={() => decide.mutate({ id: l.id, verb: 'reject' })}>
                          {t('integrity.claim.reject')}
                        </Button>
                      ) : null}
                    </Group>
                  </Group>
                </Paper>
              );
            })}
          </Stack>
        </Stack>
      </Paper>
      <Anchor component={Link} to="/integrity/claims" size="sm">
        {t('integrity.claim.back')}
      </Anchor>
      {editing ? <ClaimFormModal opened onClose={() => setEditing(false)} claim={c} unitOptions={unitOptions} narratives={narratives.data?.items ?? []} onSaved={() => setEditing(false)} /> : null}
    </Stack>
  );
}
