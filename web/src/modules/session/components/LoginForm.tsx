import { Alert, Anchor, Button, Divider, PasswordInput, Stack, Text, TextInput } from '@mantine/core';
import { IconAlertCircle } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../../lib/api-client.ts';
import { describeError } from '../../../lib/describe-error.ts';
import { isSixDigitCode, looksLikeEmail } from '../../../lib/validation.ts';
import { type LoginResponse, fetchMe, login, meQueryKey, submitMfaCode } from '../api/session.api.ts';
import { PasskeyButton } from './PasskeyButton.tsx';


type Step = 'credentials' | 'code';

interface FieldErrors {
  email?: string;
  password?: string;
  code?: string;
}

export function LoginForm() {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [step, setStep] = useState<Step>('credentials');
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [code, setCode] = useState('');
  const [factors, setFactors] = useState<string[]>(['totp']);
  const [fieldErrors, setFieldErrors] = useState<FieldErrors>({});
  const emailRef = useRef<HTMLInputElement>(null);
  const codeRef = useRef<HTMLInputElement>(null);

  // Each step starts with the cursor in its first field.
  useEffect(() => {
    (step === 'code' ? codeRef : emailRef).current?.focus();
  }, [step]);

  // Loading `me` into the cache is what moves the login page on to the app.
  // staleTime 0: the cached answer from before sign-in ("nobody") must not be reused.
  const loadSession = () =>
    queryClient.fetchQuery({ queryKey: meQueryKey, queryFn: ({ signal }) => fetchMe(signal), staleTime: 0 });

  const afterResponse = async (response: LoginResponse) => {
    if (response.status === 'mfa-required') {
      setFactors(response.factors ?? ['totp']);
      setCode('');
      setStep('code');
      return;
    }
    setPassword('');
    await loadSession();
  };

  const credentials = useMutation({ mutationFn: login, onSuccess: afterResponse });
  const mfa = useMutation({
    mutationFn: submitMfaCode,
    onSuccess: afterResponse,
    onError: (error) => {
      // The half-finished sign-in expired: start again from the password.
      if (isApiError(error) && error.code === 'auth.required') {
        setStep('credentials');
        setPassword('');
      }
    },
  });

  const submitCredentials = (event: FormEvent) => {
    event.preventDefault();
    const errors: FieldErrors = {};
    if (!email.trim()) errors.email = t('validation.required');
    else if (!looksLikeEmail(email)) errors.email = t('validation.email');
    if (!password) errors.password = t('validation.required');
    setFieldErrors(errors);
    if (Object.keys(errors).length > 0) return;
    mfa.reset();
    credentials.mutate({ email: email.trim(), password });
  };

  const submitCode = (event: FormEvent) => {
    event.preventDefault();
    const trimmed = code.replace(/\s/g, '');
    if (!isSixDigitCode(trimmed)) {
      setFieldErrors({ code: t('validation.totp') });
      return;
    }
    setFieldErrors({});
    mfa.mutate(trimmed);
  };

  const error = step === 'credentials' ? (credentials.error ?? mfa.error) : mfa.error;
  const errorAlert = error ? (
    <Alert color="red" variant="light" icon={<IconAlertCircle size={18} aria-hidden />} role="alert">
      {describeError(error, t)}
    </Alert>
  ) : null;

  if (step === 'code') {
    return (
      <form onSubmit={submitCode} noValidate aria-labelledby="login-code-title">
        <Stack gap="md">
          <Text id="login-code-title" fw={600}>
            {t('login.codeTitle')}
          </Text>
          <Text size="sm" c="dimmed">
            {t('login.codeHelp')}
          </Text>
          {errorAlert}
          {factors.includes('passkey') ? <PasskeyButton mode="second-factor" onSignedIn={afterResponse} primary={!factors.includes('totp')} /> : null}
          {factors.includes('totp') ? (
          <>
          <TextInput
            label={t('login.code')}
            value={code}
            onChange={(event) => {
              setCode(event.currentTarget.value);
              setFieldErrors({});
            }}
            error={fieldErrors.code}
            inputMode="numeric"
            autoComplete="one-time-code"
            maxLength={7}
            required
            ref={codeRef}
            styles={{ input: { letterSpacing: '0.3em', fontVariantNumeric: 'tabular-nums' } }}
          />
          <Button type="submit" loading={mfa.isPending || credentials.isPending} fullWidth>
            {t('login.verify')}
          </Button>
          </>
          ) : null}
          <Anchor
            component="button"
            type="button"
            size="sm"
            onClick={() => {
              mfa.reset();
              setFieldErrors({});
              setStep('credentials');
            }}
          >
            {t('login.back')}
          </Anchor>
        </Stack>
      </form>
    );
  }

  return (
    <form onSubmit={submitCredentials} noValidate aria-label={t('login.formLabel')}>
      <Stack gap="md">
        {errorAlert}
        <TextInput
          label={t('login.email')}
          type="email"
          value={email}
          onChange={(event) => {
            setEmail(event.currentTarget.value);
            setFieldErrors((current) => ({ ...current, email: undefined }));
          }}
          error={fieldErrors.email}
          autoComplete="username"
          required
          ref={emailRef}
        />
        <PasswordInput
          label={t('login.password')}
          value={password}
          onChange={(event) => {
            setPassword(event.currentTarget.value);
            setFieldErrors((current) => ({ ...current, password: undefined }));
          }}
          error={fieldErrors.password}
          autoComplete="current-password"
          required
          visibilityToggleButtonProps={{ 'aria-label': t('common.togglePasswordVisibility') }}
        />
        <Button type="submit" loading={credentials.isPending} fullWidth>
          {t('login.submit')}
        </Button>
        <Divider label={t('security.or')} />
        <PasskeyButton mode="passwordless" onSignedIn={afterResponse} />
      </Stack>
    </form>
  );
}
