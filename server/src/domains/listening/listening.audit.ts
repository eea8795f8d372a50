import { type Actor, appendAudit } from '../../platform/audit/audit.ts';
import type { Executor } from '../../platform/db/index.ts';

/** The listening domain's audit entries. Summaries name settings that changed, never credentials. */
export type ListeningAuditEntry =
  | { action: 'listening-source.created'; targetType: 'listening-source'; summary: { connector: string; name: string; country: string | null; withCredentials: boolean } }
  | { action: 'listening-source.updated'; targetType: 'listening-source'; summary: { changed: string[]; status: string } }
  | { action: 'listening-source.tested'; targetType: 'listening-source'; summary: { host: string | null; outcome: 'read' | 'failed'; items: number } };

export function auditListening(tx: Executor, actor: Actor, entry: ListeningAuditEntry & { targetId: string; unitId: string }) {
  return appendAudit(tx, actor, entry);
}
