import { Button, Group, PasswordInput, Stack } from '@mantine/core';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isStrongEnoughPassword, minimumPasswordLength } from '../../../lib/validation.ts';
import { ErrorAlert } from '../../../ui/ErrorAlert.tsx';
import { useSetUserPassword } from '../hooks/use-users.ts';
import { notifySuccess } from '../../../lib/notify.ts';

export function SetPasswordForm({ userId }: { userId: string }) {
  const { t } = useTranslation();
  const [password, setPassword] = useState('');
  const [confirmation, setConfirmation] = useState('');
  const [errors, setErrors] = useState<{ password?: string; confirmation?: string }>({});
  const setUserPassword = useSetUserPassword(userId);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const next: typeof errors = {};
    if (!isStrongEnoughPassword(password)) next.password = t('validation.passwordLength', { min: minimumPasswordLength });
    if (confirmation !== password) next.confirmation = t('validation.passwordMismatch');
    setErrors(next);
    if (Object.keys(next).length > 0) return;
    setUserPassword.mutate(password, {
      onSuccess: () => {
        setPassword('');
        setConfirmation('');
        notifySuccess(t('users.passwordSet'));
      },
    });
  };

  const toggle = { 'aria-label': t('common.togglePasswordVisibility') };
  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="md" maw={420}>
        <ErrorAlert error={setUserPassword.error} />
        <PasswordInput
          label={t('users.fields.newPassword')}
          description={t('validation.passwordLength', { min: minimumPasswordLength })}
          value={password}
          onChange={(event) => setPassword(event.currentTarget.value)}
          error={errors.password}
          autoComplete="new-password"
          required
          visibilityToggleButtonProps={toggle}
        />
        <PasswordInput
          label={t('users.fields.confirmPassword')}
          value={confirmation}
          onChange={(event) => setConfirmation(event.currentTarget.value)}
          error={errors.confirmation}
          autoComplete="new-password"
          required
          visibilityToggleButtonProps={toggle}
        />
        <Group>
          <Button type="submit" loading={setUserPassword.isPending}>
            {t('users.setPassword')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
