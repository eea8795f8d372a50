import { z } from 'zod';
import { isoDateTime, plainText, uuid } from './common.ts';

/**
 * Every audit action the server writes, with the target types. The server's typed entries must
 * use these (checked at compile time) and the web app names each in both languages (tested).
 */
export const auditActions = [
  'auth.signed-in',
  'auth.signed-out',
  'auth.stepped-up',
  'passkey.added',
  'passkey.renamed',
  'passkey.removed',
  'auth.sign-in-failed',
  'auth.password-check-failed',
  'auth.session-ended',
  'auth.sso-signed-in',
  'auth.sso-failed',
  'sso-provider.created',
  'sso-provider.updated',
  'sso-provider.deleted',
  'user.created',
  'user.updated',
  'user.password-set',
  'user.mfa-setup-started',
  'user.mfa-enabled',
  'user.mfa-disabled',
  'user.sessions-ended',
  'security-policy.updated',
  'membership.granted',
  'membership.revoked',
  'unit.created',
  'unit.updated',
  'token.created',
  'token.revoked',
  'workspace.initialised',
  'system.jobs-probed',
  'statement.created',
  'statement.edited',
  'statement.submitted',
  'statement.approved',
  'statement.changes-requested',
  'statement.rejected',
  'statement.cleared',
  'statement.expired',
  'statement.scheduled',
  'statement.published',
  'statement.withdrawn',
  'statement.clearance-invalidated',
  'statement.attachment-uploaded',
  'statement.unused-uploads-removed',
  'statement.attachment-downloaded',
  'clearance-chain.saved',
  'clearance-chain.deleted',
  'template.saved',
  'channel-account.connected',
  'channel-account.disconnected',
  'channel-account.connect-failed',
  'publication.published',
  'publication.failed',
  'publication.unconfirmed',
  'publication.resolved',
  'publication.withdrawn',
  'signing-key.created',
  'signing-key.rotated',
  'keys.resealed',
  'listening-source.created',
  'listening-source.updated',
  'listening-source.tested',
  'listening-import.uploaded',
  'listening-import.started',
  'listening-import.cancelled',
  'listening-import.expired',
  'listening-topic.created',
  'listening-topic.updated',
  'listening-topic.archived',
  'listening-topic.restored',
  'listening-topics.reapplied',
  'insights-rollups.rebuilt',
  'insights-image.country-changed',
  'insights-alert-rule.created',
  'insights-alert-rule.updated',
  'insights-alert-rule.deleted',
  'insights-alert.acknowledged',
  'insights-unvotes.imported',
  'insights-monitor.created',
  'insights-monitor.updated',
  'smtp-settings.updated',
  'smtp-settings.tested',
  'insights-webhook.created',
  'insights-webhook.updated',
  'insights-webhook.secret-rotated',
  'insights-webhook.deleted',
  'insights-brief-schedule.updated',
  'integrity-claim.created',
  'integrity-claim.updated',
  'integrity-claim.deleted',
  'integrity-claims.imported',
  'integrity-claim-feed.created',
  'integrity-claim-feed.updated',
  'integrity-claim-feed.deleted',
  'integrity-claim-feed.poll-requested',
  'integrity-claim-feed.imported',
  'integrity-narrative.created',
  'integrity-narrative.updated',
  'integrity-official-account.created',
  'integrity-official-account.updated',
  'integrity-official-account.removed',
  'integrity-settings.updated',
  'integrity-claim-link.confirmed',
  'integrity-claim-link.rejected',
  'integrity-finding.triaged',
  'integrity-finding.assigned',
  'integrity-finding.commented',
  'integrity-finding.resolved',
  'integrity-finding.reopened',
  'sharing-partner.created',
  'sharing-partner.updated',
  'sharing-collection.created',
  'sharing-collection.updated',
  'sharing-access.changed',
  'sharing-token.issued',
  'sharing-token.revoked',
  'sharing.published',
  'sharing.received',
  'sharing.served',
  'meeting.created',
  'meeting.updated',
  'meeting.deleted',
  'meeting-delegation.added',
  'meeting-participant.added',
  'meeting-participant.removed',
  'meeting-participant.invited',
  'meeting-participant.invitation-accepted',
  'meeting-decision.recorded',
  'audit.checkpoint-created',
  'audit.exported',
  'auth.csrf-rejected',
  'authz.denied',
  'request.rate-limited',
  'request.input-refused',
  'upload.refused',
  'upload.malware-found',
  'federation.delivery-refused',
] as const;
export type AuditAction = (typeof auditActions)[number];
export const auditTargetTypes = ['user', 'unit', 'membership', 'passkey', 'api-token', 'workspace', 'jobs', 'statement', 'clearance-chain', 'template', 'channel-account', 'publication', 'signing-key', 'listening-source', 'listening-import', 'listening-topic', 'insights-rollups', 'insights-alert-rule', 'insights-alert', 'insights-webhook', 'insights-unvotes', 'insights-monitor', 'insights-brief-schedule', 'insights-image', 'smtp-settings', 'integrity-claim', 'integrity-claim-feed', 'integrity-narrative', 'integrity-official-account', 'integrity-settings', 'integrity-claim-link', 'integrity-finding', 'sharing-partner', 'sharing-collection', 'meeting', 'audit-checkpoint', 'route', 'sso-provider', 'federation-inbox', 'master-key'] as const;
export type AuditTargetType = (typeof auditTargetTypes)[number];

export const auditEntryDto = z.object({
  id: uuid,
  seq: z.number().int(),
  at: isoDateTime,
  actorId: uuid.nullable(),
  actorLabel: z.string(),
  action: z.string(),
  targetType: z.string(),
  targetId: z.string().nullable(),
  /** What the target is called, for people: a user's name and e-mail, a unit's name, or the name the entry recorded. */
  targetLabel: z.string().nullable(),
  unitId: uuid.nullable(),
  summary: z.record(z.string(), z.unknown()),
  requestId: z.string().nullable(),
  /** The API token the actor used, if any. */
  tokenId: uuid.nullable(),
  hash: z.string(),
});
export type AuditEntryDto = z.infer<typeof auditEntryDto>;

export const auditListQuery = z.object({
  action: plainText(0, 80).optional(),
  actorId: uuid.optional(),
  targetType: plainText(0, 80).optional(),
  targetId: plainText(0, 80).optional(),
  from: z.iso.datetime({ offset: true }).optional(),
  to: z.iso.datetime({ offset: true }).optional(),
  /** Entries with a sequence number below this one (keyset paging, newest first). */
  before: z.coerce.number().int().positive().optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
/** The same filters for a download of every matching entry (oldest first), as CSV or JSON Lines. */
export const auditExportQuery = auditListQuery.omit({ before: true, limit: true }).extend({ format: z.enum(['csv', 'jsonl']).default('csv') });
/** At most this many entries in one export: narrow the period for more. */
export const auditExportMaxEntries = 100_000;

export const auditListResponse = z.object({
  items: z.array(auditEntryDto),
  nextBefore: z.number().int().nullable(),
});
export const auditVerifyResponse = z.object({
  ok: z.boolean(),
  checked: z.number().int(),
  firstBrokenSeq: z.number().int().nullable(),
  firstBrokenId: uuid.nullable(),
  reason: z.string().nullable(),
});
export type AuditVerifyResult = z.infer<typeof auditVerifyResponse>;

/** A signed checkpoint of the audit chain's head, as published (the JWS covers `payload` byte for byte). */
export const auditCheckpointDto = z.object({
  seq: z.number().int(),
  hash: z.string(),
  at: isoDateTime,
  organisation: uuid,
  kid: z.string(),
  payload: z.string(),
  jws: z.string(),
});
export type AuditCheckpointDto = z.infer<typeof auditCheckpointDto>;

export const auditCheckpointListQuery = z.object({
  /** Checkpoints below this sequence number (keyset paging, newest first). */
  before: z.coerce.number().int().positive().optional(),
  limit: z.coerce.number().int().min(1).max(200).default(100),
});
export const auditCheckpointListResponse = z.object({
  organisation: z.object({ id: uuid, name: z.string() }).nullable(),
  jwks: z.string(),
  items: z.array(auditCheckpointDto),
  nextBefore: z.number().int().nullable(),
});
export const auditCheckpointCreateResponse = z.object({ created: z.boolean(), checkpoint: auditCheckpointDto.nullable() });
