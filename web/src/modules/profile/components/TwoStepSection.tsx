import { Badge, Button, Group, Text } from '@mantine/core';
import { IconShieldCheck, IconShieldOff } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useCurrentMe } from '../../session/hooks/use-me.ts';
import { MfaDisableForm } from './MfaDisableForm.tsx';
import { MfaEnrolForm } from './MfaEnrolForm.tsx';
import { AppModal } from '../../../ui/AppModal.tsx';

export function TwoStepSection() {
  const { t } = useTranslation();
  const { user } = useCurrentMe();
  const [dialog, setDialog] = useState<'enrol' | 'disable' | null>(null);
  const close = () => setDialog(null);

  return (
    <>
      <Group justify="space-between" gap="md" wrap="wrap">
        <Group gap="sm" wrap="nowrap">
          {user.mfaEnabled ? (
            <IconShieldCheck size={28} color="var(--mantine-color-green-7)" aria-hidden />
          ) : (
            <IconShieldOff size={28} color="var(--mantine-color-gray-6)" aria-hidden />
          )}
          <div>
            <Group gap="xs">
              <Text fw={600} size="sm">
                {t('mfa.status')}
              </Text>
              <Badge color={user.mfaEnabled ? 'green' : 'gray'} variant="light" radius="sm">
                {user.mfaEnabled ? t('mfa.on') : t('mfa.off')}
              </Badge>
            </Group>
            <Text size="sm" c="dimmed">
              {user.mfaEnabled ? t('mfa.onHelp') : t('mfa.offHelp')}
            </Text>
          </div>
        </Group>
        {user.mfaEnabled ? (
          <Button variant="default" color="red" onClick={() => setDialog('disable')}>
            {t('mfa.turnOff')}
          </Button>
        ) : (
          <Button onClick={() => setDialog('enrol')}>{t('mfa.setUp')}</Button>
        )}
      </Group>
      <AppModal
        opened={dialog === 'enrol'}
        onClose={close}
        title={t('mfa.enrolTitle')}
        size="lg"
      >
        {dialog === 'enrol' ? <MfaEnrolForm onDone={close} /> : null}
      </AppModal>
      <AppModal
        opened={dialog === 'disable'}
        onClose={close}
        title={t('mfa.disableTitle')}
      >
        {dialog === 'disable' ? <MfaDisableForm onDone={close} /> : null}
      </AppModal>
    </>
  );
}
