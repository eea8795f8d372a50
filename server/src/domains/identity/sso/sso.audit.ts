import type { SsoFailureReason } from '@diplodesk/contracts';
import { type Actor, appendAudit } from '../../../platform/audit/audit.ts';
import type { Executor } from '../../../platform/db/index.ts';

type ProviderFields = {
  key?: string;
  displayName?: string;
  issuer?: string;
  clientId?: string;
  scopes?: string;
  enabled?: boolean;
  linkExistingByEmail?: boolean;
  noMatch?: 'refuse' | 'viewer';
  requireMfa?: boolean;
  idpEnforcesMfa?: boolean;
  rules?: number;
};

/** Every audit entry single sign-on writes. Summaries never hold the client secret, only that it changed. */
export type SsoAuditEntry =
  | { action: 'sso-provider.created'; targetType: 'sso-provider'; summary: { after: ProviderFields } }
  | { action: 'sso-provider.updated'; targetType: 'sso-provider'; summary: { before: ProviderFields; after: ProviderFields; clientSecretChanged: boolean } }
  | { action: 'sso-provider.deleted'; targetType: 'sso-provider'; summary: { key: string; displayName: string } }
  | { action: 'auth.sso-signed-in'; targetType: 'user'; summary: { provider: string; subject: string; created: boolean; linked: boolean; added: number; removed: number; keptLastAdmin?: number } }
  | { action: 'auth.sso-failed'; targetType: 'user'; summary: { provider: string; reason: SsoFailureReason; subject: string | null; email: string | null; detail?: string } };

export function auditSso(tx: Executor, actor: Actor, entry: SsoAuditEntry & { targetId: string | null; unitId: string | null }): Promise<{ id: string; seq: number }> {
  return appendAudit(tx, actor, entry);
}
