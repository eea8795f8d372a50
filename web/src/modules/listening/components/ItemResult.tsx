import { type ItemDto, stripBidiControls } from '@diplodesk/contracts';
import { Anchor, Group, Paper, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { formatDateTime, toUiLocale } from '../../../lib/intl.ts';
import { IsolatedText } from '../../../ui/IsolatedText.tsx';
import { bodyUnderTitle } from '../utils/item-text.ts';
import { ItemMeta } from './ItemMeta.tsx';
import { ToneBadge } from './ToneBadge.tsx';

/** The author's name or handle, without bidi controls (a name never needs one; a spoof does). */
export function authorLabel(item: ItemDto): string | null {
  const a = item.author;
  if (!a) return null;
  const label = a.name ?? a.handle ?? a.id ?? null;
  return label === null ? null : stripBidiControls(label);
}

/** One search hit: an excerpt in the text's own direction, where it came from, and its analysis. */
export function ItemResult({ item, sourceName, timeZone }: { item: ItemDto; sourceName: string; timeZone: string }) {
  const { i18n } = useTranslation();
  const locale = toUiLocale(i18n.resolvedLanguage);
  const body = bodyUnderTitle(item);
  const excerpt = body.length > 320 ? `${body.slice(0, 320)}…` : body;
  const author = authorLabel(item);
  return (
    <Paper component="article" p="md" withBorder>
      <Stack gap={6}>
        {/* A post without a headline is its own link; an article shows its headline, then its text. */}
        <Anchor component={Link} to={`/listening/items/${item.id}`} fw={item.title ? 600 : 500} dir="auto" lang={item.language} style={{ overflowWrap: 'anywhere' }}>
          <IsolatedText text={item.title ?? excerpt} />
        </Anchor>
        {item.title && excerpt !== '' ? (
          <Text size="sm" dir="auto" lang={item.language} style={{ overflowWrap: 'anywhere' }}>
            <IsolatedText text={excerpt} />
          </Text>
        ) : null}
        <Group gap="xs" wrap="wrap">
          <Text size="xs" c="dimmed">
            {sourceName}
            {author ? (
              <>
                {' · '}
                <bdi>{author}</bdi>
              </>
            ) : null}{' '}
            ·{' '}
            <time dateTime={item.publishedAt}>{formatDateTime(item.publishedAt, locale, timeZone)}</time>
          </Text>
          <ToneBadge score={item.sentiment} />
        </Group>
        <ItemMeta item={item} />
      </Stack>
    </Paper>
  );
}
