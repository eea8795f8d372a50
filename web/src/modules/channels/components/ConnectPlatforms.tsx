import { Anchor, Badge, Button, Card, Code, Group, SimpleGrid, Stack, Text } from '@mantine/core';
import { IconPlugConnected } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../../ui/ErrorAlert.tsx';
import type { ConnectablePlatform, ConnectField } from '../api/channels.api.ts';
import { useStartConnect } from '../hooks/use-channels.ts';
import { builtInPlatforms, platformEnvKeys } from '../utils/platforms.ts';
import { ConnectFormModal } from './ConnectFormModal.tsx';
import { PlatformIcon } from './PlatformIcon.tsx';

export interface ConnectPlatformsProps {
  unitId: string;
  configured: ConnectablePlatform[];
  canManage: boolean;
}

/** Every platform: configured ones can be connected, the others say what an administrator sets. */
export function ConnectPlatforms({ unitId, configured, canManage }: ConnectPlatformsProps) {
  const { t } = useTranslation();
  const start = useStartConnect();
  const [form, setForm] = useState<{ platform: string; fields: ConnectField[] } | null>(null);
  const [pending, setPending] = useState<string | null>(null);

  const authText: Record<ConnectablePlatform['auth'], string> = {
    'oauth2-pkce': t('channels.connect.auth.oauth'),
    oauth2: t('channels.connect.auth.oauth'),
    'app-password': t('channels.connect.auth.appPassword'),
    'bot-token': t('channels.connect.auth.botToken'),
    none: t('channels.connect.auth.none'),
  };

  const known = new Set<string>(builtInPlatforms.map((p) => p.id));
  const rows = [
    ...builtInPlatforms.map((p) => ({ id: p.id, name: p.name, configured: configured.find((c) => c.id === p.id) ?? null })),
    ...configured.filter((c) => !known.has(c.id)).map((c) => ({ id: c.id, name: c.name, configured: c })),
  ];

  const connect = (platform: string) => {
    setPending(platform);
    start.mutate(
      { unitId, platform },
      {
        onSuccess: (result) => {
          if (result.kind === 'redirect') {
            // The platform's page; it sends the browser back through the API's callback.
            window.location.assign(result.authorizeUrl);
            return;
          }
          setPending(null);
          setForm({ platform, fields: result.fields });
        },
        onError: () => setPending(null),
      },
    );
  };

  return (
    <Stack gap="sm">
      {start.error ? <ErrorAlert error={start.error} /> : null}
      <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }} spacing="sm" component="ul" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
        {rows.map((row) => (
          <Card component="li" key={row.id} withBorder padding="sm">
            <Stack gap={6}>
              <Group justify="space-between" gap="xs" wrap="nowrap">
                <Group gap={6} wrap="nowrap">
                  <PlatformIcon platform={row.id} size={20} />
                  <Text fw={600}>{row.name}</Text>
                </Group>
                {row.configured ? null : (
                  <Badge variant="outline" color="gray" radius="sm" tt="none">
                    {t('channels.connect.notConfiguredBadge')}
                  </Badge>
                )}
              </Group>
              {row.configured ? (
                <>
                  <Text size="sm" c="dimmed">
                    {authText[row.configured.auth]}
                  </Text>
                  {canManage ? (
                    <Group justify="space-between" gap="xs">
                      <Anchor href={row.configured.docsUrl} target="_blank" rel="noreferrer" size="xs">
                        {t('channels.connect.docs', { platform: row.name })}
                      </Anchor>
                      <Button
                        size="xs"
                        leftSection={<IconPlugConnected size={14} aria-hidden />}
                        loading={pending === row.id}
                        onClick={() => connect(row.id)}
                        aria-label={t('channels.connect.connectLabel', { platform: row.name })}
                      >
                        {t('channels.connect.connect')}
                      </Button>
                    </Group>
                  ) : null}
                </>
              ) : (
                <>
                  <Text size="sm">{t('channels.connect.notConfigured')}</Text>
                  {platformEnvKeys[row.id] ? (
                    <Text size="xs" c="dimmed">
                      {t('channels.connect.envKeys')}{' '}
                      {platformEnvKeys[row.id]?.map((key) => (
                        <Code key={key} mr={4}>
                          {key}
                        </Code>
                      ))}
                    </Text>
                  ) : (
                    <Text size="xs" c="dimmed">
                      {t('channels.connect.notInstalled')}
                    </Text>
                  )}
                </>
              )}
            </Stack>
          </Card>
        ))}
      </SimpleGrid>
      <ConnectFormModal unitId={unitId} platform={form?.platform ?? null} fields={form?.fields ?? []} onClose={() => setForm(null)} />
    </Stack>
  );
}
