import type { ItemDto } from '@diplodesk/contracts';
import { Badge, Group, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { toUiLocale } from '../../../lib/intl.ts';
import { languageName } from '../../statements/utils/languages.ts';
import { countryLabel, flagEmoji, topicLabel } from '../utils/labels.ts';

/** Language, countries and topics of an item as small labelled badges. */
export function ItemMeta({ item, withScores = false }: { item: ItemDto; withScores?: boolean }) {
  const { t, i18n } = useTranslation();
  const locale = toUiLocale(i18n.resolvedLanguage);
  return (
    <Group gap={6} wrap="wrap">
      <Badge variant="outline" color="gray" size="sm" style={{ textTransform: 'none' }}>
        {t('listening.item.language')}: {languageName(item.language, i18n.language)}
      </Badge>
      {item.countries.map((code) => (
        <Badge key={code} variant="light" color="blue" size="sm" style={{ textTransform: 'none' }}>
          <span aria-hidden>{flagEmoji(code)} </span>
          {countryLabel(code, locale)}
        </Badge>
      ))}
      {item.topics.map((topic) => (
        <Badge key={topic.id} variant="light" color="grape" size="sm" style={{ textTransform: 'none' }}>
          {topicLabel(topic.id, t)}
          {withScores ? ` · ${new Intl.NumberFormat(i18n.language, { maximumFractionDigits: 2 }).format(topic.score)}` : ''}
        </Badge>
      ))}
      {item.countries.length === 0 && item.topics.length === 0 ? (
        <Text size="xs" c="dimmed">
          {t('listening.item.noCountriesTopics')}
        </Text>
      ) : null}
    </Group>
  );
}
