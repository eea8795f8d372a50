import type { AlertDeliveryDto } from '@diplodesk/contracts';
import { Badge, Button, Group, Stack, Text } from '@mantine/core';
import { IconMailForward } from '@tabler/icons-react';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useDeliveries } from '../hooks/use-delivery.ts';
import { DeliveryLog } from './DeliveryLog.tsx';

const waiting: ReadonlySet<AlertDeliveryDto['state']> = new Set(['pending', 'sending', 'retrying', 'unconfirmed']);

/**
 * An alert's delivery log on its card: per e-mail recipient and webhook, the attempts and the final
 * state (the same rows as the admin page, read with the alert's own permission; no secrets). Read
 * only when opened, so a long inbox does not ask for every card's log.
 */
export function AlertDeliveries({ alertId }: { alertId: string }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const panel = useId();
  const log = useDeliveries(alertId, open);
  const items = log.data?.items ?? [];
  const count = (pick: (d: AlertDeliveryDto) => boolean) => items.filter(pick).length;
  return (
    <Stack gap={6}>
      <Group gap="xs">
        <Button size="xs" variant="subtle" leftSection={<IconMailForward size={14} aria-hidden />} aria-expanded={open} aria-controls={panel} onClick={() => setOpen((o) => !o)}>
          {open ? t('insightsAlerts.delivery.hide') : t('insightsAlerts.delivery.show')}
        </Button>
        {open && items.length > 0 ? (
          <Group gap={4}>
            {count((d) => d.state === 'sent') > 0 ? <Badge variant="light" color="green">{t('insightsAlerts.delivery.summary.sent', { count: count((d) => d.state === 'sent') })}</Badge> : null}
            {count((d) => d.state === 'failed') > 0 ? <Badge variant="light" color="red">{t('insightsAlerts.delivery.summary.failed', { count: count((d) => d.state === 'failed') })}</Badge> : null}
            {count((d) => waiting.has(d.state)) > 0 ? <Badge variant="light" color="orange">{t('insightsAlerts.delivery.summary.waiting', { count: count((d) => waiting.has(d.state)) })}</Badge> : null}
          </Group>
        ) : null}
      </Group>
      {open ? (
        <section id={panel} aria-label={t('insightsAlerts.delivery.title')}>
          {log.isPending ? (
            <Text size="sm">{t('insightsAlerts.delivery.loading')}</Text>
          ) : items.length === 0 ? (
            <Text size="sm" c="dimmed">
              {t('insightsAlerts.delivery.none')}
            </Text>
          ) : (
            <DeliveryLog items={items} hideRule />
          )}
        </section>
      ) : null}
    </Stack>
  );
}
