import { createPublicKey, type KeyObject } from 'node:crypto';
import { FlattenedSign, flattenedVerify } from 'jose';
import type { Jwks, SigningKey } from './signing-keys.ts';

/** Protected header of every statement signature (RFC 7515 + RFC 7797 unencoded payload). */
export type StatementJwsHeader = { alg: 'EdDSA'; kid: string; b64: false; crit: ['b64'] };

export type VerifyResult = { valid: true; kid: string } | { valid: false; reason: 'signature' | 'unknown-key' | 'malformed' };

function toBytes(payload: string | Uint8Array): Uint8Array {
  return typeof payload === 'string' ? new TextEncoder().encode(payload) : payload;
}

/**
 * Signs a canonical statement as a detached compact JWS `<header>..<signature>`.
 * b64:false (RFC 7797) makes the signing input `<header>.` followed by the canonical JSON bytes as
 * they are, so anyone can check it with OpenSSL and the JWKS without re-encoding the payload.
 * @example const jws = await signStatement(key, canonicalStatement(statement))
 */
export async function signStatement(key: SigningKey, canonicalPayload: string | Uint8Array): Promise<string> {
  const header: StatementJwsHeader = { alg: 'EdDSA', kid: key.kid, b64: false, crit: ['b64'] };
  // jose's CompactSign refuses b64:false, so sign flattened and lay out the compact form ourselves;
  // with b64:false its payload member is the raw bytes, which a detached JWS leaves out anyway.
  const jws = await new FlattenedSign(toBytes(canonicalPayload)).setProtectedHeader(header).sign(key.privateKey);
  if (!jws.protected) throw new Error('jose returned no protected header');
  return `${jws.protected}..${jws.signature}`;
}

function parseHeader(encoded: string): Record<string, unknown> | undefined {
  try {
    const header: unknown = JSON.parse(Buffer.from(encoded, 'base64url').toString('utf8'));
    return header !== null && typeof header === 'object' && !Array.isArray(header) ? (header as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

// Imported public keys by their `x` (a handful per organisation; imported once, not per check).
const importedKeys = new Map<string, KeyObject>();
function publicKeyOf(jwk: { kty: string; crv: string; x: string }): KeyObject {
  let key = importedKeys.get(jwk.x);
  if (!key) {
    key = createPublicKey({ key: { kty: jwk.kty, crv: jwk.crv, x: jwk.x }, format: 'jwk' });
    if (importedKeys.size > 1000) importedKeys.clear();
    importedKeys.set(jwk.x, key);
  }
  return key;
}

/** Checks a detached JWS over a canonical payload against a JWKS; never throws for bad input. */
export async function verifyStatement(jwks: Jwks, canonicalPayload: string | Uint8Array, detachedJws: string): Promise<VerifyResult> {
  const parts = detachedJws.trim().split('.');
  const [encodedHeader, payloadPart, signature] = parts;
  if (parts.length !== 3 || !encodedHeader || payloadPart !== '' || !signature) return { valid: false, reason: 'malformed' };
  const header = parseHeader(encodedHeader);
  // Only the exact header we produce is accepted: no alg choice is left to whoever sent the JWS.
  if (header?.alg !== 'EdDSA' || header.b64 !== false || typeof header.kid !== 'string') return { valid: false, reason: 'malformed' };
  const jwk = jwks.keys.find((k) => k.kid === header.kid);
  if (!jwk) return { valid: false, reason: 'unknown-key' };
  try {
    const publicKey = publicKeyOf(jwk);
    await flattenedVerify({ protected: encodedHeader, payload: toBytes(canonicalPayload), signature }, publicKey, { algorithms: ['EdDSA'] });
    return { valid: true, kid: header.kid };
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    return { valid: false, reason: code === 'ERR_JWS_SIGNATURE_VERIFICATION_FAILED' ? 'signature' : 'malformed' };
  }
}
