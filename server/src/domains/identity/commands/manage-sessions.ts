import type { SessionDto } from '@diplodesk/contracts';
import type { Principal } from '../../../platform/authz/principal.ts';
import type { PlatformContext } from '../../../platform/context.ts';
import { AppError } from '../../../platform/errors/app-error.ts';
import { describeDevice } from '../describe-device.ts';
import { identityTransaction } from '../identity-transaction.ts';
import { auditIdentity } from '../identity.audit.ts';
import { deleteSession, findSessionOf, listSessionsOf, type SessionRow } from '../identity.repo.ts';

function presentSession(s: SessionRow, currentId: string | null): SessionDto {
  return {
    id: s.id,
    device: describeDevice(s.userAgent),
    address: s.ip,
    createdAt: s.createdAt.toISOString(),
    lastSeenAt: s.lastSeenAt.toISOString(),
    expiresAt: s.expiresAt.toISOString(),
    current: s.id === currentId,
  };
}

/** The caller's signed-in sessions (not half-finished two-step sign-ins, not idle or expired ones). */
export async function listOwnSessions(ctx: PlatformContext, p: Principal): Promise<SessionDto[]> {
  const idleSince = new Date(Date.now() - ctx.config.sessionIdleMinutes * 60_000);
  const rows = await listSessionsOf(ctx.db, p.userId, idleSince);
  return rows.map((s) => presentSession(s, p.sessionId));
}

/** Ends one of the caller's own sessions (a lost laptop, a shared computer); someone else's is "not found". */
export async function endOwnSession(ctx: PlatformContext, p: Principal, sessionId: string, requestId: string): Promise<void> {
  const session = await findSessionOf(ctx.db, p.userId, sessionId);
  if (!session) throw new AppError('session.not-found');
  await identityTransaction(ctx, p.userId, async (tx) => {
    await deleteSession(tx, session.id);
    await auditIdentity(tx, { userId: p.userId, label: p.email, requestId }, {
      action: 'auth.session-ended',
      targetType: 'user',
      targetId: p.userId,
      unitId: null,
      summary: { sessionId: session.id, device: describeDevice(session.userAgent), address: session.ip },
    });
  });
}
