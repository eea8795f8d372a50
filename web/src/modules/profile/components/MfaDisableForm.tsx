import { Button, Group, PasswordInput, Stack, Text } from '@mantine/core';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../../ui/ErrorAlert.tsx';
import { useDisableMfa } from '../hooks/use-profile.ts';
import { notifySuccess } from '../../../lib/notify.ts';

export function MfaDisableForm({ onDone }: { onDone: () => void }) {
  const { t } = useTranslation();
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | undefined>();
  const disable = useDisableMfa();

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!password) {
      setError(t('validation.required'));
      return;
    }
    setError(undefined);
    disable.mutate(password, {
      onSuccess: () => {
        notifySuccess(t('mfa.disabled'));
        onDone();
      },
    });
  };

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="md">
        <Text size="sm">{t('mfa.disableWarning')}</Text>
        {disable.error ? <ErrorAlert error={disable.error} /> : null}
        <PasswordInput
          label={t('mfa.confirmWithPassword')}
          value={password}
          onChange={(event) => setPassword(event.currentTarget.value)}
          error={error}
          autoComplete="current-password"
          required
          data-autofocus
          visibilityToggleButtonProps={{ 'aria-label': t('common.togglePasswordVisibility') }}
        />
        <Group justify="flex-end" gap="sm">
          <Button variant="default" onClick={onDone}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" color="red" loading={disable.isPending}>
            {t('mfa.turnOff')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
