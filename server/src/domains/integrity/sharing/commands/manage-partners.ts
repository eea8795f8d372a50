import type { Permission } from '@diplodesk/contracts';
import type { Actor } from '../../../../platform/audit/audit.ts';
import { type Principal, requirePermission } from '../../../../platform/authz/principal.ts';
import type { PlatformContext } from '../../../../platform/context.ts';
import { AppError } from '../../../../platform/errors/app-error.ts';
import { createPartnerAccount, identityTransaction, issuePartnerToken, revokePartnerToken, updatePartnerAccount } from '../../../identity/index.ts';
import { auditSharing } from '../sharing.audit.ts';
import { findPartner, insertPartner, type PartnerRow, updatePartnerRow } from '../sharing.repo.ts';

// Partner accounts and tokens are identity records: each change runs in an identity transaction,
// so every instance drops its cached callers at once (a revoked token stops working at once).

export async function createPartner(ctx: PlatformContext, p: Principal, input: { name: string; contact: string | null }, actor: Actor): Promise<PartnerRow> {
  requirePermission(p, 'integrity.manage');
  return identityTransaction(ctx, null, async (tx) => {
    const account = await createPartnerAccount(tx, actor, { name: input.name });
    const partner = await insertPartner(tx, { name: input.name, contact: input.contact, userId: account.id });
    await auditSharing(tx, actor, { action: 'sharing-partner.created', targetType: 'sharing-partner', targetId: partner.id, summary: { name: partner.name, accountId: account.id } });
    return partner;
  });
}

async function partnerOrFail(ctx: PlatformContext, id: string): Promise<PartnerRow> {
  const partner = await findPartner(ctx.db, id);
  if (!partner) throw new AppError('sharing-partner.not-found');
  return partner;
}

/** Renames a partner, or disables it: its account is refused and its tokens revoked. */
export async function updatePartner(ctx: PlatformContext, p: Principal, id: string, patch: { name?: string | undefined; contact?: string | null | undefined; enabled?: boolean | undefined }, actor: Actor): Promise<PartnerRow> {
  requirePermission(p, 'integrity.manage');
  const partner = await partnerOrFail(ctx, id);
  return identityTransaction(ctx, partner.userId, async (tx) => {
    const row = await updatePartnerRow(tx, id, { ...(patch.name !== undefined ? { name: patch.name } : {}), ...(patch.contact !== undefined ? { contact: patch.contact } : {}), ...(patch.enabled !== undefined ? { enabled: patch.enabled } : {}) });
    if (patch.name !== undefined || patch.enabled !== undefined) {
      await updatePartnerAccount(tx, actor, partner.userId, { ...(patch.name !== undefined ? { name: patch.name } : {}), ...(patch.enabled !== undefined ? { active: patch.enabled } : {}) });
    }
    const changed = Object.entries(patch).filter(([, v]) => v !== undefined).map(([k]) => k);
    await auditSharing(tx, actor, { action: 'sharing-partner.updated', targetType: 'sharing-partner', targetId: id, summary: { changed, enabled: row.enabled } });
    return row;
  });
}

const scopesFor: Record<'read' | 'read-write', Permission[]> = { read: ['taxii.read'], 'read-write': ['taxii.read', 'taxii.write'] };

/** A new token for a partner: `read` can only read, whatever its collections allow. */
export async function issueToken(ctx: PlatformContext, p: Principal, partnerId: string, input: { name: string; access: 'read' | 'read-write'; expiresInDays: number | null }, actor: Actor) {
  requirePermission(p, 'integrity.manage');
  const partner = await partnerOrFail(ctx, partnerId);
  if (!partner.enabled) throw new AppError('request.invalid', 'Enable the partner before issuing it a token.');
  const expiresAt = input.expiresInDays ? new Date(Date.now() + input.expiresInDays * 86_400_000) : null;
  return identityTransaction(ctx, partner.userId, async (tx) => {
    const issued = await issuePartnerToken(tx, actor, { userId: partner.userId, name: input.name, scopes: scopesFor[input.access], expiresAt });
    await auditSharing(tx, actor, { action: 'sharing-token.issued', targetType: 'sharing-partner', targetId: partner.id, summary: { tokenId: issued.token.id, name: input.name, scopes: issued.token.scopes, expiresAt: expiresAt?.toISOString() ?? null } });
    return issued;
  });
}

export async function revokeToken(ctx: PlatformContext, p: Principal, partnerId: string, tokenId: string, actor: Actor): Promise<void> {
  requirePermission(p, 'integrity.manage');
  const partner = await partnerOrFail(ctx, partnerId);
  await identityTransaction(ctx, partner.userId, async (tx) => {
    const token = await revokePartnerToken(tx, actor, partner.userId, tokenId);
    if (!token) throw new AppError('sharing-token.not-found');
    await auditSharing(tx, actor, { action: 'sharing-token.revoked', targetType: 'sharing-partner', targetId: partner.id, summary: { tokenId, name: token.name } });
  });
}
