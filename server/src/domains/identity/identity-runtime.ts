import type { MeResponse } from '@diplodesk/contracts';
import type { Principal } from '../../platform/authz/principal.ts';
import type { Authenticator } from '../../platform/authz/route-auth.ts';
import type { PlatformContext } from '../../platform/context.ts';
import type { EventBus } from '../../platform/events/bus.ts';
import type { DomainEvent } from '../../platform/events/outbox.ts';
import { type AuthCache, type CookieNames, cookieNamesFor, createAuthenticator } from './authenticate.ts';
import { identityChanged } from './identity-transaction.ts';
import { canReadUnitId } from './queries/can-read-unit.ts';
import { buildMe } from './queries/build-me.ts';
import { staffUrlOf } from '../../platform/config/config.ts';

export type IdentityRuntime = {
  authenticate: Authenticator & { cache: AuthCache };
  /** The session and CSRF cookie names (`__Host-` prefixed behind https). */
  cookies: CookieNames;
  /** The caller's `me` document (without the CSRF token), cached like sessions. */
  me(p: Principal): Promise<MeResponse>;
  /** May this user see this event on the live stream? */
  canSeeEvent(p: Principal, event: DomainEvent): Promise<boolean>;
};

const affectsAccess = (type: string) => type === identityChanged || type.startsWith('unit.') || type.startsWith('membership.') || type.startsWith('user.');

/** Wires the identity domain's caches to local signals and to the bus (changes made elsewhere). */
export function createIdentityRuntime(ctx: PlatformContext, bus: EventBus, opts: { cacheTtlMs?: number } = {}): IdentityRuntime {
  const ttlMs = opts.cacheTtlMs ?? 5_000;
  const cookies = cookieNamesFor(staffUrlOf(ctx.config));
  const authenticate = createAuthenticator(ctx.db, { ttlMs, idleMinutes: ctx.config.sessionIdleMinutes, cookies });
  const meCache = new Map<string, { value: MeResponse; until: number }>();
  const units = canReadUnitId(ctx.db);
  const clear = () => {
    authenticate.cache.clear();
    meCache.clear();
    units.invalidate();
  };
  ctx.signals.on(identityChanged, clear);
  bus.subscribeFanout((event) => {
    if (affectsAccess(event.type)) clear();
  });
  return {
    authenticate,
    cookies,
    async me(p) {
      const hit = meCache.get(p.userId);
      const now = Date.now();
      const value = hit && hit.until > now ? hit.value : await buildMe(ctx.db, p);
      if (!hit || hit.until <= now) meCache.set(p.userId, { value, until: now + ttlMs });
      // Per session, not per user: an SSO session with MFA and a password session of the same account differ.
      return { ...value, csrfToken: p.csrfToken ?? '', mfaSetupRequired: p.mfaSetupRequired === true };
    },
    async canSeeEvent(p, event) {
      // Internal bookkeeping events are not for people.
      if (event.type === identityChanged) return false;
      return units.check(p, event.unitId);
    },
  };
}
