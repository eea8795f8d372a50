import { permissions, rolePermissions } from '@diplodesk/contracts';
import type { FastifyInstance } from 'fastify';
import { heldPermissions, type Principal } from '../../platform/authz/principal.ts';
import { AppError } from '../../platform/errors/app-error.ts';

// What an account with a generated first password may still do: read itself, pick its own
// password, sign out (public routes stay public).
const allowedBeforePasswordChange = new Set(['GET /api/v1/me', 'POST /api/v1/me/password']);
// What an account that the MFA policy holds to a second factor may do before it has one: read
// itself, enrol TOTP or a passkey (registering one may first ask to confirm the password), change
// its password.
const allowedBeforeMfaSetup = new Set([
  ...allowedBeforePasswordChange,
  'POST /api/v1/me/mfa/setup',
  'POST /api/v1/me/mfa/enable',
  'GET /api/v1/me/passkeys',
  'POST /api/v1/me/passkeys/options',
  'POST /api/v1/me/passkeys',
  'POST /api/v1/auth/step-up',
]);

// What an invited delegate's `meeting-guest` account may do beyond its meetings: read and adjust
// itself (language, time zone), see and end its own sessions, and use the live gateway. It signs in
// only through invitation links, so it enrols no password, second factor, passkey or API token.
export const allowedForMeetingGuests: ReadonlySet<string> = new Set(['GET /api/v1/me', 'PATCH /api/v1/me', 'GET /api/v1/me/sessions', 'DELETE /api/v1/me/sessions/:id', 'GET /api/live']);

/** A session whose every permission is the `meeting-guest` role's (held through no other role). */
function isMeetingGuest(p: Principal): boolean {
  if (p.via !== 'session') return false;
  const held = heldPermissions(p, permissions);
  return held.length > 0 && held.every((x) => rolePermissions['meeting-guest'].includes(x));
}

/**
 * Request-wide rules that follow from who the caller is, installed after route authentication:
 * a forced first password change, a second factor the MFA policy requires, a meeting guest kept to its meetings, and no caching of anything answered to a signed-in caller.
 */
export function installIdentityGuards(app: FastifyInstance): void {
  app.addHook('onRequest', async (req) => {
    const rule = req.routeOptions.config.auth;
    if (!rule || rule.access === 'public' || rule.access === 'mfa-pending') return;
    if (req.principal?.mustChangePassword && !allowedBeforePasswordChange.has(`${req.method} ${req.routeOptions.url}`)) {
      throw new AppError('auth.password-change-required');
    }
    if (req.principal?.mfaSetupRequired && !allowedBeforeMfaSetup.has(`${req.method} ${req.routeOptions.url}`)) {
      throw new AppError('auth.mfa-setup-required');
    }
    if (rule.access === 'signed-in' && req.principal && isMeetingGuest(req.principal) && !allowedForMeetingGuests.has(`${req.method} ${req.routeOptions.url}`)) {
      throw new AppError('authz.forbidden', 'A meeting guest’s account is limited to its meetings.');
    }
  });
  app.addHook('onSend', async (req, reply, payload) => {
    // A response for a signed-in caller (the CSRF token in /me, names, drafts) or one that sets a
    // session cookie must not stay in a shared or browser cache.
    if (req.principal || req.pendingMfaSessionId || reply.hasHeader('set-cookie')) void reply.header('cache-control', 'no-store');
    return payload;
  });
}
