import { sql } from 'drizzle-orm';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Actor } from '../../../platform/audit/audit.ts';
import type { PlatformContext } from '../../../platform/context.ts';
import type { Tx } from '../../../platform/db/index.ts';
import { AppError } from '../../../platform/errors/app-error.ts';
import { type CookieNames, cookieSecure, setSessionCookies } from '../authenticate.ts';
import { auditIdentity } from '../identity.audit.ts';
import { findRootUnit, findUser, findUserByEmail, insertMembership, insertUser, membershipsOf } from '../identity.repo.ts';
import { clientMeta } from '../routes/route-helpers.ts';
import { completeSignIn } from './sign-in.ts';

// An external delegate invited to a meeting (negotiation, ADR 0032) gets an account without a
// password holding only the `meeting-guest` role at the root unit. That role grants
// `meeting.attend` and nothing else; which meetings it attends is the negotiation domain's
// participant list. The account signs in only by following a valid invitation link.

export type GuestAccount = { userId: string; email: string; created: boolean };

/** Whether an address belongs to a staff account (any role but `meeting-guest`): such a person is never made a guest. */
export async function isStaffAddress(tx: Tx, email: string): Promise<boolean> {
  const user = await findUserByEmail(tx, email);
  if (!user) return false;
  const held = await membershipsOf(tx, [user.id]);
  return held.length === 0 ? user.passwordHash !== null : held.some((m) => m.role !== 'meeting-guest');
}

/** The guest account of this address, created (and audited) when there is none; refused for a staff address. */
export async function guestAccountFor(tx: Tx, actor: Actor, input: { email: string; displayName: string; locale: 'en' | 'id' }): Promise<GuestAccount> {
  const email = input.email.trim().toLowerCase();
  // Two invitations of one address accepted at once create one account: the second waits here.
  await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${`guest-account:${email}`}, 0))`);
  if (await isStaffAddress(tx, email)) throw new AppError('authz.forbidden', 'This address belongs to a staff account, which signs in as usual.');
  const existing = await findUserByEmail(tx, email);
  if (existing) {
    if (!existing.isActive) throw new AppError('authz.forbidden', 'This guest account has been disabled.');
    return { userId: existing.id, email, created: false };
  }
  const root = await findRootUnit(tx);
  if (!root) throw new AppError('unit.not-found', 'The workspace has no root unit yet.');
  const user = await insertUser(tx, { email, displayName: input.displayName, passwordHash: null, mustChangePassword: false, locale: input.locale, timeZone: 'UTC' });
  await auditIdentity(tx, actor, { action: 'user.created', targetType: 'user', targetId: user.id, unitId: root.id, summary: { email: user.email, displayName: user.displayName, withPassword: false } });
  const m = await insertMembership(tx, { userId: user.id, unitId: root.id, role: 'meeting-guest' });
  if (m) await auditIdentity(tx, actor, { action: 'membership.granted', targetType: 'membership', targetId: m.id, unitId: root.id, summary: { userId: user.id, unitId: root.id, role: 'meeting-guest' } });
  return { userId: user.id, email, created: true };
}

/**
 * Signs a guest account in after its invitation was checked, in the caller's transaction: a full
 * session (audited as an `invitation` sign-in) whose cookies are set on the reply.
 */
export async function signInGuest(ctx: PlatformContext, tx: Tx, cookies: CookieNames, req: FastifyRequest, reply: FastifyReply, userId: string): Promise<void> {
  const user = await findUser(tx, userId);
  if (!user?.isActive) throw new AppError('authz.forbidden', 'This guest account has been disabled.');
  const result = await completeSignIn(ctx, tx, user, 'invitation', clientMeta(req));
  setSessionCookies(reply, cookies, result.session.token, result.session.csrfToken, { secure: cookieSecure(req, cookies), maxAgeSeconds: result.session.maxAgeSeconds });
}
