import type { AuthenticationResponseJSON, WebAuthnCredential } from '@simplewebauthn/server';
import { generateAuthenticationOptions, verifyAuthenticationResponse } from '@simplewebauthn/server';
import { decodeClientDataJSON, isoBase64URL } from '@simplewebauthn/server/helpers';
import { and, asc, eq, gt, inArray, isNull, lt } from 'drizzle-orm';
import { type Config, staffUrlOf } from '../../platform/config/config.ts';
import type { Executor } from '../../platform/db/index.ts';
import { AppError } from '../../platform/errors/app-error.ts';
import { webauthnChallenges, webauthnCredentials } from './identity.tables.ts';

export type PasskeyRow = typeof webauthnCredentials.$inferSelect;
export type ChallengePurpose = (typeof webauthnChallenges.$inferSelect)['purpose'];

/** A challenge lives long enough for a person to touch a key, not for a replay later. */
const challengeTtlMs = 5 * 60_000;
export const webauthnTimeoutMs = 120_000;

/** The relying party is the staff app's address: a passkey made for it works nowhere else. */
export function relyingParty(config: Config): { rpID: string; origin: string; rpName: string } {
  const url = new URL(staffUrlOf(config));
  return { rpID: url.hostname, origin: url.origin, rpName: config.orgName ? `DiploDesk (${config.orgName})` : 'DiploDesk' };
}

export async function storeChallenge(x: Executor, challenge: string, purpose: ChallengePurpose, sessionId: string | null): Promise<void> {
  // Expired challenges are swept on the way; a table of stale rows would otherwise only grow.
  await x.delete(webauthnChallenges).where(lt(webauthnChallenges.expiresAt, new Date()));
  await x.insert(webauthnChallenges).values({ challenge, purpose, sessionId, expiresAt: new Date(Date.now() + challengeTtlMs) });
}

/**
 * Takes the challenge the browser signed out of the store: one `DELETE … RETURNING`, so a
 * challenge answers once, only for its purpose, only to the session that asked, only in time.
 */
export async function consumeChallenge(x: Executor, clientDataJSON: string, purpose: ChallengePurpose, sessionId: string | null): Promise<string> {
  let challenge: string;
  try {
    challenge = decodeClientDataJSON(clientDataJSON).challenge;
  } catch {
    throw new AppError('auth.passkey-invalid');
  }
  const taken = await x
    .delete(webauthnChallenges)
    .where(
      and(
        eq(webauthnChallenges.challenge, challenge),
        eq(webauthnChallenges.purpose, purpose),
        sessionId === null ? isNull(webauthnChallenges.sessionId) : eq(webauthnChallenges.sessionId, sessionId),
        gt(webauthnChallenges.expiresAt, new Date()),
      ),
    )
    .returning({ challenge: webauthnChallenges.challenge });
  if (taken.length === 0) throw new AppError('auth.passkey-invalid', 'This passkey request has expired or was already used. Try again.');
  return challenge;
}

export const passkeysOf = (x: Executor, userId: string): Promise<PasskeyRow[]> =>
  x.select().from(webauthnCredentials).where(eq(webauthnCredentials.userId, userId)).orderBy(asc(webauthnCredentials.createdAt));

export async function findPasskeyByCredentialId(x: Executor, credentialId: string): Promise<PasskeyRow | undefined> {
  const [row] = await x.select().from(webauthnCredentials).where(eq(webauthnCredentials.credentialId, credentialId));
  return row;
}

export function asWebAuthnCredential(row: PasskeyRow): WebAuthnCredential {
  return { id: row.credentialId, publicKey: isoBase64URL.toBuffer(row.publicKey), counter: row.counter, transports: row.transports as WebAuthnCredential['transports'] };
}

/** Options for `navigator.credentials.get`, the challenge stored for one use. */
/** WebAuthn options as sent to the browser (W3C JSON). */
export type WebAuthnOptionsJson = { challenge: string; [field: string]: unknown };

export async function assertionOptions(x: Executor, config: Config, purpose: ChallengePurpose, sessionId: string | null, allow: PasskeyRow[] | null): Promise<WebAuthnOptionsJson> {
  const options = await generateAuthenticationOptions({
    rpID: relyingParty(config).rpID,
    timeout: webauthnTimeoutMs,
    userVerification: 'required',
    ...(allow ? { allowCredentials: allow.map((k) => ({ id: k.credentialId, transports: k.transports })) } : {}),
  });
  await storeChallenge(x, options.challenge, purpose, sessionId);
  return { ...options };
}

export type VerifiedAssertion = { passkey: PasskeyRow; newCounter: number; backedUp: boolean };

/**
 * Checks an assertion against a stored passkey (signature, origin, RP ID, user verification).
 * A counter that does not grow past the stored one means a cloned authenticator: refused with
 * `reason: 'counter'` so the caller can audit it.
 */
export async function verifyAssertion(
  x: Executor,
  config: Config,
  response: AuthenticationResponseJSON,
  purpose: ChallengePurpose,
  sessionId: string | null,
): Promise<{ ok: true; value: VerifiedAssertion } | { ok: false; passkey: PasskeyRow | null; reason: 'unknown' | 'counter' | 'signature' }> {
  const expectedChallenge = await consumeChallenge(x, response.response?.clientDataJSON ?? '', purpose, sessionId);
  const passkey = typeof response.id === 'string' ? await findPasskeyByCredentialId(x, response.id) : undefined;
  if (!passkey) return { ok: false, passkey: null, reason: 'unknown' };
  const rp = relyingParty(config);
  try {
    const result = await verifyAuthenticationResponse({
      response,
      expectedChallenge,
      expectedOrigin: rp.origin,
      expectedRPID: rp.rpID,
      credential: asWebAuthnCredential(passkey),
      requireUserVerification: true,
    });
    if (!result.verified) return { ok: false, passkey, reason: 'signature' };
    return { ok: true, value: { passkey, newCounter: result.authenticationInfo.newCounter, backedUp: result.authenticationInfo.credentialBackedUp } };
  } catch (err) {
    return { ok: false, passkey, reason: err instanceof Error && /counter/i.test(err.message) ? 'counter' : 'signature' };
  }
}

/**
 * Records a successful use. The counter only rises: the update is conditional, so of two
 * assertions racing with the same counter only one lands (false = treat as a cloned key).
 */
export async function recordPasskeyUse(x: Executor, v: VerifiedAssertion): Promise<boolean> {
  const t = webauthnCredentials;
  const updated = await x
    .update(t)
    .set({ counter: v.newCounter, backedUp: v.backedUp, lastUsedAt: new Date() })
    .where(and(eq(t.id, v.passkey.id), v.newCounter === 0 ? eq(t.counter, 0) : lt(t.counter, v.newCounter)))
    .returning({ id: t.id });
  return updated.length > 0;
}

/** Which of these users have at least one passkey. */
export async function usersWithPasskeys(x: Executor, userIds: readonly string[]): Promise<Set<string>> {
  if (userIds.length === 0) return new Set();
  const rows = await x.selectDistinct({ userId: webauthnCredentials.userId }).from(webauthnCredentials).where(inArray(webauthnCredentials.userId, [...userIds]));
  return new Set(rows.map((r) => r.userId));
}

/** The second factors this user has: drives the MFA step, step-up and the last-factor rule. */
export async function secondFactorsOf(x: Executor, user: { id: string; totpEnabled: boolean }): Promise<('totp' | 'passkey')[]> {
  const [key] = await x.select({ id: webauthnCredentials.id }).from(webauthnCredentials).where(eq(webauthnCredentials.userId, user.id)).limit(1);
  return [...(user.totpEnabled ? (['totp'] as const) : []), ...(key ? (['passkey'] as const) : [])];
}
