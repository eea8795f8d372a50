import { Anchor, Group, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useSuggestions } from '../hooks/use-live-queries.ts';
import type { MatchMode } from '../utils/search-state.ts';

const isShort = (q: string) => {
  const words = q.trim().split(/\s+/).filter(Boolean);
  return words.length >= 1 && words.length <= 2;
};

/** When a word search finds nothing: close spellings to try, and searching for parts of words instead. */
export function DidYouMean({ q, match, onPick, onContains }: { q: string; match: MatchMode; onPick: (q: string) => void; onContains: () => void }) {
  const { t } = useTranslation();
  const enabled = match === 'words' && isShort(q);
  const suggestions = useSuggestions(q, enabled);
  if (match !== 'words' || q === '') return null;
  const list = enabled ? (suggestions.data?.suggestions ?? []) : [];
  return (
    <Stack gap={6} mt="sm">
      {list.length > 0 ? (
        <Group gap={6} wrap="wrap">
          <Text size="sm" fw={600}>
            {t('listeningLive.didYouMean')}
          </Text>
          {list.map((s) => (
            <Anchor key={s} component="button" type="button" size="sm" onClick={() => onPick(s)} aria-label={t('listeningLive.searchFor', { q: s })}>
              {s}
            </Anchor>
          ))}
        </Group>
      ) : null}
      <Text size="sm">
        <Anchor component="button" type="button" size="sm" onClick={onContains}>
          {t('listeningLive.tryContains', { q })}
        </Anchor>
      </Text>
    </Stack>
  );
}
