import { Button, Checkbox, Group, Stack, Text } from '@mantine/core';
import type { UserDto } from '@diplodesk/contracts';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { notifySuccess } from '../../../lib/notify.ts';
import { ConfirmModal } from '../../../ui/ConfirmModal.tsx';
import { useEndUserSessions } from '../hooks/use-users.ts';

/** A lost laptop or a suspected compromise: sign the person out everywhere, optionally revoking their API tokens. */
export function EndSessionsSection({ user }: { user: UserDto }) {
  const { t } = useTranslation();
  const [confirming, setConfirming] = useState(false);
  const [revokeTokens, setRevokeTokens] = useState(true);
  const end = useEndUserSessions(user.id);
  const confirm = () =>
    end.mutate(revokeTokens, {
      onSuccess: (result) => {
        setConfirming(false);
        notifySuccess(t('users.endSessionsDone', { name: user.displayName, sessions: result.sessionsEnded, tokens: result.tokensRevoked }));
      },
    });
  return (
    <Stack gap="sm">
      <Text size="sm">{t('users.endSessionsIntro')}</Text>
      <Group justify="space-between" align="center" gap="md">
        <Checkbox label={t('users.endSessionsRevokeTokens')} checked={revokeTokens} onChange={(e) => setRevokeTokens(e.currentTarget.checked)} />
        <Button variant="default" color="red" onClick={() => setConfirming(true)}>
          {t('users.endSessions')}
        </Button>
      </Group>
      <ConfirmModal
        opened={confirming}
        title={t('users.endSessionsTitle')}
        message={t(revokeTokens ? 'users.endSessionsMessageTokens' : 'users.endSessionsMessage', { name: user.displayName })}
        confirmLabel={t('users.endSessions')}
        danger
        loading={end.isPending}
        error={end.error}
        onConfirm={confirm}
        onClose={() => setConfirming(false)}
      />
    </Stack>
  );
}
