import type { AlertDto, ItemDto } from '@diplodesk/contracts';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { toUiLocale } from '../../../lib/intl.ts';
import { searchItemsByParams } from '../../listening/api/listening.api.ts';
import { fetchCluster, fetchSavedSearches } from '../../listening/live/api/live.api.ts';
import { whySentence } from '../components/AlertCard.tsx';
import { seriesFilters } from '../utils/drill-down.ts';
import { alertName } from '../utils/monitor-drill-down.ts';
import { useAlert } from './use-insights.ts';

/** How many of the items behind an alert the draft lists. */
const ITEMS = 5;

/**
 * What a response to an alert starts from: the alert, the newest items behind it (its period and
 * series, a saved search with its own filters, or the growing cluster's copies), and a draft title
 * and body that carry its context for the drafter to rewrite.
 */
export function useAlertResponseDraft(alertId: string | null) {
  const { t, i18n } = useTranslation();
  const locale = toUiLocale(i18n.resolvedLanguage);
  const alert = useAlert(alertId);
  const items = useQuery({
    queryKey: ['insights', 'alerts', 'one', alertId, 'items'],
    enabled: alert.data !== undefined,
    queryFn: async ({ signal }): Promise<ItemDto[]> => {
      const a = alert.data as AlertDto;
      // A growing cluster: its newest copies. Otherwise the items behind the series in the alert's
      // period, for a saved search with that search's own filters.
      if (a.why.clusterId) return (await fetchCluster(a.why.clusterId, null, signal)).members.slice(0, ITEMS);
      const savedQuery = a.dimension === 'saved-search' && a.key ? (await fetchSavedSearches(signal)).items.find((s) => s.id === a.key)?.query : undefined;
      return searchItemsByParams({ ...seriesFilters({ dimension: a.dimension, key: a.key, savedQuery }), from: a.from, to: a.to }, ITEMS, signal);
    },
  });
  const name = alert.data ? alertName(alert.data, locale) : null;
  const draft =
    alert.data && items.data
      ? {
          title: t('insights.respond.title', { rule: name }),
          body: [t('insights.respond.context', { sentence: whySentence(alert.data, t, locale) }), '', t('insights.respond.items'), ...items.data.map((item: ItemDto) => `- ${(item.title ?? item.text).slice(0, 160)}${item.url ? ` (${item.url})` : ''}`), '', t('insights.respond.write')].join('\n'),
        }
      : null;
  return { alert, name, items, draft };
}
