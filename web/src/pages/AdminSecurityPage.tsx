import { Button, Code, Group, Stack, Text } from '@mantine/core';
import { IconKey } from '@tabler/icons-react';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { notifySuccess } from '../lib/notify.ts';
import { usePageTitle } from '../lib/use-page-title.ts';
import { rotateSigningKey } from '../modules/session/api/passkeys.api.ts';
import { useCurrentMe } from '../modules/session/hooks/use-me.ts';
import { MfaPolicySection } from '../modules/system/components/MfaPolicySection.tsx';
import { ConfirmModal } from '../ui/ConfirmModal.tsx';
import { ForbiddenNotice } from '../ui/ForbiddenNotice.tsx';
import { SectionCard } from '../ui/SectionCard.tsx';

/** Administration → Security: the two-step verification policy and the organisation's signing key (both ask for a fresh factor). */
export function AdminSecurityPage() {
  const { t } = useTranslation();
  const { permissions } = useCurrentMe();
  const [confirming, setConfirming] = useState(false);
  const rotate = useMutation({
    mutationFn: rotateSigningKey,
    onSuccess: () => {
      setConfirming(false);
      notifySuccess(t('security.keys.rotated'));
    },
  });
  usePageTitle(`${t('admin.tabs.security')} · ${t('areas.administration.title')}`);
  if (!permissions.includes('system.manage')) return <ForbiddenNotice />;

  return (
    <Stack gap="lg">
    <SectionCard title={t('security.policy.title')} description={t('security.policy.intro')}>
      <MfaPolicySection />
    </SectionCard>
    <SectionCard title={t('security.keys.title')} description={t('security.keys.intro')}>
      <Stack gap="md">
        {rotate.data ? (
          <Text size="sm" role="status">
            {t('security.keys.current')} <Code>{rotate.data.kid}</Code>
          </Text>
        ) : null}
        <Group>
          <Button leftSection={<IconKey size={18} aria-hidden />} onClick={() => setConfirming(true)}>
            {t('security.keys.rotate')}
          </Button>
        </Group>
      </Stack>
      <ConfirmModal
        opened={confirming}
        onClose={() => setConfirming(false)}
        onConfirm={() => rotate.mutate()}
        title={t('security.keys.rotate')}
        message={t('security.keys.rotateWarning')}
        confirmLabel={t('security.keys.rotate')}
        loading={rotate.isPending}
        error={rotate.error}
      />
    </SectionCard>
    </Stack>
  );
}
