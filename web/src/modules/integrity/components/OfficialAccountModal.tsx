import { Button, Group, Select, Stack, TextInput } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { AppModal } from '../../../ui/AppModal.tsx';
import { ErrorAlert } from '../../../ui/ErrorAlert.tsx';
import type { OfficialAccount } from '../api/integrity.api.ts';
import { useSaveOfficialAccount } from '../hooks/use-integrity.ts';

const orNull = (text: string) => (text.trim() === '' ? null : text.trim());

/** Adds an official account to the registry, or changes one (its unit and platform stay). */
export function OfficialAccountModal({ account, unitOptions, platforms, onClose }: { account: OfficialAccount | null; unitOptions: { value: string; label: string }[]; platforms: string[]; onClose: () => void }) {
  const { t } = useTranslation();
  const save = useSaveOfficialAccount();
  const [unitId, setUnitId] = useState<string | null>(account?.unitId ?? unitOptions[0]?.value ?? null);
  const [platform, setPlatform] = useState(account?.platform ?? '');
  const [handle, setHandle] = useState(account?.handle ?? '');
  const [displayName, setDisplayName] = useState(account?.displayName ?? '');
  const [remoteAccountId, setRemoteAccountId] = useState(account?.remoteAccountId ?? '');
  const [tried, setTried] = useState(false);
  const editing = account !== null;
  const required = t('integrity.officialAccounts.required');

  const submit = () => {
    setTried(true);
    if (!unitId || platform.trim() === '' || handle.trim() === '') return;
    save.mutate(
      { id: account?.id ?? null, body: { unitId, platform: platform.trim().toLowerCase(), handle: handle.trim(), displayName: orNull(displayName), remoteAccountId: orNull(remoteAccountId) } },
      { onSuccess: onClose },
    );
  };

  return (
    <AppModal opened onClose={onClose} title={editing ? t('integrity.officialAccounts.editTitle', { handle: account.handle }) : t('integrity.officialAccounts.addTitle')}>
      <form
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          submit();
        }}
      >
        <Stack gap="sm">
          <ErrorAlert error={save.error} />
          {!editing && unitOptions.length > 1 ? <Select label={t('integrity.officialAccounts.unit')} data={unitOptions} value={unitId} onChange={setUnitId} allowDeselect={false} required /> : null}
          <TextInput
            label={t('integrity.officialAccounts.platform')}
            description={t('integrity.officialAccounts.platformHint', { known: platforms.join(', ') })}
            value={platform}
            onChange={(e) => setPlatform(e.currentTarget.value)}
            disabled={editing}
            required
            error={tried && platform.trim() === '' ? required : undefined}
          />
          <TextInput label={t('integrity.officialAccounts.handle')} value={handle} onChange={(e) => setHandle(e.currentTarget.value)} required error={tried && handle.trim() === '' ? required : undefined} data-autofocus />
          <TextInput label={t('integrity.officialAccounts.displayName')} value={displayName} onChange={(e) => setDisplayName(e.currentTarget.value)} />
          <TextInput label={t('integrity.officialAccounts.remoteAccountId')} value={remoteAccountId} onChange={(e) => setRemoteAccountId(e.currentTarget.value)} />
          <Group justify="flex-end" gap="sm">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={save.isPending}>
              {editing ? t('integrity.officialAccounts.save') : t('integrity.officialAccounts.add')}
            </Button>
          </Group>
        </Stack>
      </form>
    </AppModal>
  );
}
