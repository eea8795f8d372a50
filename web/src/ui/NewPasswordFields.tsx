import { PasswordInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { minimumPasswordLength } from '../lib/validation.ts';

export interface NewPasswordFieldsProps {
  password: string;
  confirmation: string;
  onPasswordChange: (value: string) => void;
  onConfirmationChange: (value: string) => void;
  errors: { password?: string | undefined; confirmation?: string | undefined };
  labels: { password: string; confirmation: string };
}

/** A new password and its repetition, with the length rule shown and browser hints for password managers. */
export function NewPasswordFields({ password, confirmation, onPasswordChange, onConfirmationChange, errors, labels }: NewPasswordFieldsProps) {
  const { t } = useTranslation();
  const toggle = { 'aria-label': t('common.togglePasswordVisibility') };
  return (
    <>
      <PasswordInput
        label={labels.password}
        description={t('validation.passwordLength', { min: minimumPasswordLength })}
        value={password}
        onChange={(event) => onPasswordChange(event.currentTarget.value)}
        error={errors.password}
        autoComplete="new-password"
        required
        visibilityToggleButtonProps={toggle}
      />
      <PasswordInput
        label={labels.confirmation}
        value={confirmation}
        onChange={(event) => onConfirmationChange(event.currentTarget.value)}
        error={errors.confirmation}
        autoComplete="new-password"
        required
        visibilityToggleButtonProps={toggle}
      />
    </>
  );
}
