import { Anchor, Button, Group, Modal, Select, Stack, Text } from '@mantine/core';
import { IconShare } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ErrorAlert } from '../../../ui/ErrorAlert.tsx';
import type { TlpLevel } from '../api/sharing.api.ts';
import { useCollections, useExportPreview, usePublishToCollection } from '../hooks/use-sharing.ts';

const tlpLevels = ['white', 'green', 'amber', 'red'] as const;

/**
 * Publishes findings (by id) to a TAXII collection as STIX 2.1: the person chooses the collection
 * and the TLP marking and sees how many records and objects go out before anything is shared. The
 * server builds the bundle from the stored findings (and the claims they matched).
 */
export function PublishFindingsModal({ findingIds, opened, onClose }: { findingIds: string[]; opened: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const collections = useCollections(opened);
  const [collectionId, setCollectionId] = useState<string | null>(null);
  const [tlp, setTlp] = useState<TlpLevel>('amber');
  const selection = { tlp, findings: findingIds.length > 0 ? { ids: findingIds } : null };
  const preview = useExportPreview(selection, opened && findingIds.length > 0);
  const publish = usePublishToCollection();
  const chosen = collections.data?.items.find((c) => c.id === collectionId) ?? null;
  const close = () => {
    publish.reset();
    onClose();
  };
  return (
    <Modal opened={opened} onClose={close} title={t('integrity.publish.title')} closeButtonProps={{ 'aria-label': t('common.close') }} size="lg">
      <Stack gap="sm">
        <Text size="sm" c="dimmed">
          {t('integrity.publish.intro')}
        </Text>
        {collections.data && collections.data.items.length === 0 ? (
          <Text size="sm">
            {t('integrity.publish.noCollections')}{' '}
            <Anchor component={Link} to="/integrity/sharing" underline="always">
              {t('integrity.publish.toSharing')}
            </Anchor>
          </Text>
        ) : null}
        <Group gap="sm" align="flex-end" wrap="wrap">
          <Select
            label={t('integrity.publish.collection')}
            data={(collections.data?.items ?? []).map((c) => ({ value: c.id, label: c.alias ? `${c.title} (${c.alias})` : c.title }))}
            value={collectionId}
            onChange={setCollectionId}
            placeholder={t('integrity.publish.chooseCollection')}
            style={{ flex: '1 1 16rem' }}
          />
          <Select label={t('integrity.sharing.tlp')} data={tlpLevels.map((level) => ({ value: level, label: t(`integrity.sharing.tlpLevels.${level}`) }))} value={tlp} onChange={(v) => v && setTlp(v as TlpLevel)} allowDeselect={false} w={200} />
        </Group>
        <Text size="sm" aria-live="polite">
          {preview.data ? t('integrity.publish.preview', { count: preview.data.findings, objects: preview.data.objects }) : null}
        </Text>
        <ErrorAlert error={preview.error ?? publish.error} />
        {publish.data && chosen ? (
          <Text size="sm" role="status">
            {t('integrity.publish.done', { collection: chosen.title, stored: publish.data.stored, present: publish.data.alreadyPresent })}
          </Text>
        ) : null}
        <Group justify="flex-end" gap="sm">
          <Button variant="default" onClick={close}>
            {publish.data ? t('common.close') : t('integrity.publish.cancel')}
          </Button>
          <Button leftSection={<IconShare size={16} aria-hidden />} disabled={!collectionId || !preview.data || preview.data.findings === 0} loading={publish.isPending} onClick={() => collectionId && publish.mutate({ collectionId, selection })}>
            {t('integrity.publish.submit')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}

