import type { SavedSearchParams } from '@diplodesk/contracts';
import { Button, Group, Stack, Switch, Text, TextInput } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { notifySuccess } from '../../../../lib/notify.ts';
import { AppModal } from '../../../../ui/AppModal.tsx';
import { ErrorAlert } from '../../../../ui/ErrorAlert.tsx';
import { useCreateSavedSearch } from '../hooks/use-live-queries.ts';

/** Names the current filters and keeps them, for the owner alone or shared with the unit's readers. */
export function SaveSearchModal({ opened, onClose, query, suggestedName }: { opened: boolean; onClose: () => void; query: SavedSearchParams; suggestedName: string }) {
  const { t } = useTranslation();
  const create = useCreateSavedSearch();
  const [name, setName] = useState('');
  const [shared, setShared] = useState(false);
  const [touched, setTouched] = useState(false);
  const value = touched ? name : suggestedName;
  const missing = value.trim() === '';

  const close = () => {
    create.reset();
    setTouched(false);
    setName('');
    setShared(false);
    onClose();
  };

  const save = () => {
    if (missing) return;
    create.mutate(
      { name: value.trim(), query, shared },
      {
        onSuccess: (saved) => {
          notifySuccess(t('listeningLive.save.saved', { name: saved.name }));
          close();
        },
      },
    );
  };

  return (
    <AppModal opened={opened} onClose={close} title={t('listeningLive.save.title')}>
      <form
        onSubmit={(event) => {
          event.preventDefault();
          save();
        }}
      >
        <Stack gap="md">
          <ErrorAlert error={create.error} />
          <TextInput
            label={t('listeningLive.save.name')}
            description={t('listeningLive.save.nameHint')}
            value={value}
            onChange={(event) => {
              setTouched(true);
              setName(event.currentTarget.value);
            }}
            maxLength={120}
            required
            error={touched && missing ? t('listeningLive.save.nameRequired') : undefined}
            data-autofocus
          />
          <Text size="xs" c="dimmed">
            {t('listeningLive.save.periodNote')}
          </Text>
          <Switch label={t('listeningLive.save.shared')} description={t('listeningLive.save.sharedHint')} checked={shared} onChange={(event) => setShared(event.currentTarget.checked)} />
          <Group justify="flex-end" gap="sm">
            <Button variant="default" onClick={close}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={create.isPending} disabled={missing}>
              {t('listeningLive.save.submit')}
            </Button>
          </Group>
        </Stack>
      </form>
    </AppModal>
  );
}
