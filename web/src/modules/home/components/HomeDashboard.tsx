import type { Permission } from '@diplodesk/contracts';
import { Anchor, Badge, Group, List, SimpleGrid, Stack, Text } from '@mantine/core';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { formatDateTime, formatNumber, intlLocale, toUiLocale } from '../../../lib/intl.ts';
import { startOfDayInZone } from '../../../lib/zoned-time.ts';
import { ImageChart } from '../../insights/components/ImageChart.tsx';
import { useImage } from '../../insights/hooks/use-image.ts';
import { WarningText } from '../../insights/components/WarningText.tsx';
import { useAlerts } from '../../insights/hooks/use-insights.ts';
import { useMonitors } from '../../insights/hooks/use-monitors.ts';
import { alertName } from '../../insights/utils/monitor-drill-down.ts';
import { dayInZone } from '../../listening/live/utils/search-state.ts';
import { countryLabel, signedScore } from '../../listening/utils/labels.ts';
import { useCurrentMe } from '../../session/hooks/use-me.ts';
import { useClearanceInbox } from '../../statements/hooks/use-statements.ts';
import { useTopStories } from '../hooks/use-top-stories.ts';
import { EmptyHint, HomeSection } from './HomeSection.tsx';

const HOUR_MS = 3_600_000;

/** Today in the person's zone (midnight to the next full hour), and the last 14 days by day. */
function periodsNow(timeZone: string) {
  const to = new Date(Math.ceil(Date.now() / HOUR_MS) * HOUR_MS);
  const today = dayInZone(new Date(to.getTime() - 1), timeZone);
  const midnight = startOfDayInZone(today, timeZone) ?? new Date(to.getTime() - 24 * HOUR_MS);
  const fortnight = startOfDayInZone(today, timeZone, -13) ?? new Date(to.getTime() - 14 * 24 * HOUR_MS);
  return { today: { from: midnight.toISOString(), to: to.toISOString() }, fortnight: { from: fortnight.toISOString(), to: to.toISOString() } };
}

/**
 * What needs this person now, one section per thing they may act on: clearances waiting for them,
 * open alerts, today's top stories, the image index, the threat monitors that changed. A section
 * shows only with its permission.
 */
export function HomeDashboard() {
  const me = useCurrentMe();
  const can = (p: Permission) => me.permissions.includes(p);
  const periods = useMemo(() => periodsNow(me.user.timeZone), [me.user.timeZone]);
  const sections = [
    can('statement.approve') ? <ClearancesSection key="clearances" /> : null,
    can('insight.read') ? <AlertsSection key="alerts" /> : null,
    can('listening.read') ? <TopStoriesSection key="stories" period={periods.today} /> : null,
    can('insight.read') ? <ImageSection key="image" period={periods.fortnight} /> : null,
    can('insight.read') ? <MonitorsSection key="monitors" /> : null,
  ].filter(Boolean);
  if (sections.length === 0) return null;
  return (
    <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md">
      {sections}
    </SimpleGrid>
  );
}

function ClearancesSection() {
  const { t, i18n } = useTranslation();
  const locale = toUiLocale(i18n.resolvedLanguage);
  const me = useCurrentMe();
  const inbox = useClearanceInbox();
  const items = inbox.data?.items ?? [];
  return (
    <HomeSection id="home-clearances" title={t('home.dashboard.clearances.title', { count: items.length })} to="/statements?view=inbox" linkLabel={t('home.dashboard.clearances.link')} error={inbox.error} loading={inbox.isPending}>
      {items.length === 0 ? (
        <EmptyHint text={t('home.dashboard.clearances.empty')} to="/statements" action={t('home.dashboard.clearances.emptyAction')} />
      ) : (
        <List spacing="xs" listStyleType="none" p={0}>
          {items.slice(0, 5).map((s) => (
            <List.Item key={s.id}>
              <Anchor component={Link} to={`/statements/${s.id}`} size="sm" fw={500}>
                {s.title || t('home.dashboard.untitled')}
              </Anchor>
              <Text size="xs" c="dimmed">
                {t('home.dashboard.clearances.meta', { step: s.stepName, unit: s.unitName, since: formatDateTime(s.waitingSince, locale, me.user.timeZone) })}
              </Text>
            </List.Item>
          ))}
        </List>
      )}
    </HomeSection>
  );
}

function AlertsSection() {
  const { t, i18n } = useTranslation();
  const locale = toUiLocale(i18n.resolvedLanguage);
  const me = useCurrentMe();
  const alerts = useAlerts('open');
  const items = alerts.data?.items ?? [];
  const open = alerts.data?.open ?? 0;
  return (
    <HomeSection id="home-alerts" title={t('home.dashboard.alerts.title', { count: open })} to="/insights/alerts" linkLabel={t('home.dashboard.alerts.link')} error={alerts.error} loading={alerts.isPending}>
      {items.length === 0 ? (
        <EmptyHint text={t('home.dashboard.alerts.empty')} to="/insights/rules" action={t('home.dashboard.alerts.emptyAction')} />
      ) : (
        <List spacing="xs" listStyleType="none" p={0}>
          {items.slice(0, 5).map((a) => (
            <List.Item key={a.id}>
              <Group gap="xs" wrap="nowrap">
                <Anchor component={Link} to="/insights/alerts" size="sm" fw={500}>
                  {alertName(a, locale)}
                </Anchor>
                {a.repeats > 1 ? (
                  <Badge size="xs" variant="light">
                    {t('home.dashboard.alerts.repeats', { count: a.repeats })}
                  </Badge>
                ) : null}
              </Group>
              <Text size="xs" c="dimmed">
                {t('home.dashboard.alerts.meta', { at: formatDateTime(a.lastFiredAt, locale, me.user.timeZone) })}
              </Text>
            </List.Item>
          ))}
        </List>
      )}
    </HomeSection>
  );
}

function TopStoriesSection({ period }: { period: { from: string; to: string } }) {
  const { t, i18n } = useTranslation();
  const locale = toUiLocale(i18n.resolvedLanguage);
  const stories = useTopStories(period);
  const items = stories.data?.items ?? [];
  const todayHref = `/listening?${new URLSearchParams({ from: period.from, to: period.to })}`;
  return (
    <HomeSection id="home-stories" title={t('home.dashboard.stories.title')} to={todayHref} linkLabel={t('home.dashboard.stories.link')} error={stories.error} loading={stories.isPending}>
      {items.length === 0 ? (
        <EmptyHint text={t('home.dashboard.stories.empty')} to="/listening/sources" action={t('home.dashboard.stories.emptyAction')} />
      ) : (
        <List spacing="xs" listStyleType="none" p={0}>
          {items.map((s) => (
            <List.Item key={s.clusterId}>
              <Anchor component={Link} to={`/listening/items/${s.itemId}`} size="sm" fw={500} lineClamp={2}>
                {s.headline}
              </Anchor>
              <Text size="xs" c="dimmed">
                {[t('home.dashboard.stories.items', { count: s.items, items: formatNumber(s.items, locale) }), t('home.dashboard.stories.sources', { count: s.sources, sources: formatNumber(s.sources, locale) }), t('home.dashboard.stories.first', { source: s.sourceName })].join(' · ')}
              </Text>
            </List.Item>
          ))}
        </List>
      )}
    </HomeSection>
  );
}

function ImageSection({ period }: { period: { from: string; to: string } }) {
  const { t, i18n } = useTranslation();
  const locale = toUiLocale(i18n.resolvedLanguage);
  const me = useCurrentMe();
  const image = useImage({ ...period, bucket: 'day', tz: me.user.timeZone });
  const data = image.data;
  const country = data?.country ?? null;
  const name = country ? countryLabel(country, locale) : '';
  return (
    <HomeSection id="home-image" title={country ? t('home.dashboard.image.title', { country: name }) : t('home.dashboard.image.titleNone')} to="/insights/image" linkLabel={t('home.dashboard.image.link')} error={image.error} loading={image.isPending}>
      {!data ? null : !country ? (
        <EmptyHint text={t('home.dashboard.image.noCountry')} {...(me.permissions.includes('system.manage') ? { to: '/admin/insights', action: t('home.dashboard.image.noCountryAction') } : {})} />
      ) : data.overall.toneItems === 0 ? (
        <EmptyHint text={t('home.dashboard.image.empty', { country: name })} to="/listening/sources" action={t('home.dashboard.stories.emptyAction')} />
      ) : (
        <Stack gap={4}>
          <Anchor component={Link} to="/insights/image" underline="never" display="block" aria-label={t('home.dashboard.image.open')}>
            <ImageChart
              compact
              height={64}
              points={data.points}
              bucket="day"
              timeZone={me.user.timeZone}
              locale={intlLocale(locale)}
              labels={{ tone: t('insightsImage.chart.tone'), band: t('insightsImage.chart.band'), items: t('insightsImage.chart.items') }}
              description={t('home.dashboard.image.sparkline', { country: name })}
            />
          </Anchor>
          <Text size="sm">{t('home.dashboard.image.summary', { tone: signedScore(data.overall.tone ?? 0, intlLocale(locale)), count: data.overall.toneItems, items: formatNumber(data.overall.toneItems, locale) })}</Text>
        </Stack>
      )}
    </HomeSection>
  );
}

const DAY_MS = 86_400_000;

/** Threat monitors warning now or out of their band in the last day (what `monitorsThatChanged` returns on the server), warning ones first. */
function MonitorsSection() {
  const { t, i18n } = useTranslation();
  const locale = toUiLocale(i18n.resolvedLanguage);
  const monitors = useMonitors();
  const changed = useMemo(() => {
    const since = Date.now() - DAY_MS;
    return (monitors.data?.items ?? [])
      .filter((m) => m.enabled && (m.warning !== null || (m.lastBandExitAt !== null && new Date(m.lastBandExitAt).getTime() >= since)))
      .sort((a, b) => Number(b.warning !== null) - Number(a.warning !== null));
  }, [monitors.data]);
  const warning = changed.filter((m) => m.warning !== null).length;
  return (
    <HomeSection id="home-monitors" title={t('home.dashboard.monitors.title', { count: warning })} to="/insights/monitors" linkLabel={t('home.dashboard.monitors.link')} error={monitors.error} loading={monitors.isPending}>
      {changed.length === 0 ? (
        <EmptyHint text={t('home.dashboard.monitors.empty')} to="/insights/monitors" action={t('home.dashboard.monitors.emptyAction')} />
      ) : (
        <List spacing="xs" listStyleType="none" p={0}>
          {changed.slice(0, 5).map((m) => (
            <List.Item key={m.id}>
              <Group gap="xs" wrap="nowrap">
                <Anchor component={Link} to={`/insights/monitors/${m.id}`} size="sm" fw={500}>
                  {m.labels?.[locale] ?? m.name}
                </Anchor>
                <Badge size="xs" variant="light" color={m.warning ? 'red' : 'gray'}>
                  {m.warning ? t('home.dashboard.monitors.warning') : t('home.dashboard.monitors.leftBand')}
                </Badge>
              </Group>
              {m.warning ? (
                <Text size="xs" c="dimmed">
                  <WarningText warning={m.warning} />
                </Text>
              ) : null}
            </List.Item>
          ))}
        </List>
      )}
    </HomeSection>
  );
}
