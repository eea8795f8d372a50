import { z } from 'zod';
import { isoDateTime, plainText, policies, uuid } from './common.ts';

/** How the server talks to the SMTP relay: STARTTLS (usually port 587), TLS from the start (465), or none (allow-listed addresses only). */
export const smtpSecurities = ['starttls', 'tls', 'none'] as const;
const hostName = z
  .string()
  .trim()
  .min(1)
  .max(253)
  .regex(/^[A-Za-z0-9.\-:[\]]+$/, 'a host name or an IP address');

export const smtpSettingsRequest = z.object({
  host: hostName,
  port: z.number().int().min(1).max(65_535),
  security: z.enum(smtpSecurities),
  username: plainText(1, 200).nullable().default(null),
  /** A new password; left out keeps the stored one, null removes it. Never sent back. */
  password: z.string().min(1).max(500).nullable().optional(),
  fromAddress: z.email().max(254),
  fromName: plainText(1, 120),
});
export type SmtpSettingsRequest = z.input<typeof smtpSettingsRequest>;

export const smtpSettingsDto = z.object({
  configured: z.boolean(),
  host: z.string().nullable(),
  port: z.number().int().nullable(),
  security: z.enum(smtpSecurities).nullable(),
  username: z.string().nullable(),
  /** Whether a password is stored (the password itself never leaves the server). */
  hasPassword: z.boolean(),
  fromAddress: z.string().nullable(),
  fromName: z.string().nullable(),
  updatedAt: isoDateTime.nullable(),
});
export type SmtpSettingsDto = z.output<typeof smtpSettingsDto>;
export const smtpTestRequest = z.object({ to: z.email().max(254) });

export const webhookInput = z.object({
  unitId: uuid,
  name: plainText(1, 120),
  url: z.url({ protocol: /^https?$/ }).max(2000),
  enabled: z.boolean().default(true),
  /** Also called for alerts of the units below this one. */
  includeSubunits: z.boolean().default(false),
});
export const createWebhookRequest = webhookInput;
export const updateWebhookRequest = webhookInput.omit({ unitId: true }).partial();
export const webhookDto = webhookInput.extend({
  id: uuid,
  createdAt: isoDateTime,
  updatedAt: isoDateTime,
  /** When the signing secret was generated (rotating makes a new one). */
  secretCreatedAt: isoDateTime,
  policies,
});
export type WebhookDto = z.output<typeof webhookDto>;
/** Creating or rotating answers the secret once, in the Standard Webhooks `whsec_…` form. */
export const webhookWithSecretDto = z.object({ webhook: webhookDto, secret: z.string() });
export const webhookListResponse = z.object({ items: z.array(webhookDto), policies });

export const deliveryChannels = ['email', 'webhook'] as const;
export const deliveryStates = ['pending', 'sending', 'retrying', 'sent', 'failed', 'unconfirmed'] as const;
export const alertDeliveryDto = z.object({
  id: uuid,
  alertId: uuid,
  /** The rule's or the monitor's name (`ruleLabels[language]` for a seeded monitor). */
  ruleName: z.string(),
  ruleLabels: z.object({ en: z.string(), id: z.string() }).nullable(),
  channel: z.enum(deliveryChannels),
  /** The e-mail address, or the webhook's name. */
  target: z.string(),
  state: z.enum(deliveryStates),
  attempts: z.number().int(),
  lastError: z.string().nullable(),
  createdAt: isoDateTime,
  updatedAt: isoDateTime,
  sentAt: isoDateTime.nullable(),
  nextAttemptAt: isoDateTime.nullable(),
});
export type AlertDeliveryDto = z.output<typeof alertDeliveryDto>;
export const alertDeliveryQuery = z.object({ alertId: uuid.optional(), limit: z.coerce.number().int().min(1).max(200).default(50) });
export const alertDeliveryListResponse = z.object({ items: z.array(alertDeliveryDto) });

/** The event type a webhook receives (Standard Webhooks `type`). */
export const alertWebhookType = 'insights.alert.raised';

/** Who a rule may name as an e-mail recipient. */
export const alertRecipientListResponse = z.object({ items: z.array(z.object({ id: uuid, displayName: z.string(), email: z.string() })) });
export type AlertRecipient = z.output<typeof alertRecipientListResponse>['items'][number];
