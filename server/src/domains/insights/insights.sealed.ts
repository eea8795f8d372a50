import { type SealedColumn, sealedColumn } from '../../platform/crypto/sealed-columns.ts';
import { webhookSecretContext } from './delivery/deliver-alert.job.ts';
import { insightsWebhooks } from './delivery/delivery.tables.ts';

/** Insights' sealed values, for `diplodesk keys reseal`. */
export const insightsSealedColumns: SealedColumn[] = [
  sealedColumn({
    name: 'insights_webhooks.secret_sealed',
    purpose: 'notification-secrets',
    table: insightsWebhooks,
    key: insightsWebhooks.id,
    sealed: insightsWebhooks.secretSealed,
    columns: { id: insightsWebhooks.id },
    context: (r) => webhookSecretContext(r.id),
  }),
];
