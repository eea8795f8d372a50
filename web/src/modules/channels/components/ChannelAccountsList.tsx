import type { ChannelAccountDto } from '@diplodesk/contracts';
import { Anchor, Button, Card, Group, SimpleGrid, Stack, Text } from '@mantine/core';
import { IconPlugConnectedX } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { notifySuccess } from '../../../lib/notify.ts';
import { ConfirmModal } from '../../../ui/ConfirmModal.tsx';
import { useFormatters } from '../../session/hooks/use-formatters.ts';
import { useDisconnectAccount } from '../hooks/use-channels.ts';
import { platformName } from '../utils/platforms.ts';
import { AccountStatusBadge } from './AccountStatusBadge.tsx';
import { PlatformIcon } from './PlatformIcon.tsx';

export interface ChannelAccountsListProps {
  accounts: ChannelAccountDto[];
  canManage: boolean;
}

/** The unit's connected accounts, each with its state and, for people who may, Disconnect. */
export function ChannelAccountsList({ accounts, canManage }: ChannelAccountsListProps) {
  const { t } = useTranslation();
  const fmt = useFormatters();
  const disconnect = useDisconnectAccount();
  const [confirming, setConfirming] = useState<ChannelAccountDto | null>(null);

  return (
    <>
      <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }} spacing="md" component="ul" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
        {accounts.map((account) => (
          <Card component="li" key={account.id} withBorder padding="md" aria-label={`${platformName(account.platform)} ${account.handle}`}>
            <Stack gap="xs">
              <Group justify="space-between" gap="xs" wrap="nowrap">
                <Group gap={6} wrap="nowrap" style={{ minWidth: 0 }}>
                  <PlatformIcon platform={account.platform} size={20} />
                  <Text fw={600}>{platformName(account.platform)}</Text>
                </Group>
                <AccountStatusBadge status={account.status} />
              </Group>
              <div style={{ minWidth: 0 }}>
                {account.displayName ? <Text size="sm">{account.displayName}</Text> : null}
                {account.url ? (
                  <Anchor href={account.url} target="_blank" rel="noreferrer" size="sm" style={{ overflowWrap: 'anywhere' }}>
                    {account.handle}
                  </Anchor>
                ) : (
                  <Text size="sm" style={{ overflowWrap: 'anywhere' }}>
                    {account.handle}
                  </Text>
                )}
              </div>
              <Text size="xs" c="dimmed">
                {t('channels.accounts.connectedAt', { date: fmt.dateTime(account.connectedAt) })}
              </Text>
              {account.statusReason ? (
                <Text size="sm" c={account.status === 'needs_reconnect' ? 'orange.9' : undefined}>
                  {t('channels.accounts.lastError', { reason: account.statusReason })}
                </Text>
              ) : null}
              {account.status === 'needs_reconnect' ? (
                <Text size="sm">{t('channels.accounts.reconnectHint')}</Text>
              ) : null}
              {account.limits.instanceLimit ? (
                <Text size="xs" c="dimmed">
                  {t('channels.accounts.characterLimit', { limit: fmt.number(account.limits.instanceLimit) })}
                </Text>
              ) : null}
              {canManage && account.status !== 'disconnected' ? (
                <Group justify="flex-end">
                  <Button
                    size="xs"
                    variant="default"
                    color="red"
                    leftSection={<IconPlugConnectedX size={14} aria-hidden />}
                    onClick={() => {
                      disconnect.reset();
                      setConfirming(account);
                    }}
                    aria-label={t('channels.accounts.disconnectLabel', { platform: platformName(account.platform), handle: account.handle })}
                  >
                    {t('channels.accounts.disconnect')}
                  </Button>
                </Group>
              ) : null}
            </Stack>
          </Card>
        ))}
      </SimpleGrid>
      <ConfirmModal
        opened={confirming !== null}
        onClose={() => setConfirming(null)}
        title={t('channels.accounts.disconnectTitle')}
        message={confirming ? t('channels.accounts.disconnectMessage', { platform: platformName(confirming.platform), handle: confirming.handle }) : ''}
        confirmLabel={t('channels.accounts.disconnect')}
        danger
        loading={disconnect.isPending}
        error={disconnect.error}
        onConfirm={() => {
          if (!confirming) return;
          disconnect.mutate(confirming.id, {
            onSuccess: () => {
              notifySuccess(t('channels.accounts.disconnected', { handle: confirming.handle }));
              setConfirming(null);
            },
          });
        }}
      />
    </>
  );
}
