import { Button, Group, Stack } from '@mantine/core';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isStrongEnoughPassword, minimumPasswordLength } from '../../../lib/validation.ts';
import { ErrorAlert } from '../../../ui/ErrorAlert.tsx';
import { NewPasswordFields } from '../../../ui/NewPasswordFields.tsx';
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

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="md" maw={420}>
        <ErrorAlert error={setUserPassword.error} />
        <NewPasswordFields
          password={password}
          confirmation={confirmation}
          onPasswordChange={setPassword}
          onConfirmationChange={setConfirmation}
          errors={errors}
          labels={{ password: t('users.fields.newPassword'), confirmation: t('users.fields.confirmPassword') }}
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
