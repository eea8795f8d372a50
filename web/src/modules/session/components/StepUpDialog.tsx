import { Button, Divider, PasswordInput, Stack, Text, TextInput } from '@mantine/core';
import { IconFingerprint } from '@tabler/icons-react';
import { useMutation } from '@tanstack/react-query';
import { type FormEvent, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { setStepUpHandler } from '../../../lib/api-client.ts';
import { isSixDigitCode } from '../../../lib/validation.ts';
import { AppModal } from '../../../ui/AppModal.tsx';
import { ErrorAlert } from '../../../ui/ErrorAlert.tsx';
import { stepUp } from '../api/passkeys.api.ts';

type Factor = 'totp' | 'passkey' | 'password';

function factorsFrom(details: unknown): Factor[] {
  const list = details && typeof details === 'object' && 'factors' in details ? (details as { factors: unknown }).factors : null;
  return Array.isArray(list) ? list.filter((f): f is Factor => f === 'totp' || f === 'passkey' || f === 'password') : ['password'];
}

/**
 * Mounted once: when any action answers `auth.step-up-required`, asks for a fresh factor (a TOTP
 * code, a passkey, or the password for an account without a second factor), then lets the
 * action be sent again.
 */
export function StepUpDialog() {
  const { t } = useTranslation();
  const [factors, setFactors] = useState<Factor[] | null>(null);
  const [code, setCode] = useState('');
  const [password, setPassword] = useState('');
  const [fieldError, setFieldError] = useState<string | undefined>();
  const settle = useRef<((ok: boolean) => void) | null>(null);

  useEffect(() => {
    setStepUpHandler(
      (details) =>
        new Promise<boolean>((resolve) => {
          settle.current?.(false);
          settle.current = resolve;
          setCode('');
          setPassword('');
          setFieldError(undefined);
          setFactors(factorsFrom(details));
        }),
    );
    return () => setStepUpHandler(null);
  }, []);

  const finish = (ok: boolean) => {
    settle.current?.(ok);
    settle.current = null;
    setFactors(null);
  };

  const confirm = useMutation({ mutationFn: stepUp, onSuccess: () => finish(true) });

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (factors?.includes('totp')) {
      const trimmed = code.replace(/\s/g, '');
      if (!isSixDigitCode(trimmed)) return setFieldError(t('validation.totp'));
      confirm.mutate({ method: 'totp', code: trimmed });
    } else if (factors?.includes('password')) {
      if (!password) return setFieldError(t('validation.required'));
      confirm.mutate({ method: 'password', password });
    }
    setFieldError(undefined);
  };

  const hasForm = factors?.includes('totp') || factors?.includes('password');
  return (
    <AppModal opened={factors !== null} onClose={() => finish(false)} title={t('security.stepUp.title')} closeOnClickOutside={false} zIndex={400}>
      {/* Above the dialog of the action that asked for it (a confirmation is often still open). */}
      <form onSubmit={submit} noValidate>
        <Stack gap="md">
          <Text size="sm">{t('security.stepUp.intro')}</Text>
          {confirm.error ? <ErrorAlert error={confirm.error} /> : null}
          {factors?.includes('totp') ? (
            <TextInput
              label={t('login.code')}
              value={code}
              onChange={(event) => setCode(event.currentTarget.value)}
              error={fieldError}
              inputMode="numeric"
              autoComplete="one-time-code"
              maxLength={7}
              data-autofocus
            />
          ) : factors?.includes('password') ? (
            <PasswordInput
              label={t('security.stepUp.password')}
              description={t('security.stepUp.passwordHelp')}
              value={password}
              onChange={(event) => setPassword(event.currentTarget.value)}
              error={fieldError}
              autoComplete="current-password"
              data-autofocus
              visibilityToggleButtonProps={{ 'aria-label': t('common.togglePasswordVisibility') }}
            />
          ) : null}
          {hasForm ? (
            <Button type="submit" loading={confirm.isPending && confirm.variables?.method !== 'passkey'}>
              {t('security.stepUp.confirm')}
            </Button>
          ) : null}
          {factors?.includes('passkey') ? (
            <>
              {hasForm ? <Divider label={t('security.or')} /> : null}
              <Button
                variant={hasForm ? 'default' : 'filled'}
                leftSection={<IconFingerprint size={18} aria-hidden />}
                loading={confirm.isPending && confirm.variables?.method === 'passkey'}
                onClick={() => confirm.mutate({ method: 'passkey' })}
              >
                {t('security.usePasskey')}
              </Button>
            </>
          ) : null}
          <Button variant="subtle" onClick={() => finish(false)}>
            {t('common.cancel')}
          </Button>
        </Stack>
      </form>
    </AppModal>
  );
}
