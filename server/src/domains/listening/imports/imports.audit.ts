import { type Actor, appendAudit } from '../../../platform/audit/audit.ts';
import type { Executor } from '../../../platform/db/index.ts';

/** Audit entries of the web import. Summaries name the file and counts, never its content. */
export type ImportAuditEntry =
  | { action: 'listening-import.uploaded'; summary: { fileName: string; sizeBytes: number; format: string; convertedFrom: string | null } }
  | { action: 'listening-import.started'; summary: { fileName: string; sourceId: string; newSource: boolean; mapping: Record<string, string> } }
  | { action: 'listening-import.cancelled'; summary: { fileName: string; previousStatus: string; rowsRead: number } }
  | { action: 'listening-import.expired'; summary: { fileName: string; createdAt: string } };

export function auditImport(tx: Executor, actor: Actor, entry: ImportAuditEntry & { importId: string; unitId: string }) {
  return appendAudit(tx, actor, { action: entry.action, targetType: 'listening-import', targetId: entry.importId, unitId: entry.unitId, summary: entry.summary });
}
