import { calculateJwkThumbprint } from 'jose';
import { describe, expect, it } from 'vitest';
import { createSecretKeyring } from '../secret-box.ts';
import { buildJwks, generateSigningKey, openSigningKey } from './signing-keys.ts';

const box = createSecretKeyring(Buffer.alloc(32, 3)).for('signing-keys');

describe('signing keys', () => {
  it('generates an Ed25519 key whose kid is the RFC 7638 thumbprint, sealed at rest', async () => {
    const stored = await generateSigningKey(box, 'org-1', new Date('2026-01-01T00:00:00Z'));
    expect(stored.publicJwk).toEqual({ kty: 'OKP', crv: 'Ed25519', x: expect.stringMatching(/^[A-Za-z0-9_-]{43}$/) });
    expect(stored.kid).toBe(await calculateJwkThumbprint(stored.publicJwk, 'sha256'));
    expect(stored.privateKeySealed).toMatch(/^v2\./);
    expect(stored.privateKeySealed).not.toContain('PRIVATE KEY');
    expect(stored.createdAt.toISOString()).toBe('2026-01-01T00:00:00.000Z');
    const opened = await openSigningKey(box, 'org-1', stored);
    expect(opened.kid).toBe(stored.kid);
    expect(opened.privateKey.asymmetricKeyType).toBe('ed25519');
  });

  it('refuses to open a key under another organisation, another kid, or with a swapped public key', async () => {
    const stored = await generateSigningKey(box, 'org-1');
    const other = await generateSigningKey(box, 'org-1');
    await expect(openSigningKey(box, 'org-2', stored)).rejects.toThrow();
    await expect(openSigningKey(box, 'org-1', { ...stored, kid: other.kid })).rejects.toThrow();
    await expect(openSigningKey(box, 'org-1', { ...stored, publicJwk: other.publicJwk })).rejects.toThrow(/does not match/);
  });

  it('publishes every key, retired ones included, as a JWKS with use and alg', async () => {
    const old = await generateSigningKey(box, 'org-1');
    const current = await generateSigningKey(box, 'org-1');
    const jwks = buildJwks([old, current]);
    expect(jwks.keys.map((k) => k.kid)).toEqual([old.kid, current.kid]);
    expect(jwks.keys[0]).toEqual({ kty: 'OKP', crv: 'Ed25519', x: old.publicJwk.x, kid: old.kid, use: 'sig', alg: 'EdDSA' });
    expect(JSON.stringify(jwks)).not.toMatch(/"d"|privateKeySealed/);
  });
});
