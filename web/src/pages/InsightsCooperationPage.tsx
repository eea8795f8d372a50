import { Anchor, List, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { toUiLocale } from '../lib/intl.ts';
import { usePageTitle } from '../lib/use-page-title.ts';
import { InsightsNav } from '../modules/insights/components/InsightsNav.tsx';
import { reasonText } from '../modules/insights/cooperation/reason-text.ts';
import { stateName } from '../modules/insights/cooperation/state-name.ts';
import { UnVotesImportPanel } from '../modules/insights/cooperation/UnVotesImportPanel.tsx';
import { useRanking } from '../modules/insights/cooperation/use-cooperation.ts';
import { useTopics } from '../modules/listening/topics/hooks/use-topics.ts';
import { topicLabel, topicLabelKeys } from '../modules/listening/utils/labels.ts';
import { useCurrentMe } from '../modules/session/hooks/use-me.ts';
import { ErrorAlert } from '../ui/ErrorAlert.tsx';
import { ForbiddenNotice } from '../ui/ForbiddenNotice.tsx';
import { LoadingBlock } from '../ui/LoadingBlock.tsx';
import { PageHeader } from '../ui/PageHeader.tsx';
import { SearchSelect } from '../ui/SearchSelect.tsx';

const DEFAULT_TOPIC = 'human-rights';

/** The cooperation finder: a topic, the partner states for it with their reasons, and the UN votes import. */
export function InsightsCooperationPage() {
  const { t, i18n } = useTranslation();
  const locale = toUiLocale(i18n.resolvedLanguage);
  const me = useCurrentMe();
  const canRead = me.permissions.includes('insight.read');
  usePageTitle(t('insightsCooperation.title'));
  const [params, setParams] = useSearchParams();
  const topic = params.get('topic') || DEFAULT_TOPIC;
  const topics = useTopics(canRead && me.permissions.includes('listening.read'));
  const ranking = useRanking(topic, canRead);
  const options = useMemo(() => {
    const keys = topics.data ? topics.data.items.filter((x) => x.archivedAt === null).map((x) => x.key) : Object.keys(topicLabelKeys);
    return keys.map((key) => ({ value: key, label: topicLabel(key, t) }));
  }, [topics.data, t]);
  if (!canRead) return <ForbiddenNotice />;
  const data = ranking.data;
  const ours = stateName(data?.ourCountry ?? 'ID', locale, false);
  const topicName = topicLabel(topic, t);
  const pct = (w: number) => `${Math.round(w * 100)} %`;
  return (
    <Stack gap="lg">
      <PageHeader mb={0} title={t('insightsCooperation.title')} description={t('insightsCooperation.intro', { ours })} />
      <InsightsNav active="cooperation" />
      <SearchSelect label={t('insightsCooperation.topic')} data={options} value={topic} onChange={(v) => setParams(v ? { topic: v } : {}, { replace: true })} allowDeselect={false} searchable maw={420} />
      <ErrorAlert error={ranking.error} />
      <Paper component="section" p={{ base: 'md', sm: 'lg' }} aria-labelledby="partners-heading">
        <Title order={2} size="h3" id="partners-heading" mb="xs">
          {t('insightsCooperation.ranking.heading', { topic: topicName })}
        </Title>
        {data ? (
          <Text size="xs" c="dimmed" mb="md">
            {t('insightsCooperation.ranking.weights', { un: pct(data.weights.unAgreement), co: pct(data.weights.coMentions), st: pct(data.weights.statements) })}
          </Text>
        ) : null}
        {ranking.isPending ? <LoadingBlock /> : null}
        {data && data.partners.length === 0 ? <Text size="sm">{t('insightsCooperation.ranking.empty')}</Text> : null}
        {data && data.partners.length > 0 ? (
          <Table.ScrollContainer minWidth={560}>
            <Table verticalSpacing="sm" data-testid="partners">
              <Table.Caption>{t('insightsCooperation.ranking.caption', { topic: topicName })}</Table.Caption>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">{t('insightsCooperation.ranking.rank')}</Table.Th>
                  <Table.Th scope="col">{t('insightsCooperation.ranking.country')}</Table.Th>
                  <Table.Th scope="col">{t('insightsCooperation.ranking.score')}</Table.Th>
                  <Table.Th scope="col">{t('insightsCooperation.ranking.reasons')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {data.partners.map((p, i) => (
                  <Table.Tr key={p.country}>
                    <Table.Td>{i + 1}</Table.Td>
                    <Table.Td>
                      <Anchor component={Link} to={`/insights/countries/${encodeURIComponent(p.country)}?topic=${encodeURIComponent(topic)}`}>
                        {stateName(p.country, locale)}
                      </Anchor>
                    </Table.Td>
                    <Table.Td>{new Intl.NumberFormat(locale, { maximumFractionDigits: 2, minimumFractionDigits: 2 }).format(p.score)}</Table.Td>
                    <Table.Td>
                      <List size="sm" spacing={2}>
                        {p.reasons.map((r) => (
                          <List.Item key={r.kind}>{reasonText(t, r, { ours, topic: topicName, locale })}</List.Item>
                        ))}
                      </List>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        ) : null}
      </Paper>
      <UnVotesImportPanel />
    </Stack>
  );
}
