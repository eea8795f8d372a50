import type { StatementStatus } from '@diplodesk/contracts';
import { type Actor, appendAudit } from '../../platform/audit/audit.ts';
import type { Executor } from '../../platform/db/index.ts';
import { appendEvents } from '../../platform/events/outbox.ts';
import { statementChanged, type StatementChangedData } from './statements.events.ts';

/** Every audit entry the statements core writes. Summaries hold ids, versions and reasons, never tokens. */
export type StatementAuditEntry =
  | { action: 'statement.created'; targetType: 'statement'; summary: { kind: string; languages: string[]; template: string | null; respondsTo: string | null; respondsToType?: string | null } }
  | { action: 'statement.edited'; targetType: 'statement'; summary: { version: number; statusBefore: StatementStatus; statusAfter: StatementStatus } }
  | { action: 'statement.clearance-invalidated'; targetType: 'statement'; summary: { version: number; approvals: number } }
  | { action: 'statement.submitted'; targetType: 'statement'; summary: { version: number; chain: string; round: number; fastTrack: boolean; scheduledAt: string | null } }
  | { action: 'statement.approved' | 'statement.changes-requested' | 'statement.rejected'; targetType: 'statement'; summary: { version: number; round: number; step: number; stepName: string; reason: string | null } }
  | { action: 'statement.cleared'; targetType: 'statement'; summary: { version: number; round: number } }
  | { action: 'statement.expired'; targetType: 'statement'; summary: { scheduledAt: string } }
  | { action: 'statement.scheduled'; targetType: 'statement'; summary: { version: number; scheduledAt: string; channels: number; signedLanguages: string[]; notPosted: string[] } }
  | { action: 'statement.published'; targetType: 'statement'; summary: { version: number; publishedAt: string } }
  | { action: 'statement.attachment-uploaded'; targetType: 'statement'; summary: { attachmentId: string; fileName: string; mimeType: string; byteSize: number; sha256: string } }
  | { action: 'statement.unused-uploads-removed'; targetType: 'statement'; summary: { count: number; bytes: number; createdBefore: string } }
  | { action: 'statement.withdrawn'; targetType: 'statement'; summary: { reason: string; statusBefore: StatementStatus } }
  | { action: 'clearance-chain.saved'; targetType: 'clearance-chain'; summary: { name: string; kind: string | null; fastTrack: boolean; steps: number } }
  | { action: 'clearance-chain.deleted'; targetType: 'clearance-chain'; summary: { name: string } }
  | { action: 'template.saved'; targetType: 'template'; summary: { name: string; purpose: string } }
  | { action: 'federation.delivery-refused'; targetType: 'federation-inbox'; summary: { activityId: string | null; activityType: string; recipients: string[]; stage: 'check' | 'connect' } };

export function auditStatement(tx: Executor, actor: Actor, entry: StatementAuditEntry & { targetId: string | null; unitId: string | null }) {
  return appendAudit(tx, actor, entry);
}

/** Tells everyone looking at the statement (and inbox counters) that it changed. */
export function statementChangedEvent(tx: Executor, unitId: string, data: StatementChangedData) {
  return appendEvents(tx, [{ type: statementChanged, unitId, data }]);
}
