import type { Principal } from '../../../platform/authz/principal.ts';
import type { PlatformContext } from '../../../platform/context.ts';
import { identityTransaction } from '../identity-transaction.ts';
import { auditIdentity } from '../identity.audit.ts';
import { deleteSession } from '../identity.repo.ts';

export async function signOut(ctx: PlatformContext, p: Principal | null, pendingSessionId: string | null, requestId: string): Promise<void> {
  const sessionId = p?.sessionId ?? pendingSessionId;
  if (!sessionId) return;
  await identityTransaction(ctx, null, async (tx) => {
    await deleteSession(tx, sessionId);
    if (p) {
      await auditIdentity(tx, { userId: p.userId, label: p.email, requestId, tokenId: p.tokenId ?? null }, {
        action: 'auth.signed-out',
        targetType: 'user',
        targetId: p.userId,
        unitId: null,
        summary: {},
      });
    }
  });
}
