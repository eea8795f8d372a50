import { Button, Group, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { UserDto } from '@diplodesk/contracts';
import { notifySuccess } from '../../../lib/notify.ts';
import { ConfirmModal } from '../../../ui/ConfirmModal.tsx';
import { useResetUserMfa } from '../hooks/use-users.ts';

/** For a colleague who lost the phone with their authenticator: turn two-step verification off. */
export function ResetMfaSection({ user }: { user: UserDto }) {
  const { t } = useTranslation();
  const [confirming, setConfirming] = useState(false);
  const reset = useResetUserMfa(user.id);
  const confirm = () =>
    reset.mutate(undefined, {
      onSuccess: () => {
        setConfirming(false);
        notifySuccess(t('users.mfaResetDone', { name: user.displayName }));
      },
    });
  return (
    <Group justify="space-between" align="center" gap="md">
      <Text size="sm">{t('users.mfaResetIntro')}</Text>
      <Button variant="default" color="red" onClick={() => setConfirming(true)}>
        {t('users.mfaReset')}
      </Button>
      <ConfirmModal
        opened={confirming}
        title={t('users.mfaResetTitle')}
        message={t('users.mfaResetMessage', { name: user.displayName })}
        confirmLabel={t('users.mfaReset')}
        danger
        loading={reset.isPending}
        error={reset.error}
        onConfirm={confirm}
        onClose={() => setConfirming(false)}
      />
    </Group>
  );
}
