import { Button, Checkbox, Group, PasswordInput, Stack } from '@mantine/core';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../../lib/api-client.ts';
import { isStrongEnoughPassword, minimumPasswordLength } from '../../../lib/validation.ts';
import { ErrorAlert } from '../../../ui/ErrorAlert.tsx';
import { NewPasswordFields } from '../../../ui/NewPasswordFields.tsx';
import { useChangePassword } from '../hooks/use-profile.ts';
import { notifySuccess } from '../../../lib/notify.ts';

interface Errors {
  current?: string;
  next?: string;
  confirmation?: string;
}

export function ChangePasswordForm({ onChanged }: { onChanged?: () => void } = {}) {
  const { t } = useTranslation();
  const [revokeTokens, setRevokeTokens] = useState(true);
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [confirmation, setConfirmation] = useState('');
  const [errors, setErrors] = useState<Errors>({});
  const changePassword = useChangePassword();

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const found: Errors = {};
    if (!current) found.current = t('validation.required');
    if (!isStrongEnoughPassword(next)) found.next = t('validation.passwordLength', { min: minimumPasswordLength });
    if (confirmation !== next) found.confirmation = t('validation.passwordMismatch');
    setErrors(found);
    if (Object.keys(found).length > 0) return;
    changePassword.mutate(
      { currentPassword: current, newPassword: next, revokeTokens },
      {
        onSuccess: () => {
          setCurrent('');
          setNext('');
          setConfirmation('');
          notifySuccess(t('profile.passwordChanged'));
          onChanged?.();
        },
        onError: (error) => {
          if (isApiError(error) && error.code === 'auth.invalid-credentials') {
            setErrors({ current: t('profile.currentPasswordWrong') });
          }
        },
      },
    );
  };

  const showAlert = changePassword.error && !(isApiError(changePassword.error) && changePassword.error.code === 'auth.invalid-credentials');
  const toggle = { 'aria-label': t('common.togglePasswordVisibility') };

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="md">
        {showAlert ? <ErrorAlert error={changePassword.error} /> : null}
        <Stack gap="md" maw={420}>
          <PasswordInput
            label={t('profile.fields.currentPassword')}
            value={current}
            onChange={(event) => setCurrent(event.currentTarget.value)}
            error={errors.current}
            autoComplete="current-password"
            required
            visibilityToggleButtonProps={toggle}
          />
          <NewPasswordFields
            password={next}
            confirmation={confirmation}
            onPasswordChange={setNext}
            onConfirmationChange={setConfirmation}
            errors={{ password: errors.next, confirmation: errors.confirmation }}
            labels={{ password: t('profile.fields.newPassword'), confirmation: t('profile.fields.confirmPassword') }}
          />
          <Checkbox
            label={t('profile.revokeTokens')}
            description={t('profile.revokeTokensHelp')}
            checked={revokeTokens}
            onChange={(event) => setRevokeTokens(event.currentTarget.checked)}
          />
        </Stack>
        <Group>
          <Button type="submit" loading={changePassword.isPending}>
            {t('profile.changePassword')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
