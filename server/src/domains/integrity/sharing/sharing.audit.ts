import { type Actor, appendAudit } from '../../../platform/audit/audit.ts';
import type { Executor } from '../../../platform/db/index.ts';

type Counts = { total: number; stored: number; alreadyPresent: number; failed: number };

/** Every audit entry threat sharing writes, by action. Summaries name what moved, never a secret. */
export type SharingAuditEntry =
  | { action: 'sharing-partner.created'; targetType: 'sharing-partner'; summary: { name: string; accountId: string } }
  | { action: 'sharing-partner.updated'; targetType: 'sharing-partner'; summary: { changed: string[]; enabled: boolean } }
  | { action: 'sharing-collection.created' | 'sharing-collection.updated'; targetType: 'sharing-collection'; summary: { title: string; alias: string | null; changed?: string[] } }
  | { action: 'sharing-access.changed'; targetType: 'sharing-collection'; summary: { partnerId: string; partnerName: string; before: { canRead: boolean; canWrite: boolean }; after: { canRead: boolean; canWrite: boolean } } }
  | { action: 'sharing-token.issued'; targetType: 'sharing-partner'; summary: { tokenId: string; name: string; scopes: string[]; expiresAt: string | null } }
  | { action: 'sharing-token.revoked'; targetType: 'sharing-partner'; summary: { tokenId: string; name: string } }
  | { action: 'sharing.published'; targetType: 'sharing-collection'; summary: Counts & { bundleId: string | null; statusId: string } }
  | { action: 'sharing.received'; targetType: 'sharing-collection'; summary: Counts & { via: 'taxii' | 'upload'; partnerId: string | null; bundleId: string | null; statusId: string } }
  | { action: 'sharing.served'; targetType: 'sharing-collection'; summary: { endpoint: 'objects' | 'object' | 'versions' | 'manifest'; partnerId: string | null; count: number; objectIds: string[]; more: boolean } };

export function auditSharing(tx: Executor, actor: Actor, entry: SharingAuditEntry & { targetId: string }): Promise<{ id: string; seq: number }> {
  return appendAudit(tx, actor, { ...entry, unitId: null });
}
