import type { PublicationDto } from '@diplodesk/contracts';
import type { MeasureOptions, TextChannel } from '@diplodesk/connector-sdk';
import type { ChannelAccountRow, PublicationRow } from './publishing.tables.ts';

// Only these fields leave the server: sealed credentials, connect verifiers, idempotency keys and
// checkpoints (a resumable-upload URI is a bearer capability) never do.

/** Counting rules per platform for the editor; YouTube has two (title and description). */
export function textChannelsOf(platform: string): TextChannel[] {
  switch (platform) {
    case 'youtube':
      return ['youtube-title', 'youtube-description'];
    case 'x':
    case 'bluesky':
    case 'mastodon':
    case 'telegram':
    case 'facebook':
      return [platform];
    default:
      return [];
  }
}

export type ChannelAccountView = {
  id: string;
  unitId: string;
  platform: string;
  handle: string;
  displayName: string | null;
  url: string | null;
  status: ChannelAccountRow['status'];
  statusReason: string | null;
  textChannels: TextChannel[];
  limits: MeasureOptions;
  connectedAt: string;
};

export function presentAccount(row: ChannelAccountRow): ChannelAccountView {
  return {
    id: row.id,
    unitId: row.unitId,
    platform: row.platform,
    handle: row.handle,
    displayName: row.displayName,
    url: row.url,
    status: row.status,
    statusReason: row.statusReason,
    textChannels: textChannelsOf(row.platform),
    limits: row.limits ?? {},
    connectedAt: row.createdAt.toISOString(),
  };
}

export type PublicationView = PublicationDto;

export function presentPublication(row: PublicationRow): PublicationView {
  return {
    id: row.id,
    statementId: row.statementId,
    unitId: row.unitId,
    channelAccountId: row.channelAccountId,
    platform: row.platform,
    state: row.state,
    scheduledAt: row.scheduledAt.toISOString(),
    text: row.text,
    title: row.title,
    language: row.language,
    linkUrl: row.linkUrl,
    remoteUrl: row.remoteUrl,
    replyState: row.replyState,
    attempts: row.attempts,
    lastError: row.lastError,
    nextAttemptAt: row.nextAttemptAt?.toISOString() ?? null,
    publishedAt: row.publishedAt?.toISOString() ?? null,
    withdrawnAt: row.withdrawnAt?.toISOString() ?? null,
    needsResolution: (row.state === 'unconfirmed' || row.replyState === 'unconfirmed') && row.jobId === null,
  };
}
