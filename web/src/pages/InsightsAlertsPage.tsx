import { Anchor, SegmentedControl, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { usePageTitle } from '../lib/use-page-title.ts';
import { AlertCard } from '../modules/insights/components/AlertCard.tsx';
import { InsightsNav } from '../modules/insights/components/InsightsNav.tsx';
import { useAcknowledgeAlert, useAlerts } from '../modules/insights/hooks/use-insights.ts';
import { useSavedSearchesById } from '../modules/insights/hooks/use-saved-searches.ts';
import { useSeriesLabel } from '../modules/insights/hooks/use-series-label.ts';
import { useCurrentMe } from '../modules/session/hooks/use-me.ts';
import { ErrorAlert } from '../ui/ErrorAlert.tsx';
import { ForbiddenNotice } from '../ui/ForbiddenNotice.tsx';
import { LoadingBlock } from '../ui/LoadingBlock.tsx';
import { PageHeader } from '../ui/PageHeader.tsx';

/** The alerts inbox: what fired, why, and the items behind it; open ones first to hand. */
export function InsightsAlertsPage() {
  const { t } = useTranslation();
  const me = useCurrentMe();
  const canRead = me.permissions.includes('insight.read');
  usePageTitle(t('insights.alerts.title'));
  const [params, setParams] = useSearchParams();
  const state = params.get('state') === 'open' ? 'open' : 'all';
  const alerts = useAlerts(state, canRead);
  const acknowledge = useAcknowledgeAlert();
  const seriesLabel = useSeriesLabel(['topic', 'country', 'language', 'source', 'saved-search']);
  const savedSearches = useSavedSearchesById(me.permissions.includes('listening.read'));
  if (!canRead) return <ForbiddenNotice />;
  const items = alerts.data?.items ?? [];
  return (
    <Stack gap="lg">
      <PageHeader mb={0} title={t('insights.alerts.title')} description={t('insights.alerts.intro')} />
      <InsightsNav active="alerts" />
      <SegmentedControl
        aria-label={t('insights.alerts.show')}
        value={state}
        onChange={(v) => setParams(v === 'open' ? { state: 'open' } : {}, { replace: true })}
        data={[
          { value: 'all', label: t('insights.alerts.showAll') },
          { value: 'open', label: t('insights.alerts.showOpen', { count: alerts.data?.open ?? 0 }) },
        ]}
        style={{ alignSelf: 'flex-start' }}
      />
      <ErrorAlert error={alerts.error ?? acknowledge.error} />
      {alerts.isPending ? <LoadingBlock /> : null}
      {alerts.data && items.length === 0 ? (
        <Text size="sm" c="dimmed">
          {state === 'open' ? t('insights.alerts.noneOpen') : t('insights.alerts.none')}{' '}
          <Anchor component={Link} to="/insights/rules">
            {t('insights.alerts.toRules')}
          </Anchor>
        </Text>
      ) : null}
      <Stack gap="sm">
        {items.map((alert) => (
          <AlertCard key={alert.id} alert={alert} watched={alert.monitorId ? t('insightsMonitors.alertSource') : seriesLabel(alert.dimension, alert.key)} savedQuery={alert.dimension === 'saved-search' && alert.key ? savedSearches.get(alert.key)?.query : undefined} timeZone={me.user.timeZone} canRespond={me.permissions.includes('statement.draft')} onAcknowledge={() => acknowledge.mutate(alert.id)} acknowledging={acknowledge.isPending && acknowledge.variables === alert.id} />
        ))}
      </Stack>
    </Stack>
  );
}
