import { Stack } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { usePageTitle } from '../lib/use-page-title.ts';
import { DeliveryLog } from '../modules/insights/components/DeliveryLog.tsx';
import { SmtpSettingsPanel } from '../modules/insights/components/SmtpSettingsPanel.tsx';
import { WebhooksPanel } from '../modules/insights/components/WebhooksPanel.tsx';
import { useDeliveries, useSmtpSettings, useWebhooks } from '../modules/insights/hooks/use-delivery.ts';
import { useCurrentMe } from '../modules/session/hooks/use-me.ts';
import { useUnits } from '../modules/units/hooks/use-units.ts';
import { ErrorAlert } from '../ui/ErrorAlert.tsx';
import { ForbiddenNotice } from '../ui/ForbiddenNotice.tsx';
import { LoadingBlock } from '../ui/LoadingBlock.tsx';
import { SectionCard } from '../ui/SectionCard.tsx';

/** Administration → Alert delivery: the mail server, the units' webhooks, and what was delivered. */
export function AdminDeliveryPage() {
  const { t } = useTranslation();
  const { permissions } = useCurrentMe();
  usePageTitle(t('admin.tabs.delivery'));
  const allowed = permissions.includes('system.manage');
  const smtp = useSmtpSettings();
  const webhooks = useWebhooks();
  const log = useDeliveries();
  const units = useUnits(allowed);
  if (!allowed) return <ForbiddenNotice />;
  if (smtp.isPending || webhooks.isPending) return <LoadingBlock />;
  const error = smtp.error ?? webhooks.error;
  if (error || !smtp.data || !webhooks.data) return <ErrorAlert error={error} onRetry={() => void Promise.all([smtp.refetch(), webhooks.refetch()])} />;
  const unitOptions = (units.data?.items ?? []).map((u) => ({ value: u.id, label: u.name }));
  return (
    <Stack gap="md">
      <SmtpSettingsPanel key={smtp.data.updatedAt ?? 'new'} settings={smtp.data} />
      <WebhooksPanel webhooks={webhooks.data.items} units={unitOptions} mayCreate={Boolean(webhooks.data.policies.create)} />
      <SectionCard title={t('insights.delivery.log.title')} description={t('insights.delivery.log.intro')}>
        {log.error ? <ErrorAlert error={log.error} /> : <DeliveryLog items={log.data?.items ?? []} />}
      </SectionCard>
    </Stack>
  );
}
