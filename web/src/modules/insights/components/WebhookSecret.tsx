import { Alert, Button, Code, CopyButton, Group, Stack, Text } from '@mantine/core';
import { IconAlertTriangle, IconCheck, IconCopy } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';

/** A webhook's signing secret, shown once: after this dialog only its creation date is known. */
export function WebhookSecret({ name, secret, onDone }: { name: string; secret: string; onDone(): void }) {
  const { t } = useTranslation();
  return (
    <Stack gap="md">
      <Alert color="orange" variant="light" icon={<IconAlertTriangle size={18} aria-hidden />} title={t('insights.delivery.webhooks.copyNowTitle')}>
        {t('insights.delivery.webhooks.copyNow')}
      </Alert>
      <Text size="sm" fw={600} id="webhook-secret-label">
        {t('insights.delivery.webhooks.secretLabel', { name })}
      </Text>
      <Code block aria-labelledby="webhook-secret-label" style={{ wordBreak: 'break-all', whiteSpace: 'pre-wrap', overflow: 'visible' }}>
        {secret}
      </Code>
      <Group justify="space-between">
        <CopyButton value={secret}>
          {({ copied, copy }) => (
            <Button variant={copied ? 'light' : 'filled'} color={copied ? 'green' : undefined} onClick={copy} leftSection={copied ? <IconCheck size={16} aria-hidden /> : <IconCopy size={16} aria-hidden />}>
              {copied ? t('common.copied') : t('insights.delivery.webhooks.copySecret')}
            </Button>
          )}
        </CopyButton>
        <Button variant="default" onClick={onDone}>
          {t('common.done')}
        </Button>
      </Group>
    </Stack>
  );
}
