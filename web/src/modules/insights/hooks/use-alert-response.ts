import type { AlertDto, ItemDto } from '@diplodesk/contracts';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { toUiLocale } from '../../../lib/intl.ts';
import { searchItems } from '../../listening/api/listening.api.ts';
import { whySentence } from '../components/AlertCard.tsx';
import { searchFilterOf } from '../utils/drill-down.ts';
import { alertName } from '../utils/monitor-drill-down.ts';
import { useAlert } from './use-insights.ts';


/**
 * What a response to an alert starts from: the alert, the newest items behind it (its period and
 * key), and a draft title and body that carry its context for the drafter to rewrite.
 */
export function useAlertResponseDraft(alertId: string | null) {
  const { t, i18n } = useTranslation();
  const locale = toUiLocale(i18n.resolvedLanguage);
  const alert = useAlert(alertId);
  const items = useQuery({
    queryKey: ['insights', 'alerts', 'one', alertId, 'items'],
    enabled: alert.data !== undefined,
    queryFn: async ({ signal }) => {
      const a = alert.data as AlertDto;
      // A saved search's or a cluster's items are not one filter of this search: the draft then starts from the period's items.
      const key = a.dimension !== 'all' && a.dimension !== 'saved-search' && a.key ? { [searchFilterOf[a.dimension]]: [a.key] } : {};
      return (await searchItems({ from: a.from, to: a.to, ...key }, null, signal)).items.slice(0, 5);
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
