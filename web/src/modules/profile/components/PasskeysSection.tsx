import { ActionIcon, Badge, Button, Group, PasswordInput, Stack, Table, Text, TextInput } from '@mantine/core';
import type { PasskeyDto } from '@diplodesk/contracts';
import { IconFingerprint, IconPencil, IconPlus, IconTrash } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { notifySuccess } from '../../../lib/notify.ts';
import { AppModal } from '../../../ui/AppModal.tsx';
import { ErrorAlert } from '../../../ui/ErrorAlert.tsx';
import { LoadingBlock } from '../../../ui/LoadingBlock.tsx';
import { NotSet } from '../../../ui/NotSet.tsx';
import { addPasskey, listPasskeys, passkeysQueryKey, removePasskey, renamePasskey } from '../../session/api/passkeys.api.ts';
import { useFormatters } from '../../session/hooks/use-formatters.ts';
import { meQueryKey } from '../../session/api/session.api.ts';

type Dialog = { kind: 'add' } | { kind: 'rename'; passkey: PasskeyDto } | { kind: 'remove'; passkey: PasskeyDto } | null;

/** Profile → Passkeys: add (named), rename and remove (with the password) one's own passkeys. */
export function PasskeysSection() {
  const { t } = useTranslation();
  const format = useFormatters();
  const queryClient = useQueryClient();
  const passkeys = useQuery({ queryKey: passkeysQueryKey, queryFn: ({ signal }) => listPasskeys(signal) });
  const [dialog, setDialog] = useState<Dialog>(null);
  const [text, setText] = useState('');
  const close = () => setDialog(null);
  // `me` too: a first passkey may meet the MFA policy (and changes what the user page shows).
  const refresh = () => Promise.all([queryClient.invalidateQueries({ queryKey: passkeysQueryKey }), queryClient.invalidateQueries({ queryKey: meQueryKey })]);
  const open = (next: Dialog, initial = '') => {
    save.reset();
    setText(initial);
    setDialog(next);
  };

  const save = useMutation({
    mutationFn: async () => {
      if (dialog?.kind === 'add') return addPasskey(text.trim());
      if (dialog?.kind === 'rename') return renamePasskey(dialog.passkey.id, text.trim());
      if (dialog?.kind === 'remove') return removePasskey(dialog.passkey.id, text);
    },
    onSuccess: async () => {
      notifySuccess(t(dialog?.kind === 'add' ? 'security.passkeys.added' : dialog?.kind === 'remove' ? 'security.passkeys.removed' : 'security.passkeys.renamed'));
      close();
      await refresh();
    },
  });

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (text.trim()) save.mutate();
  };

  let body: ReactNode;
  if (passkeys.isPending) body = <LoadingBlock minHeight={80} />;
  else if (passkeys.error) body = <ErrorAlert error={passkeys.error} onRetry={() => void passkeys.refetch()} />;
  else if (passkeys.data.items.length === 0) {
    body = (
      <Group gap="sm" c="dimmed">
        <IconFingerprint size={18} aria-hidden />
        <Text size="sm">{t('security.passkeys.empty')}</Text>
      </Group>
    );
  } else {
    body = (
      <Table.ScrollContainer minWidth={560}>
        <Table>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t('security.passkeys.name')}</Table.Th>
              <Table.Th scope="col">{t('security.passkeys.created')}</Table.Th>
              <Table.Th scope="col">{t('security.passkeys.lastUsed')}</Table.Th>
              <Table.Th scope="col">{t('common.actions')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {passkeys.data.items.map((k) => (
              <Table.Tr key={k.id}>
                <Table.Th scope="row" fw={600}>
                  <Group gap="xs">
                    {k.name}
                    {k.backedUp ? (
                      <Badge variant="light" radius="sm" color="gray">
                        {t('security.passkeys.synced')}
                      </Badge>
                    ) : null}
                  </Group>
                </Table.Th>
                <Table.Td>{format.dateTime(k.createdAt)}</Table.Td>
                <Table.Td>{k.lastUsedAt ? format.dateTime(k.lastUsedAt) : <NotSet />}</Table.Td>
                <Table.Td>
                  <Group gap={4} wrap="nowrap">
                    <ActionIcon variant="subtle" aria-label={t('security.passkeys.renameLabel', { name: k.name })} onClick={() => open({ kind: 'rename', passkey: k }, k.name)}>
                      <IconPencil size={18} aria-hidden />
                    </ActionIcon>
                    <ActionIcon variant="subtle" color="red" aria-label={t('security.passkeys.removeLabel', { name: k.name })} onClick={() => open({ kind: 'remove', passkey: k })}>
                      <IconTrash size={18} aria-hidden />
                    </ActionIcon>
                  </Group>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    );
  }

  const title = dialog?.kind === 'add' ? t('security.passkeys.add') : dialog?.kind === 'rename' ? t('security.passkeys.rename') : t('security.passkeys.remove');
  return (
    <Stack gap="md">
      {body}
      <Group>
        <Button leftSection={<IconPlus size={18} aria-hidden />} onClick={() => open({ kind: 'add' }, t('security.passkeys.defaultName'))}>
          {t('security.passkeys.add')}
        </Button>
      </Group>
      <AppModal opened={dialog !== null} onClose={close} title={title}>
        <form onSubmit={submit} noValidate>
          <Stack gap="md">
            {save.error && !(save.error instanceof Error && save.error.name === 'NotAllowedError') ? <ErrorAlert error={save.error} /> : null}
            {dialog?.kind === 'remove' ? (
              <>
                <Text size="sm">{t('security.passkeys.removeWarning', { name: dialog.passkey.name })}</Text>
                <PasswordInput
                  label={t('mfa.confirmWithPassword')}
                  value={text}
                  onChange={(event) => setText(event.currentTarget.value)}
                  autoComplete="current-password"
                  data-autofocus
                  visibilityToggleButtonProps={{ 'aria-label': t('common.togglePasswordVisibility') }}
                />
              </>
            ) : (
              <TextInput
                label={t('security.passkeys.name')}
                description={dialog?.kind === 'add' ? t('security.passkeys.addHelp') : undefined}
                value={text}
                onChange={(event) => setText(event.currentTarget.value)}
                maxLength={80}
                data-autofocus
              />
            )}
            <Group justify="flex-end" gap="sm">
              <Button variant="default" onClick={close}>
                {t('common.cancel')}
              </Button>
              <Button type="submit" color={dialog?.kind === 'remove' ? 'red' : undefined} loading={save.isPending} disabled={!text.trim()}>
                {dialog?.kind === 'add' ? t('security.passkeys.create') : dialog?.kind === 'remove' ? t('security.passkeys.remove') : t('common.saveChanges')}
              </Button>
            </Group>
          </Stack>
        </form>
      </AppModal>
    </Stack>
  );
}
