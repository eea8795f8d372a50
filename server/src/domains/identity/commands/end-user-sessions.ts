import type { Actor } from '../../../platform/audit/audit.ts';
import type { Principal } from '../../../platform/authz/principal.ts';
import type { PlatformContext } from '../../../platform/context.ts';
import { AppError } from '../../../platform/errors/app-error.ts';
import { identityTransaction } from '../identity-transaction.ts';
import { auditIdentity } from '../identity.audit.ts';
import { deleteSessionsOfUser, revokeTokensOf } from '../identity.repo.ts';
import { loadUserInReach } from './user-access.ts';

/**
 * An administrator signs a user out everywhere (a stolen laptop, a departure, a suspected
 * compromise — ASVS 7.4.5), optionally revoking their API tokens too. The account itself stays
 * usable: deactivating it is a separate decision.
 */
export async function endUserSessions(ctx: PlatformContext, p: Principal, id: string, input: { revokeTokens: boolean }, actor: Actor): Promise<{ sessionsEnded: number; tokensRevoked: number }> {
  return identityTransaction(ctx, id, async (tx) => {
    if (p.userId === id) throw new AppError('authz.forbidden', 'End your own sessions from your profile.');
    const { memberships } = await loadUserInReach(tx, p, id, 'user.update');
    const sessionsEnded = await deleteSessionsOfUser(tx, id);
    const tokensRevoked = input.revokeTokens ? await revokeTokensOf(tx, id) : 0;
    await auditIdentity(tx, actor, { action: 'user.sessions-ended', targetType: 'user', targetId: id, unitId: memberships[0]?.unitId ?? null, summary: { sessionsEnded, tokensRevoked } });
    return { sessionsEnded, tokensRevoked };
  });
}
