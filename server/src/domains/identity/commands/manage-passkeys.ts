import type { PasskeyDto } from '@diplodesk/contracts';
import type { RegistrationResponseJSON } from '@simplewebauthn/server';
import { generateRegistrationOptions, verifyRegistrationResponse } from '@simplewebauthn/server';
import { isoBase64URL, isoUint8Array } from '@simplewebauthn/server/helpers';
import { and, eq } from 'drizzle-orm';
import type { Principal } from '../../../platform/authz/principal.ts';
import type { PlatformContext } from '../../../platform/context.ts';
import { AppError } from '../../../platform/errors/app-error.ts';
import { identityTransaction } from '../identity-transaction.ts';
import { auditIdentity } from '../identity.audit.ts';
import { findUser } from '../identity.repo.ts';
import { webauthnCredentials } from '../identity.tables.ts';
import { consumeChallenge, type PasskeyRow, passkeysOf, relyingParty, storeChallenge, type WebAuthnOptionsJson, webauthnTimeoutMs } from '../webauthn.ts';

export const presentPasskey = (k: PasskeyRow): PasskeyDto => ({
  id: k.id,
  name: k.name,
  deviceType: k.deviceType,
  backedUp: k.backedUp,
  createdAt: k.createdAt.toISOString(),
  lastUsedAt: k.lastUsedAt?.toISOString() ?? null,
});

function sessionOf(p: Principal): string {
  // Routes are browser-only; a token caller never reaches here, but the challenge must have an owner.
  if (!p.sessionId) throw new AppError('auth.session-required');
  return p.sessionId;
}

/**
 * Options for `navigator.credentials.create`: a discoverable credential with user verification,
 * so the same passkey serves as a second factor and for passwordless sign-in. The user handle is
 * the user id (never the e-mail), the keys already registered are excluded.
 */
export async function startPasskeyRegistration(ctx: PlatformContext, p: Principal): Promise<WebAuthnOptionsJson> {
  const existing = await passkeysOf(ctx.db, p.userId);
  const rp = relyingParty(ctx.config);
  const options = await generateRegistrationOptions({
    rpName: rp.rpName,
    rpID: rp.rpID,
    userName: p.email,
    userDisplayName: p.displayName,
    userID: isoUint8Array.fromUTF8String(p.userId),
    timeout: webauthnTimeoutMs,
    attestationType: 'none',
    excludeCredentials: existing.map((k) => ({ id: k.credentialId, transports: k.transports })),
    authenticatorSelection: { residentKey: 'required', userVerification: 'required' },
  });
  await storeChallenge(ctx.db, options.challenge, 'register', sessionOf(p));
  return { ...options };
}

export async function finishPasskeyRegistration(ctx: PlatformContext, p: Principal, input: { name: string; response: RegistrationResponseJSON }, requestId: string): Promise<PasskeyDto> {
  const rp = relyingParty(ctx.config);
  // Taken before the transaction: a refused response must still use the challenge up.
  const expectedChallenge = await consumeChallenge(ctx.db, input.response.response.clientDataJSON, 'register', sessionOf(p));
  const row = await identityTransaction(ctx, p.userId, async (tx) => {
    let info: Awaited<ReturnType<typeof verifyRegistrationResponse>>['registrationInfo'];
    try {
      const result = await verifyRegistrationResponse({ response: input.response, expectedChallenge, expectedOrigin: rp.origin, expectedRPID: rp.rpID, requireUserVerification: true });
      info = result.registrationInfo;
    } catch {
      info = undefined;
    }
    if (!info) throw new AppError('auth.passkey-invalid');
    const inserted = await tx
      .insert(webauthnCredentials)
      .values({
        userId: p.userId,
        credentialId: info.credential.id,
        publicKey: isoBase64URL.fromBuffer(info.credential.publicKey),
        counter: info.credential.counter,
        transports: info.credential.transports ?? [],
        deviceType: info.credentialDeviceType,
        backedUp: info.credentialBackedUp,
        name: input.name,
      })
      .onConflictDoNothing()
      .returning();
    const passkey = inserted[0];
    if (!passkey) throw new AppError('passkey.exists');
    await auditIdentity(tx, { userId: p.userId, label: p.email, requestId }, {
      action: 'passkey.added',
      targetType: 'passkey',
      targetId: passkey.id,
      unitId: null,
      summary: { name: passkey.name, deviceType: passkey.deviceType, backedUp: passkey.backedUp },
    });
    return passkey;
  });
  return presentPasskey(row);
}

async function ownPasskey(ctx: PlatformContext, p: Principal, id: string): Promise<PasskeyRow> {
  const [row] = await ctx.db.select().from(webauthnCredentials).where(and(eq(webauthnCredentials.id, id), eq(webauthnCredentials.userId, p.userId)));
  if (!row) throw new AppError('passkey.not-found');
  return row;
}

export async function renamePasskey(ctx: PlatformContext, p: Principal, id: string, name: string, requestId: string): Promise<PasskeyDto> {
  const before = await ownPasskey(ctx, p, id);
  const row = await identityTransaction(ctx, p.userId, async (tx) => {
    const [updated] = await tx.update(webauthnCredentials).set({ name }).where(eq(webauthnCredentials.id, id)).returning();
    await auditIdentity(tx, { userId: p.userId, label: p.email, requestId }, { action: 'passkey.renamed', targetType: 'passkey', targetId: id, unitId: null, summary: { before: before.name, after: name } });
    return updated ?? before;
  });
  return presentPasskey(row);
}

/** Removing a passkey takes the password, as turning TOTP off does: a left-open session cannot strip a factor. */
export async function removePasskey(ctx: PlatformContext, p: Principal, id: string, password: string, requestId: string): Promise<void> {
  const row = await ownPasskey(ctx, p, id);
  const user = await findUser(ctx.db, p.userId);
  if (!user?.passwordHash || !(await ctx.passwords.verify(password, user.passwordHash))) throw new AppError('auth.invalid-credentials', 'The password is wrong.');
  await identityTransaction(ctx, p.userId, async (tx) => {
    await tx.delete(webauthnCredentials).where(eq(webauthnCredentials.id, row.id));
    await auditIdentity(tx, { userId: p.userId, label: p.email, requestId }, { action: 'passkey.removed', targetType: 'passkey', targetId: row.id, unitId: null, summary: { name: row.name } });
  });
}
