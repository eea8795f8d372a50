import type { SavedSearchDto, SavedSearchParams } from '@diplodesk/contracts';
import { Button, Group } from '@mantine/core';
import { IconBookmark, IconBookmarks, IconBroadcast } from '@tabler/icons-react';
import { useMediaQuery } from '@mantine/hooks';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { paramsToQueryString } from '../utils/search-state.ts';
import { SavedSearchesModal } from './SavedSearchesModal.tsx';
import { SaveSearchModal } from './SaveSearchModal.tsx';

/** The search page's saved-search actions: keep these filters, open a kept search, follow these filters live. */
export function SearchToolbar({ query, suggestedName, onOpen }: { query: SavedSearchParams; suggestedName: string; onOpen: (search: SavedSearchDto) => void }) {
  const { t } = useTranslation();
  const [saving, setSaving] = useState(false);
  const [browsing, setBrowsing] = useState(false);
  const live = paramsToQueryString(query);
  // Three full-size buttons would take three lines on a phone.
  const size = useMediaQuery('(max-width: 36em)') ? 'xs' : 'sm';
  return (
    <Group gap="xs" wrap="wrap">
      <Button size={size} variant="default" leftSection={<IconBookmark size={16} aria-hidden />} onClick={() => setSaving(true)}>
        {t('listeningLive.save.open')}
      </Button>
      <Button size={size} variant="default" leftSection={<IconBookmarks size={16} aria-hidden />} onClick={() => setBrowsing(true)}>
        {t('listeningLive.saved.title')}
      </Button>
      <Button size={size} variant="default" component={Link} to={`/listening/live${live ? `?${live}` : ''}`} leftSection={<IconBroadcast size={16} aria-hidden />}>
        {t('listeningLive.openLiveCurrent')}
      </Button>
      <SaveSearchModal opened={saving} onClose={() => setSaving(false)} query={query} suggestedName={suggestedName} />
      <SavedSearchesModal
        opened={browsing}
        onClose={() => setBrowsing(false)}
        onOpen={(search) => {
          setBrowsing(false);
          onOpen(search);
        }}
      />
    </Group>
  );
}
