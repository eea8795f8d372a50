import type { SavedSearchDto } from '@diplodesk/contracts';
import { Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { AppModal } from '../../../../ui/AppModal.tsx';
import { ErrorAlert } from '../../../../ui/ErrorAlert.tsx';
import { LoadingBlock } from '../../../../ui/LoadingBlock.tsx';
import { useSavedSearches } from '../hooks/use-live-queries.ts';
import { SavedSearchRow } from './SavedSearchRow.tsx';

/** The saved searches a person may use: their own, then those colleagues shared. */
export function SavedSearchesModal({ opened, onClose, onOpen }: { opened: boolean; onClose: () => void; onOpen: (search: SavedSearchDto) => void }) {
  const { t } = useTranslation();
  const saved = useSavedSearches(opened);
  const items = saved.data?.items ?? [];
  const groups = [
    { key: 'mine', title: t('listeningLive.saved.mine'), empty: t('listeningLive.saved.noneMine'), items: items.filter((s) => s.mine) },
    { key: 'shared', title: t('listeningLive.saved.sharedWithMe'), empty: t('listeningLive.saved.noneShared'), items: items.filter((s) => !s.mine) },
  ];
  return (
    <AppModal opened={opened} onClose={onClose} title={t('listeningLive.saved.title')} size="lg">
      {saved.isPending ? <LoadingBlock /> : null}
      <ErrorAlert error={saved.error} onRetry={() => void saved.refetch()} />
      {saved.data ? (
        <Stack gap="lg">
          {groups.map((group) => (
            <section key={group.key} aria-labelledby={`saved-${group.key}`}>
              <Title order={3} size="h5" id={`saved-${group.key}`} mb="xs">
                {group.title}
              </Title>
              {group.items.length === 0 ? (
                <Text size="sm" c="dimmed">
                  {group.empty}
                </Text>
              ) : (
                <Stack component="ul" gap="xs" p={0} m={0}>
                  {group.items.map((search) => (
                    <SavedSearchRow key={search.id} search={search} onOpen={onOpen} />
                  ))}
                </Stack>
              )}
            </section>
          ))}
        </Stack>
      ) : null}
    </AppModal>
  );
}
