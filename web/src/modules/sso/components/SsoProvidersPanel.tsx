import type { SsoProviderDto } from '@diplodesk/contracts';
import { Badge, Button, Code, Group, Stack, Text } from '@mantine/core';
import { IconPlus } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { notifySuccess } from '../../../lib/notify.ts';
import { AppModal } from '../../../ui/AppModal.tsx';
import { ConfirmModal } from '../../../ui/ConfirmModal.tsx';
import { ErrorAlert } from '../../../ui/ErrorAlert.tsx';
import { LoadingBlock } from '../../../ui/LoadingBlock.tsx';
import { SectionCard } from '../../../ui/SectionCard.tsx';
import { useDeleteSsoProvider, useSsoProviders } from '../hooks/use-sso.ts';
import { SsoProviderForm } from './SsoProviderForm.tsx';

/** The root administrators' list of identity providers, each with its redirect URI to register at the provider. */
export function SsoProvidersPanel() {
  const { t } = useTranslation();
  const providers = useSsoProviders();
  const remove = useDeleteSsoProvider();
  const [editing, setEditing] = useState<SsoProviderDto | 'new' | null>(null);
  const [deleting, setDeleting] = useState<SsoProviderDto | null>(null);

  if (providers.isPending) return <LoadingBlock />;
  if (providers.error) return <ErrorAlert error={providers.error} onRetry={() => void providers.refetch()} />;

  return (
    <Stack gap="md">
      <Group justify="space-between">
        <Text size="sm" c="dimmed" maw={640}>
          {t('sso.admin.intro')}
        </Text>
        <Button leftSection={<IconPlus size={16} aria-hidden />} onClick={() => setEditing('new')}>
          {t('sso.admin.add')}
        </Button>
      </Group>
      {providers.data.items.length === 0 ? <Text>{t('sso.admin.empty')}</Text> : null}
      {providers.data.items.map((p) => (
        <SectionCard
          key={p.id}
          title={p.displayName}
          actions={
            <Group gap="xs">
              <Button variant="default" size="xs" onClick={() => setEditing(p)} aria-label={t('sso.admin.editNamed', { name: p.displayName })}>
                {t('sso.admin.edit')}
              </Button>
              <Button variant="subtle" color="red" size="xs" onClick={() => setDeleting(p)} aria-label={t('sso.admin.deleteNamed', { name: p.displayName })}>
                {t('sso.admin.delete')}
              </Button>
            </Group>
          }
        >
          <Stack gap={4}>
            <Group gap="xs">
              <Badge variant="light" radius="sm" color={p.enabled ? 'green' : 'gray'}>{p.enabled ? t('sso.admin.enabledBadge') : t('sso.admin.disabledBadge')}</Badge>
              {p.linkExistingByEmail ? <Badge variant="light" radius="sm" color="orange">{t('sso.admin.linkBadge')}</Badge> : null}
              {p.requireMfa ? <Badge variant="light" radius="sm" color="blue">{t('sso.admin.mfaBadge')}</Badge> : null}
            </Group>
            <Text size="sm">
              {t('sso.admin.issuer')}: <Code>{p.issuer}</Code>
            </Text>
            <Text size="sm">
              {t('sso.admin.redirectUri')}: <Code>{p.redirectUri}</Code>
            </Text>
            <Text size="sm">{t('sso.admin.rulesCount', { count: p.rules.length })}</Text>
          </Stack>
        </SectionCard>
      ))}
      <AppModal opened={editing !== null} onClose={() => setEditing(null)} size="xl" title={editing === 'new' ? t('sso.admin.addTitle') : t('sso.admin.editTitle')}>
        {editing !== null ? (
          <SsoProviderForm
            provider={editing === 'new' ? null : editing}
            onDone={() => {
              setEditing(null);
              notifySuccess(t('sso.admin.saved'));
            }}
          />
        ) : null}
      </AppModal>
      <ConfirmModal
        opened={deleting !== null}
        title={t('sso.admin.deleteTitle')}
        message={t('sso.admin.deleteMessage', { name: deleting?.displayName ?? '' })}
        confirmLabel={t('sso.admin.delete')}
        danger
        loading={remove.isPending}
        error={remove.error}
        onClose={() => setDeleting(null)}
        onConfirm={() => deleting && remove.mutate(deleting.id, { onSuccess: () => setDeleting(null) })}
      />
    </Stack>
  );
}
