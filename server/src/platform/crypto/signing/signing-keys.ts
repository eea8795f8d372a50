import { createPrivateKey, createPublicKey, generateKeyPairSync, type KeyObject } from 'node:crypto';
import { calculateJwkThumbprint, exportJWK, type JWK } from 'jose';
import type { SecretBox } from '../secret-box.ts';

/** The public half of an Ed25519 key as an OKP JWK (RFC 8037), without private members. */
export type PublicSigningJwk = { kty: 'OKP'; crv: 'Ed25519'; x: string };

/** What the statements domain stores per key; the private key only ever leaves here sealed. */
export type StoredSigningKey = {
  kid: string;
  publicJwk: PublicSigningJwk;
  privateKeySealed: string;
  createdAt: Date;
};

/** An opened key, ready for `signStatement`. Keep it in memory only. */
export type SigningKey = { kid: string; privateKey: KeyObject };

export type JwksKey = PublicSigningJwk & { kid: string; use: 'sig'; alg: 'EdDSA' };
export type Jwks = { keys: JwksKey[] };

// The sealing context binds the ciphertext to the organisation and key id, so a sealed key copied
// into another organisation's row (or under another kid) fails to open instead of signing for it.
export function signingKeyContext(orgId: string, kid: string): string {
  return `signing-key:${orgId}:${kid}`;
}

async function toPublicJwk(key: KeyObject): Promise<PublicSigningJwk> {
  const jwk: JWK = await exportJWK(key);
  if (jwk.kty !== 'OKP' || jwk.crv !== 'Ed25519' || typeof jwk.x !== 'string') throw new Error('not an Ed25519 public key');
  return { kty: 'OKP', crv: 'Ed25519', x: jwk.x };
}

/** Creates an Ed25519 key for an organisation; kid is its RFC 7638 JWK thumbprint (SHA-256). */
export async function generateSigningKey(secretBox: SecretBox, orgId: string, now: Date = new Date()): Promise<StoredSigningKey> {
  const { publicKey, privateKey } = generateKeyPairSync('ed25519');
  const publicJwk = await toPublicJwk(publicKey);
  const kid = await calculateJwkThumbprint(publicJwk, 'sha256');
  const pem = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
  return { kid, publicJwk, privateKeySealed: secretBox.seal(pem, signingKeyContext(orgId, kid)), createdAt: now };
}

/** Unseals a stored key, and refuses one whose private half does not match its public JWK and kid. */
export async function openSigningKey(secretBox: SecretBox, orgId: string, stored: Pick<StoredSigningKey, 'kid' | 'publicJwk' | 'privateKeySealed'>): Promise<SigningKey> {
  const privateKey = createPrivateKey(secretBox.open(stored.privateKeySealed, signingKeyContext(orgId, stored.kid)));
  if (privateKey.asymmetricKeyType !== 'ed25519') throw new Error('stored signing key is not Ed25519');
  const derived = await toPublicJwk(createPublicKey(privateKey));
  if (derived.x !== stored.publicJwk.x) throw new Error('stored signing key does not match its public key');
  return { kid: stored.kid, privateKey };
}

/**
 * The JSON Web Key Set to publish at /.well-known/jwks.json. Pass every key the organisation ever
 * used, retired ones included: rotation must leave old statements verifiable.
 * @example buildJwks(await repo.listKeys(orgId)) // { keys: [{ kty: 'OKP', crv: 'Ed25519', x, kid, use: 'sig', alg: 'EdDSA' }] }
 */
export function buildJwks(keys: ReadonlyArray<Pick<StoredSigningKey, 'kid' | 'publicJwk'>>): Jwks {
  return {
    keys: keys.map((k) => ({ kty: 'OKP', crv: 'Ed25519', x: k.publicJwk.x, kid: k.kid, use: 'sig', alg: 'EdDSA' })),
  };
}
