import type { AlertDeliveryDto, AlertRecipient, SmtpSettingsDto, SmtpSettingsRequest, WebhookDto, createWebhookRequest, updateWebhookRequest } from '@diplodesk/contracts';
import type { z } from 'zod';
import { apiRequest } from '../../../lib/api-client.ts';

export type WebhookList = { items: WebhookDto[]; policies: Record<string, boolean> };
export type WebhookWithSecret = { webhook: WebhookDto; secret: string };
export type NewWebhook = z.input<typeof createWebhookRequest>;
export type WebhookChange = z.input<typeof updateWebhookRequest>;

export const deliveryQueryKey = ['insights', 'delivery'] as const;
export const smtpQueryKey = ['insights', 'delivery', 'smtp'] as const;
export const webhooksQueryKey = ['insights', 'delivery', 'webhooks'] as const;
export const deliveriesQueryKey = (alertId?: string) => ['insights', 'delivery', 'log', alertId ?? 'all'] as const;
export const recipientsQueryKey = (unitId: string) => ['insights', 'delivery', 'recipients', unitId] as const;

export const fetchSmtp = (signal?: AbortSignal) => apiRequest<SmtpSettingsDto>('/insights/delivery/smtp', { signal });
export const saveSmtp = (body: SmtpSettingsRequest) => apiRequest<SmtpSettingsDto>('/insights/delivery/smtp', { method: 'PUT', body });
export const sendTestMail = (to: string) => apiRequest<{ ok: true; messageId: string }>('/insights/delivery/smtp/test', { method: 'POST', body: { to } });

export const fetchWebhooks = (signal?: AbortSignal) => apiRequest<WebhookList>('/insights/webhooks', { signal });
export const createWebhook = (body: NewWebhook) => apiRequest<WebhookWithSecret>('/insights/webhooks', { method: 'POST', body });
export const updateWebhook = (id: string, body: WebhookChange) => apiRequest<WebhookDto>(`/insights/webhooks/${encodeURIComponent(id)}`, { method: 'PATCH', body });
export const rotateWebhookSecret = (id: string) => apiRequest<WebhookWithSecret>(`/insights/webhooks/${encodeURIComponent(id)}/rotate-secret`, { method: 'POST' });
export const deleteWebhook = (id: string) => apiRequest<void>(`/insights/webhooks/${encodeURIComponent(id)}`, { method: 'DELETE' });

export const fetchDeliveries = (alertId: string | undefined, signal?: AbortSignal) =>
  apiRequest<{ items: AlertDeliveryDto[] }>('/insights/deliveries', { signal, query: { limit: 100, ...(alertId ? { alertId } : {}) } });
export const fetchRecipients = (unitId: string, signal?: AbortSignal) => apiRequest<{ items: AlertRecipient[] }>('/insights/recipients', { signal, query: { unitId } });
