import { z } from 'zod';
import { isoDateTime, plainText, uuid } from './common.ts';

// Channel accounts and publications (the Statements desk's publishing engine). Credentials never
// appear in any of these shapes.

export const channelAccountStatuses = ['active', 'needs_reconnect', 'disconnected'] as const;
export const publicationStates = ['scheduled', 'publishing', 'unconfirmed', 'published', 'failed', 'cancelled', 'withdrawing', 'withdrawn'] as const;
export type PublicationStateName = (typeof publicationStates)[number];

export const channelAccountDto = z.object({
  id: uuid,
  unitId: uuid,
  platform: z.string(),
  handle: z.string(),
  displayName: z.string().nullable(),
  url: z.string().nullable(),
  status: z.enum(channelAccountStatuses),
  statusReason: z.string().nullable(),
  /** Counting rules for the editor's `measureText`. */
  textChannels: z.array(z.string()),
  limits: z.object({ instanceLimit: z.number().optional(), charactersReservedPerUrl: z.number().optional(), spoilerText: z.string().optional(), caption: z.boolean().optional() }),
  connectedAt: isoDateTime,
});
export type ChannelAccountDto = z.infer<typeof channelAccountDto>;
export const channelAccountListResponse = z.object({ items: z.array(channelAccountDto) });

export const connectablePlatformDto = z.object({
  id: z.string(),
  name: z.string(),
  auth: z.enum(['oauth2-pkce', 'oauth2', 'app-password', 'bot-token', 'none']),
  docsUrl: z.string(),
});
export const connectablePlatformListResponse = z.object({ items: z.array(connectablePlatformDto) });

export const startConnectRequest = z.object({ unitId: uuid, platform: plainText(1, 40) });
export const startConnectResponse = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('redirect'), authorizeUrl: z.string() }),
  z.object({ kind: z.literal('form'), fields: z.array(z.object({ name: z.string(), label: z.string(), secret: z.boolean() })) }),
]);
export const submitConnectFormRequest = z.object({
  unitId: uuid,
  platform: plainText(1, 40),
  values: z.record(z.string().max(100), z.string().max(4000)),
});

export const publicationDto = z.object({
  id: uuid,
  statementId: uuid,
  unitId: uuid,
  channelAccountId: uuid,
  platform: z.string(),
  state: z.enum(publicationStates),
  scheduledAt: isoDateTime,
  text: z.string(),
  title: z.string().nullable(),
  language: z.string(),
  linkUrl: z.string(),
  remoteUrl: z.string().nullable(),
  replyState: z.string().nullable(),
  attempts: z.number().int(),
  lastError: z.string().nullable(),
  nextAttemptAt: isoDateTime.nullable(),
  publishedAt: isoDateTime.nullable(),
  withdrawnAt: isoDateTime.nullable(),
  /** Unconfirmed and no check is running: a person must say whether it was posted. */
  needsResolution: z.boolean(),
});
export type PublicationDto = z.infer<typeof publicationDto>;
export const publicationListResponse = z.object({ items: z.array(publicationDto) });

export const calendarQuery = z.object({ unitId: uuid, from: isoDateTime, to: isoDateTime });
export const calendarEntryDto = publicationDto.extend({ statementTitle: z.string().nullable() });
/**
 * A statement on the ministry's own newsroom: every scheduled or published statement goes out there
 * at its time, with or without social posts (newsroom-only statements have no publication rows).
 */
export const newsroomCalendarEntryDto = z.object({
  statementId: uuid,
  unitId: uuid,
  state: z.enum(['scheduled', 'published']),
  /** When it goes (or went) out. */
  scheduledAt: isoDateTime,
  publishedAt: isoDateTime.nullable(),
  statementTitle: z.string().nullable(),
});
export type NewsroomCalendarEntryDto = z.infer<typeof newsroomCalendarEntryDto>;
export const calendarResponse = z.object({ items: z.array(calendarEntryDto), newsroom: z.array(newsroomCalendarEntryDto) });

export const resolvePublicationRequest = z.discriminatedUnion('outcome', [
  z.object({ outcome: z.literal('published'), url: z.url().max(2000), remoteId: plainText(1, 200).optional() }),
  z.object({ outcome: z.literal('not-posted') }),
]);
