import type { ImageItem } from '@diplodesk/contracts';
import { Anchor, Group, List, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { UiLocale } from '@diplodesk/contracts';
import { formatDateTime, intlLocale } from '../../../lib/intl.ts';
import { signedScore } from '../../listening/utils/labels.ts';

/** Items that pull the index one way, each opening the item in listening. */
export function ImagePullList({ items, locale, timeZone }: { items: ImageItem[]; locale: UiLocale; timeZone: string }) {
  const { t } = useTranslation();
  if (items.length === 0) {
    return (
      <Text size="sm" c="dimmed">
        {t('insightsImage.pull.none')}
      </Text>
    );
  }
  return (
    <List spacing="xs" listStyleType="none" p={0}>
      {items.map((item) => (
        <List.Item key={item.id}>
          <Anchor component={Link} to={`/listening/items/${item.id}`} size="sm" fw={500} lineClamp={2}>
            {item.headline}
          </Anchor>
          <Group gap="xs">
            <Text size="xs" c="dimmed">
              {t('insightsImage.pull.meta', { tone: signedScore(item.tone, intlLocale(locale)), source: item.sourceName, at: formatDateTime(item.publishedAt, locale, timeZone) })}
            </Text>
          </Group>
        </List.Item>
      ))}
    </List>
  );
}
