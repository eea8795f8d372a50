import { Button } from '@mantine/core';
import { IconFingerprint } from '@tabler/icons-react';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../../ui/ErrorAlert.tsx';
import type { LoginResponse } from '../api/session.api.ts';
import { passkeySecondFactor, signInWithPasskey } from '../api/passkeys.api.ts';

/**
 * "Sign in with a passkey" (no password: the authenticator names the account) or, at the second
 * step, "Use a passkey" instead of a code.
 */
export function PasskeyButton({ mode, onSignedIn, primary }: { mode: 'passwordless' | 'second-factor'; onSignedIn: (r: LoginResponse) => void | Promise<void>; primary?: boolean }) {
  const { t } = useTranslation();
  const run = useMutation({ mutationFn: mode === 'passwordless' ? signInWithPasskey : passkeySecondFactor, onSuccess: onSignedIn });
  return (
    <>
      {run.error && !(run.error instanceof Error && run.error.name === 'NotAllowedError') ? <ErrorAlert error={run.error} /> : null}
      <Button
        variant={primary ? 'filled' : 'default'}
        fullWidth
        leftSection={<IconFingerprint size={18} aria-hidden />}
        loading={run.isPending}
        onClick={() => run.mutate()}
      >
        {t(mode === 'passwordless' ? 'security.signInWithPasskey' : 'security.usePasskey')}
      </Button>
    </>
  );
}
