import type { SecurityPolicyDto } from '@diplodesk/contracts';
import type { Actor } from '../../../platform/audit/audit.ts';
import { type Principal, can } from '../../../platform/authz/principal.ts';
import type { PlatformContext } from '../../../platform/context.ts';
import type { Executor } from '../../../platform/db/index.ts';
import { AppError } from '../../../platform/errors/app-error.ts';
import { identityTransaction } from '../identity-transaction.ts';
import { auditIdentity } from '../identity.audit.ts';
import { findRootUnit } from '../identity.repo.ts';
import { readSecurityPolicy, writeSecurityPolicy } from '../mfa-policy.ts';

/** The organisation-wide policy binds every unit: only the root unit's administrators set it. */
async function authorize(x: Executor, p: Principal): Promise<void> {
  const root = await findRootUnit(x);
  if (!root || !can(p, 'system.manage', root.path)) throw new AppError('authz.forbidden');
}

export async function getSecurityPolicy(ctx: PlatformContext, p: Principal): Promise<SecurityPolicyDto> {
  await authorize(ctx.db, p);
  return readSecurityPolicy(ctx.db);
}

/**
 * Sets which roles need a second factor (ASVS 6.3.3). It takes effect at once for every session
 * (cached callers are dropped): holders without a factor can then only enrol one.
 */
export async function updateSecurityPolicy(ctx: PlatformContext, p: Principal, input: SecurityPolicyDto, actor: Actor): Promise<SecurityPolicyDto> {
  const next = { mfaRequiredRoles: [...new Set(input.mfaRequiredRoles)].sort() };
  return identityTransaction(ctx, null, async (tx) => {
    await authorize(tx, p);
    const before = await readSecurityPolicy(tx);
    await writeSecurityPolicy(tx, next);
    await auditIdentity(tx, actor, { action: 'security-policy.updated', targetType: 'workspace', targetId: null, unitId: null, summary: { before, after: next } });
    return next;
  });
}
