import type { CountryProfile } from '@diplodesk/contracts';
import { Anchor, Grid, List, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router';
import { formatDate, toUiLocale } from '../lib/intl.ts';
import { usePageTitle } from '../lib/use-page-title.ts';
import { InsightsNav } from '../modules/insights/components/InsightsNav.tsx';
import { CooperationLineChart } from '../modules/insights/cooperation/LineChart.tsx';
import { formatPercent, reasonText } from '../modules/insights/cooperation/reason-text.ts';
import { stateName } from '../modules/insights/cooperation/state-name.ts';
import { useCountryProfile } from '../modules/insights/cooperation/use-cooperation.ts';
import { drillDownHref } from '../modules/insights/utils/drill-down.ts';
import { topicLabel } from '../modules/listening/utils/labels.ts';
import { useCurrentMe } from '../modules/session/hooks/use-me.ts';
import { ErrorAlert } from '../ui/ErrorAlert.tsx';
import { ForbiddenNotice } from '../ui/ForbiddenNotice.tsx';
import { LoadingBlock } from '../ui/LoadingBlock.tsx';
import { PageHeader } from '../ui/PageHeader.tsx';

const DAY_MS = 86_400_000;

function Section({ id, title, children }: { id: string; title: string; children: React.ReactNode }) {
  return (
    <Paper component="section" p={{ base: 'md', sm: 'lg' }} aria-labelledby={id} h="100%">
      <Title order={2} size="h3" id={id} mb="sm">
        {title}
      </Title>
      {children}
    </Paper>
  );
}

/** A country's profile: UN alignment with our country, ideal points, listening about it, our statements naming it, and why it is a partner. */
export function InsightsCountryPage() {
  const { t, i18n } = useTranslation();
  const locale = toUiLocale(i18n.resolvedLanguage);
  const me = useCurrentMe();
  const canRead = me.permissions.includes('insight.read');
  const navigate = useNavigate();
  const code = useParams().code ?? '';
  const [params] = useSearchParams();
  const topic = params.get('topic');
  const profile = useCountryProfile(code, topic, canRead && code !== '');
  const name = stateName(/^[a-z]{2}$/i.test(code) ? code.toUpperCase() : code, locale, false);
  usePageTitle(name);
  if (!canRead) return <ForbiddenNotice />;
  const p = profile.data;
  const ours = stateName(p?.ourCountry ?? 'ID', locale, false);
  return (
    <Stack gap="lg">
      <PageHeader mb={0} title={stateName(/^[a-z]{2}$/i.test(code) ? code.toUpperCase() : code, locale)} description={t('insightsCooperation.profile.intro', { country: name, ours })} />
      <InsightsNav active="cooperation" />
      <Anchor component={Link} to={topic ? `/insights/cooperation?topic=${encodeURIComponent(topic)}` : '/insights/cooperation'} size="sm">
        {t('insightsCooperation.profile.back')}
      </Anchor>
      <ErrorAlert error={profile.error} />
      {profile.isPending ? <LoadingBlock /> : null}
      {p ? <ProfileBody p={p} name={name} ours={ours} topic={topic} onDrill={(href) => navigate(href)} /> : null}
    </Stack>
  );
}

function ProfileBody({ p, name, ours, topic, onDrill }: { p: CountryProfile; name: string; ours: string; topic: string | null; onDrill: (href: string) => void }) {
  const { t, i18n } = useTranslation();
  const locale = toUiLocale(i18n.resolvedLanguage);
  const me = useCurrentMe();
  const sessionLabel = (s: number) => t('insightsCooperation.profile.session', { session: s });
  const days = Math.round((Date.parse(p.listening.to) - Date.parse(p.listening.from)) / DAY_MS);
  const dayHref = (i: number) => {
    const at = p.listening.points[i]?.at ?? p.listening.from;
    return drillDownHref({ dimension: 'country', key: p.country, from: at, to: new Date(Date.parse(at) + DAY_MS).toISOString() });
  };
  const toneText = p.listening.tone === null ? t('insightsCooperation.profile.none') : new Intl.NumberFormat(locale, { signDisplay: 'exceptZero', maximumFractionDigits: 2, minimumFractionDigits: 2 }).format(p.listening.tone);
  return (
    <Grid gap="lg">
      {topic ? (
        <Grid.Col span={12}>
          <Section id="reasons-heading" title={t('insightsCooperation.profile.reasons', { country: name, topic: topicLabel(topic, t) })}>
            {p.reasons.length === 0 ? (
              <Text size="sm">{t('insightsCooperation.profile.noReasons', { country: name })}</Text>
            ) : (
              <List size="sm" data-testid="profile-reasons">
                {p.reasons.map((r) => (
                  <List.Item key={r.kind}>{reasonText(t, r, { ours, topic: topicLabel(topic, t), locale })}</List.Item>
                ))}
              </List>
            )}
          </Section>
        </Grid.Col>
      ) : null}
      <Grid.Col span={{ base: 12, md: 7 }}>
        <Section id="trend-heading" title={t('insightsCooperation.profile.trend', { ours })}>
          {p.agreementTrend.length === 0 ? (
            <Text size="sm">{t('insightsCooperation.profile.noVotes', { country: name, ours })}</Text>
          ) : (
            <CooperationLineChart
              categories={p.agreementTrend.map((s) => (s.year ? String(s.year) : sessionLabel(s.session)))}
              series={[{ key: 'agreement', label: t('insightsCooperation.profile.agreement'), values: p.agreementTrend.map((s) => s.agreement) }]}
              unit="percent"
              locale={locale}
              description={t('insightsCooperation.profile.trendDescription', { country: name, ours })}
            />
          )}
        </Section>
      </Grid.Col>
      <Grid.Col span={{ base: 12, md: 5 }}>
        <Section id="issues-heading" title={p.recentSessions ? t('insightsCooperation.profile.issues', { from: p.recentSessions.from, to: p.recentSessions.to }) : t('insightsCooperation.profile.issues', { from: '–', to: '–' })}>
          <Table data-testid="issue-agreement">
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('insightsCooperation.profile.issue')}</Table.Th>
                <Table.Th scope="col">{t('insightsCooperation.profile.agreement')}</Table.Th>
                <Table.Th scope="col">{t('insightsCooperation.profile.votes')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {p.issueAgreement.map((row) => (
                <Table.Tr key={row.issue}>
                  <Table.Td>{t(`insightsCooperation.issue.${row.issue}`)}</Table.Td>
                  <Table.Td>{row.agreement === null ? t('insightsCooperation.profile.none') : formatPercent(row.agreement, locale)}</Table.Td>
                  <Table.Td>{new Intl.NumberFormat(locale).format(row.votes)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Section>
      </Grid.Col>
      <Grid.Col span={{ base: 12, md: 7 }}>
        <Section id="ideal-heading" title={t('insightsCooperation.profile.idealPoints')}>
          <Text size="xs" c="dimmed" mb="xs">
            {t('insightsCooperation.profile.idealHelp')}
          </Text>
          {p.idealPoints.length > 0 ? (
            <CooperationLineChart
              categories={p.idealPoints.map((s) => sessionLabel(s.session))}
              series={[
                { key: 'ours', label: ours, values: p.idealPoints.map((s) => s.ours) },
                { key: 'theirs', label: name, values: p.idealPoints.map((s) => s.theirs) },
              ]}
              unit="number"
              locale={locale}
              description={t('insightsCooperation.profile.idealDescription', { country: name, ours })}
            />
          ) : (
            <Text size="sm">{t('insightsCooperation.profile.noVotes', { country: name, ours })}</Text>
          )}
        </Section>
      </Grid.Col>
      <Grid.Col span={{ base: 12, md: 5 }}>
        <Section id="statements-heading" title={t('insightsCooperation.profile.statements', { country: name })}>
          {p.statements.length === 0 ? (
            <Text size="sm">{t('insightsCooperation.profile.noStatements', { country: name })}</Text>
          ) : (
            <List size="sm" spacing={4}>
              {p.statements.map((s) => (
                <List.Item key={s.id}>
                  <Anchor component={Link} to={`/statements/${s.id}`}>
                    {s.title}
                  </Anchor>{' '}
                  <Text span size="xs" c="dimmed">
                    {formatDate(s.at, locale, me.user.timeZone)}
                  </Text>
                </List.Item>
              ))}
            </List>
          )}
        </Section>
      </Grid.Col>
      <Grid.Col span={12}>
        <Section id="listening-heading" title={t('insightsCooperation.profile.listening', { country: name, days })}>
          <Text size="sm" mb="xs">
            {t('insightsCooperation.profile.listeningSummary', { items: new Intl.NumberFormat(locale).format(p.listening.items), country: name, tone: toneText })}{' '}
            <Anchor component={Link} underline="always" to={drillDownHref({ dimension: 'country', key: p.country, from: p.listening.from, to: p.listening.to })}>
              {t('insightsCooperation.profile.openSearch')}
            </Anchor>
          </Text>
          <CooperationLineChart
            categories={p.listening.points.map((x) => formatDate(x.at, locale, 'UTC'))}
            series={[{ key: 'items', label: t('insightsCooperation.profile.items'), values: p.listening.points.map((x) => x.items) }]}
            unit="number"
            locale={locale}
            description={t('insightsCooperation.profile.listeningDescription', { country: name })}
            onPick={(i) => onDrill(dayHref(i))}
          />
        </Section>
      </Grid.Col>
    </Grid>
  );
}
