import type { TrendDimension } from '@diplodesk/contracts';
import { useCallback, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { toUiLocale } from '../../../lib/intl.ts';
import { useSources } from '../../listening/hooks/use-listening.ts';
import { countryLabel, flagEmoji, topicLabel } from '../../listening/utils/labels.ts';
import { languageName } from '../../statements/utils/languages.ts';
import { useSavedSearchesById } from './use-saved-searches.ts';

/** A series key of a dimension as a person reads it: a topic's name, a country, a language, a source, a saved search's name. */
export function useSeriesLabel(dimensions: readonly TrendDimension[]): (dimension: TrendDimension, key: string | null) => string {
  const { t, i18n } = useTranslation();
  const locale = toUiLocale(i18n.resolvedLanguage);
  const sources = useSources(dimensions.includes('source'));
  const sourceNames = useMemo(() => new Map((sources.data?.items ?? []).map((s) => [s.id, s.name])), [sources.data]);
  const savedSearches = useSavedSearchesById(dimensions.includes('saved-search'));
  return useCallback(
    (dimension: TrendDimension, key: string | null): string => {
      if (dimension === 'all' || key === null || key === '') return t('insights.trends.allItems');
      if (key === 'others') return t('insights.trends.others');
      if (dimension === 'topic') return topicLabel(key, t);
      if (dimension === 'country') return `${flagEmoji(key)} ${countryLabel(key, locale)}`.trim();
      if (dimension === 'language') return key === 'und' ? t('insights.trends.undetermined') : languageName(key, locale);
      if (dimension === 'saved-search') return savedSearches.get(key)?.name ?? t('insightsAlerts.trends.deletedSavedSearch');
      return sourceNames.get(key) ?? t('insights.trends.unknownSource');
    },
    [t, locale, sourceNames, savedSearches],
  );
}
