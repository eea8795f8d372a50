import { Alert, List, Stack, Text } from '@mantine/core';
import { IconAlertTriangle, IconCircleCheck } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { SourceTestResult as Result } from '../api/listening.api.ts';

const healthKeys = { ok: 'listening.test.health.ok', degraded: 'listening.test.health.degraded', down: 'listening.test.health.down' } as const;

/** What one trial read found: health in words and up to five entries (nothing was stored). */
export function SourceTestResult({ result }: { result: Result }) {
  const { t } = useTranslation();
  const good = result.ok && result.health.status === 'ok';
  return (
    <Alert
      color={good ? 'teal' : result.ok ? 'yellow' : 'red'}
      variant="light"
      role="status"
      icon={good ? <IconCircleCheck size={18} aria-hidden /> : <IconAlertTriangle size={18} aria-hidden />}
      title={result.ok ? t('listening.test.okTitle', { count: result.preview.length }) : t('listening.test.failedTitle')}
    >
      <Stack gap="xs">
        <Text size="sm">
          {t('listening.test.healthLabel')}: {t(healthKeys[result.health.status])}
          {result.health.detail ? ` — ${result.health.detail}` : ''}
        </Text>
        {result.error ? <Text size="sm">{result.error}</Text> : null}
        {result.preview.length > 0 ? (
          <List size="sm" spacing={4}>
            {result.preview.map((entry) => (
              <List.Item key={entry.remoteId}>
                <Text span size="sm" dir="auto" lineClamp={2} style={{ overflowWrap: 'anywhere' }}>
                  {entry.text}
                </Text>
              </List.Item>
            ))}
          </List>
        ) : null}
        <Text size="xs" c="dimmed">
          {t('listening.test.nothingStored')}
        </Text>
      </Stack>
    </Alert>
  );
}
