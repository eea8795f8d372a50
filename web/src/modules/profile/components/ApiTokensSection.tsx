import { ActionIcon, Badge, Button, Group, Stack, Table, Text } from '@mantine/core';
import { IconKey, IconPlus, IconTrash } from '@tabler/icons-react';
import { type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ConfirmModal } from '../../../ui/ConfirmModal.tsx';
import { ErrorAlert } from '../../../ui/ErrorAlert.tsx';
import { LoadingBlock } from '../../../ui/LoadingBlock.tsx';
import { NotSet } from '../../../ui/NotSet.tsx';
import { useFormatters } from '../../session/hooks/use-formatters.ts';
import type { ApiToken } from '../api/profile.api.ts';
import { useApiTokens, useRevokeApiToken } from '../hooks/use-profile.ts';
import { CreateTokenForm } from './CreateTokenForm.tsx';
import { AppModal } from '../../../ui/AppModal.tsx';

export function ApiTokensSection() {
  const { t } = useTranslation();
  const format = useFormatters();
  const tokens = useApiTokens();
  const revoke = useRevokeApiToken();
  const [creating, setCreating] = useState(false);
  const [revoking, setRevoking] = useState<ApiToken | null>(null);

  const confirmRevoke = () => {
    if (!revoking) return;
    revoke.mutate(revoking.id, { onSuccess: () => setRevoking(null) });
  };

  let body: ReactNode;
  if (tokens.isPending) body = <LoadingBlock minHeight={80} />;
  else if (tokens.error) body = <ErrorAlert error={tokens.error} onRetry={() => void tokens.refetch()} />;
  else if (tokens.data.items.length === 0) {
    body = (
      <Group gap="sm" c="dimmed">
        <IconKey size={18} aria-hidden />
        <Text size="sm">{t('tokens.empty')}</Text>
      </Group>
    );
  } else {
    body = (
      <Table.ScrollContainer minWidth={760}>
        <Table>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t('tokens.fields.name')}</Table.Th>
              <Table.Th scope="col">{t('tokens.fields.scopes')}</Table.Th>
              <Table.Th scope="col">{t('tokens.fields.prefix')}</Table.Th>
              <Table.Th scope="col">{t('tokens.fields.created')}</Table.Th>
              <Table.Th scope="col">{t('tokens.fields.lastUsed')}</Table.Th>
              <Table.Th scope="col">{t('tokens.fields.expires')}</Table.Th>
              <Table.Th scope="col">{t('common.actions')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {tokens.data.items.map((token) => (
              <Table.Tr key={token.id}>
                <Table.Th scope="row" fw={600}>
                  {token.name}
                </Table.Th>
                <Table.Td>
                  <Group gap={4}>
                    {token.scopes.map((scope) => (
                      <Badge key={scope} variant="default" radius="sm" tt="none" fw={500}>
                        {t(`permissions.${scope}`)}
                      </Badge>
                    ))}
                  </Group>
                </Table.Td>
                <Table.Td>
                  <Text className="dd-mono">{token.prefix}…</Text>
                </Table.Td>
                <Table.Td>{format.date(token.createdAt)}</Table.Td>
                <Table.Td>{token.lastUsedAt ? format.dateTime(token.lastUsedAt) : <NotSet />}</Table.Td>
                <Table.Td>{token.expiresAt ? format.date(token.expiresAt) : t('tokens.never')}</Table.Td>
                <Table.Td>
                  <ActionIcon
                    variant="subtle"
                    color="red"
                    aria-label={t('tokens.revokeNamed', { name: token.name })}
                    onClick={() => {
                      revoke.reset();
                      setRevoking(token);
                    }}
                  >
                    <IconTrash size={16} aria-hidden />
                  </ActionIcon>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    );
  }

  return (
    <Stack gap="md">
      <Group>
        <Button leftSection={<IconPlus size={16} aria-hidden />} onClick={() => setCreating(true)} variant="light">
          {t('tokens.create')}
        </Button>
      </Group>
      {body}
      <AppModal
        opened={creating}
        onClose={() => setCreating(false)}
        title={t('tokens.createTitle')}
        size="lg"
        // The secret is shown once: a stray click outside must not throw it away.
        closeOnClickOutside={false}
      >
        {creating ? <CreateTokenForm onDone={() => setCreating(false)} /> : null}
      </AppModal>
      <ConfirmModal
        opened={revoking !== null}
        title={t('tokens.revokeTitle')}
        message={revoking ? t('tokens.revokeMessage', { name: revoking.name }) : ''}
        confirmLabel={t('tokens.revoke')}
        danger
        loading={revoke.isPending}
        error={revoke.error}
        onConfirm={confirmRevoke}
        onClose={() => setRevoking(null)}
      />
    </Stack>
  );
}
