import type { UserDto } from '@diplodesk/contracts';
import { Button, Group, Stack, Switch, TextInput } from '@mantine/core';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../../ui/ErrorAlert.tsx';
import type { UpdateUserRequest } from '../api/users.api.ts';
import { useUpdateUser } from '../hooks/use-users.ts';
import { notifySuccess } from '../../../lib/notify.ts';

export function UserDetailsForm({ user }: { user: UserDto }) {
  const { t } = useTranslation();
  const [displayName, setDisplayName] = useState(user.displayName);
  const [isActive, setIsActive] = useState(user.isActive);
  const [nameError, setNameError] = useState<string | undefined>();
  const updateUser = useUpdateUser(user.id);
  const canEdit = user.policies.update === true;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const name = displayName.trim();
    if (!name) {
      setNameError(t('validation.required'));
      return;
    }
    setNameError(undefined);
    const body: UpdateUserRequest = {};
    if (name !== user.displayName) body.displayName = name;
    if (isActive !== user.isActive) body.isActive = isActive;
    if (Object.keys(body).length === 0) return;
    updateUser.mutate(body, {
      onSuccess: () => notifySuccess(t('common.saved')),
    });
  };

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="md">
        <ErrorAlert error={updateUser.error} />
        <TextInput
          label={t('users.fields.name')}
          value={displayName}
          onChange={(event) => setDisplayName(event.currentTarget.value)}
          error={nameError}
          readOnly={!canEdit}
          required
          maxLength={120}
        />
        <Switch
          label={t('users.fields.active')}
          description={t('users.activeHelp')}
          checked={isActive}
          onChange={(event) => setIsActive(event.currentTarget.checked)}
          disabled={!canEdit}
        />
        {canEdit ? (
          <Group justify="flex-end">
            <Button type="submit" loading={updateUser.isPending}>
              {t('common.saveChanges')}
            </Button>
          </Group>
        ) : null}
      </Stack>
    </form>
  );
}
