import type { SavedSearchDto } from '@diplodesk/contracts';
import { ActionIcon, Badge, Button, Group, Paper, Stack, Text, TextInput } from '@mantine/core';
import { IconBroadcast, IconPencil, IconTrash } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ErrorAlert } from '../../../../ui/ErrorAlert.tsx';
import { useDeleteSavedSearch, useUpdateSavedSearch } from '../hooks/use-live-queries.ts';

/** Live page address of a saved search. */
export const liveHrefFor = (id: string) => `/listening/live?saved=${encodeURIComponent(id)}`;

/** "“patroli” · 2 more filters", "All items · 1 filter": what a saved search asks, in a line. */
export function useQuerySummary() {
  const { t } = useTranslation();
  return (query: Record<string, string>) => {
    const others = Object.keys(query).filter((key) => key !== 'q' && key !== 'match').length;
    const words = query.q ? t(query.match === 'contains' ? 'listeningLive.summary.contains' : 'listeningLive.summary.words', { q: query.q }) : t('listeningLive.summary.everything');
    return others > 0 ? `${words} · ${t('listeningLive.summary.filters', { count: others })}` : words;
  };
}

type Mode = 'view' | 'rename' | 'delete';

/** One saved search: open it, open it live, and — for its owner — rename or delete it in place. */
export function SavedSearchRow({ search, onOpen }: { search: SavedSearchDto; onOpen: (search: SavedSearchDto) => void }) {
  const { t } = useTranslation();
  const summary = useQuerySummary();
  const update = useUpdateSavedSearch();
  const remove = useDeleteSavedSearch();
  const [mode, setMode] = useState<Mode>('view');
  const [name, setName] = useState(search.name);
  const headingId = `saved-search-${search.id}`;

  const rename = () => {
    if (!name.trim()) return;
    update.mutate({ id: search.id, body: { name: name.trim() } }, { onSuccess: () => setMode('view') });
  };

  return (
    <Paper component="li" withBorder p="sm" aria-labelledby={headingId} style={{ listStyle: 'none' }}>
      <Stack gap="xs">
        <ErrorAlert error={update.error ?? remove.error} />
        {mode === 'rename' ? (
          <form
            onSubmit={(event) => {
              event.preventDefault();
              rename();
            }}
          >
            <Group align="flex-end" gap="xs" wrap="wrap">
              <TextInput label={t('listeningLive.saved.newName', { name: search.name })} value={name} onChange={(e) => setName(e.currentTarget.value)} maxLength={120} required data-autofocus style={{ flex: '1 1 12rem' }} />
              <Button type="submit" size="sm" loading={update.isPending} disabled={!name.trim()}>
                {t('listeningLive.saved.saveName')}
              </Button>
              <Button size="sm" variant="default" onClick={() => setMode('view')}>
                {t('common.cancel')}
              </Button>
            </Group>
          </form>
        ) : (
          <Group justify="space-between" align="flex-start" gap="xs" wrap="wrap">
            <Stack gap={2} style={{ flex: '1 1 12rem', minWidth: 0 }}>
              <Group gap={6} wrap="wrap">
                <Text fw={600} id={headingId} style={{ overflowWrap: 'anywhere' }}>
                  {search.name}
                </Text>
                {search.shared ? (
                  <Badge size="sm" variant="light" color="teal" style={{ textTransform: 'none' }}>
                    {t('listeningLive.saved.sharedBadge')}
                  </Badge>
                ) : null}
              </Group>
              <Text size="xs" c="dimmed" style={{ overflowWrap: 'anywhere' }}>
                {summary(search.query)}
                {!search.mine && search.ownerName ? ` · ${t('listeningLive.saved.sharedBy', { name: search.ownerName })}` : ''}
              </Text>
            </Stack>
            <Group gap="xs" wrap="wrap">
              <Button size="xs" onClick={() => onOpen(search)} aria-label={t('listeningLive.saved.openNamed', { name: search.name })}>
                {t('listeningLive.saved.open')}
              </Button>
              <Button size="xs" variant="default" component={Link} to={liveHrefFor(search.id)} leftSection={<IconBroadcast size={14} aria-hidden />} aria-label={t('listeningLive.saved.openLiveNamed', { name: search.name })}>
                {t('listeningLive.saved.openLive')}
              </Button>
              {search.policies.update ? (
                <ActionIcon variant="default" size="md" onClick={() => setMode('rename')} aria-label={t('listeningLive.saved.renameNamed', { name: search.name })}>
                  <IconPencil size={16} aria-hidden />
                </ActionIcon>
              ) : null}
              {search.policies.delete ? (
                <ActionIcon variant="default" color="red" size="md" onClick={() => setMode('delete')} aria-label={t('listeningLive.saved.deleteNamed', { name: search.name })}>
                  <IconTrash size={16} aria-hidden />
                </ActionIcon>
              ) : null}
            </Group>
          </Group>
        )}
        {mode === 'delete' ? (
          <Group gap="xs" wrap="wrap" role="group" aria-label={t('listeningLive.saved.confirmDelete', { name: search.name })}>
            <Text size="sm">{t('listeningLive.saved.confirmDelete', { name: search.name })}</Text>
            <Button size="xs" color="red" loading={remove.isPending} onClick={() => remove.mutate(search.id)} data-autofocus>
              {t('listeningLive.saved.delete')}
            </Button>
            <Button size="xs" variant="default" onClick={() => setMode('view')}>
              {t('common.cancel')}
            </Button>
          </Group>
        ) : null}
      </Stack>
    </Paper>
  );
}
