import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { sealLegacyV1 as sealV1 } from '../../test/legacy-seal.ts';
import { createSecretKeyring, keyFromSecret, masterKeyId, resolvePreviousKeys, sealedFormat } from './secret-box.ts';

const oldKey = Buffer.alloc(32, 7);
const newKey = Buffer.alloc(32, 8);

function tamper(sealed: string, part: number): string {
  const parts = sealed.split('.');
  // Another first character than the one there (a fixed 'A' would leave the value untouched one run in 64).
  parts[part] = `${parts[part]?.startsWith('A') ? 'B' : 'A'}${parts[part]?.slice(1)}`;
  return parts.join('.');
}

describe('secret keyring', () => {
  it('seals as v2 under the current key id, binds the context and refuses a tampered value', () => {
    const ring = createSecretKeyring(newKey);
    const box = ring.for('totp');
    const sealed = box.seal('JBSWY3DPEHPK3PXP', 'totp:u1');
    expect(sealed).not.toContain('JBSWY3DPEHPK3PXP');
    expect(sealed.startsWith(`v2.${ring.currentKeyId}.`)).toBe(true);
    expect(sealedFormat(sealed)).toEqual({ format: 'v2', keyId: ring.currentKeyId });
    expect(ring.isCurrent(sealed)).toBe(true);
    expect(box.open(sealed, 'totp:u1')).toBe('JBSWY3DPEHPK3PXP');
    expect(() => box.open(sealed, 'totp:u2')).toThrow(/does not open/);
    expect(() => box.open(tamper(sealed, 4), 'totp:u1')).toThrow(/does not open/);
    expect(() => box.open(tamper(sealed, 3), 'totp:u1')).toThrow(/does not open/);
    expect(() => box.open('v2.nothex!.a.b.c', 'totp:u1')).toThrow(/malformed/);
  });

  it('gives each purpose its own key: the TOTP box cannot open a signing key, even with the right context', () => {
    const ring = createSecretKeyring(newKey);
    const sealed = ring.for('signing-keys').seal('-----BEGIN PRIVATE KEY-----', 'signing-key:o1:k1');
    expect(ring.for('signing-keys').open(sealed, 'signing-key:o1:k1')).toBe('-----BEGIN PRIVATE KEY-----');
    for (const other of ['totp', 'sso', 'source-credentials', 'actor-keys', 'channel-tokens', 'federation-queue'] as const) {
      expect(() => ring.for(other).open(sealed, 'signing-key:o1:k1')).toThrow(/does not open/);
    }
  });

  it('opens legacy v1 values sealed with the master key itself, under the current or a previous key', () => {
    const legacy = sealV1(oldKey, 'client-secret', 'sso-client-secret:p1');
    expect(sealedFormat(legacy)).toEqual({ format: 'v1', keyId: null });
    expect(createSecretKeyring(oldKey).for('sso').open(legacy, 'sso-client-secret:p1')).toBe('client-secret');
    const rotated = createSecretKeyring(newKey, [oldKey]);
    expect(rotated.isCurrent(legacy)).toBe(false);
    expect(rotated.for('sso').open(legacy, 'sso-client-secret:p1')).toBe('client-secret');
    expect(() => rotated.for('sso').open(legacy, 'sso-client-secret:p2')).toThrow(/does not open/);
    expect(() => createSecretKeyring(newKey).for('sso').open(legacy, 'sso-client-secret:p1')).toThrow(/does not open/);
  });

  it('opens what a previous master key sealed while it is listed, and seals only under the current one', () => {
    const before = createSecretKeyring(oldKey).for('channel-tokens').seal('token', 'channel-account:a1');
    const rotated = createSecretKeyring(newKey, [oldKey]);
    expect(rotated.previousKeyIds).toEqual([masterKeyId(oldKey)]);
    expect(rotated.isCurrent(before)).toBe(false);
    expect(rotated.for('channel-tokens').open(before, 'channel-account:a1')).toBe('token');
    const after = rotated.for('channel-tokens').seal('token', 'channel-account:a1');
    expect(sealedFormat(after).keyId).toBe(masterKeyId(newKey));
    // The old key removed: its values no longer open, and the message names the key they need.
    expect(() => createSecretKeyring(newKey).for('channel-tokens').open(before, 'channel-account:a1')).toThrow(new RegExp(masterKeyId(oldKey)));
    expect(createSecretKeyring(newKey).for('channel-tokens').open(after, 'channel-account:a1')).toBe('token');
  });

  it('names keys by a fingerprint that is stable and differs per key, and ignores the current key listed as previous', () => {
    expect(masterKeyId(newKey)).toMatch(/^[0-9a-f]{8}$/);
    expect(masterKeyId(newKey)).toBe(masterKeyId(Buffer.alloc(32, 8)));
    expect(masterKeyId(newKey)).not.toBe(masterKeyId(oldKey));
    expect(masterKeyId(newKey)).not.toBe(newKey.subarray(0, 4).toString('hex'));
    expect(createSecretKeyring(newKey, [newKey, oldKey, oldKey]).previousKeyIds).toEqual([masterKeyId(oldKey)]);
  });

  it('reads previous keys from secrets and key files', () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'diplodesk-keys-')), 'old.key');
    fs.writeFileSync(file, `${oldKey.toString('base64')}\n`);
    const previous = resolvePreviousKeys(['an-old-secret-an-old-secret-an-old-secret'], [file]);
    expect(previous.map(masterKeyId)).toEqual([masterKeyId(keyFromSecret('an-old-secret-an-old-secret-an-old-secret')), masterKeyId(oldKey)]);
    fs.writeFileSync(file, 'c2hvcnQ=');
    expect(() => resolvePreviousKeys([], [file])).toThrow(/32-byte base64 key/);
  });
});
