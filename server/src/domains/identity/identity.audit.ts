import type { Role, UiLocale } from '@diplodesk/contracts';
import { type Actor, appendAudit } from '../../platform/audit/audit.ts';
import type { Executor } from '../../platform/db/index.ts';

export type SignInMethod = 'password' | 'password+totp' | 'password+passkey' | 'passkey' | 'invitation';

type UnitFields = { name?: string; code?: string; timeZone?: string; countryCode?: string | null; city?: string | null; parentId?: string | null };

/** Every audit entry the identity domain writes, by action. Summaries never hold secrets. */
export type IdentityAuditEntry =
  | { action: 'auth.signed-in'; targetType: 'user'; summary: { method: SignInMethod } }
  | {
      action: 'auth.sign-in-failed' | 'auth.password-check-failed';
      targetType: 'user';
      summary: { reason: 'password' | 'totp' | 'inactive' | 'unknown-account' | 'throttled' | 'rate-limited' | 'passkey' | 'passkey-counter'; address: string | null; attemptsThisMinute: number };
    }
  | { action: 'auth.signed-out'; targetType: 'user'; summary: Record<string, never> }
  | { action: 'auth.session-ended'; targetType: 'user'; summary: { sessionId: string; device: string; address: string | null } }
  | { action: 'unit.created'; targetType: 'unit'; summary: { after: UnitFields & { kind: string } } }
  | { action: 'unit.updated'; targetType: 'unit'; summary: { before: UnitFields; after: UnitFields } }
  | { action: 'user.created'; targetType: 'user'; summary: { email: string; displayName: string; withPassword: boolean } }
  | {
      action: 'user.updated';
      targetType: 'user';
      summary: { before: { displayName?: string; isActive?: boolean; locale?: UiLocale; timeZone?: string }; after: { displayName?: string; isActive?: boolean; locale?: UiLocale; timeZone?: string } };
    }
  | { action: 'user.password-set'; targetType: 'user'; summary: { by: 'self' | 'admin' | 'cli'; tokensRevoked?: number } }
  | { action: 'user.mfa-setup-started' | 'user.mfa-enabled'; targetType: 'user'; summary: Record<string, never> }
  | { action: 'user.mfa-disabled'; targetType: 'user'; summary: { by: 'self' | 'admin' } }
  | { action: 'passkey.added'; targetType: 'passkey'; summary: { name: string; deviceType: string; backedUp: boolean } }
  | { action: 'passkey.renamed'; targetType: 'passkey'; summary: { before: string; after: string } }
  | { action: 'passkey.removed'; targetType: 'passkey'; summary: { name: string; by?: 'admin'; userId?: string } }
  | { action: 'user.sessions-ended'; targetType: 'user'; summary: { sessionsEnded: number; tokensRevoked: number } }
  | { action: 'auth.stepped-up'; targetType: 'user'; summary: { method: 'totp' | 'passkey' | 'password' } }
  | { action: 'membership.granted' | 'membership.revoked'; targetType: 'membership'; summary: { userId: string; unitId: string; role: Role } }
  | { action: 'token.created'; targetType: 'api-token'; summary: { name: string; scopes: string[]; expiresAt: string | null } }
  | { action: 'token.revoked'; targetType: 'api-token'; summary: { name: string } }
  | { action: 'security-policy.updated'; targetType: 'workspace'; summary: { before: { mfaRequiredRoles: Role[] }; after: { mfaRequiredRoles: Role[] } } }
  | { action: 'workspace.initialised'; targetType: 'workspace'; summary: { organisation: string; demo: boolean; units: number; users: number } };

export function auditIdentity(
  tx: Executor,
  actor: Actor,
  entry: IdentityAuditEntry & { targetId: string | null; unitId: string | null },
): Promise<{ id: string; seq: number }> {
  return appendAudit(tx, actor, entry);
}
