import { describe, expect, it } from 'vitest';
import { canonicalJson } from './canonical-json.ts';
import { createPasswordHasher, hashPassword, verifyPassword } from './password.ts';

describe('passwords', () => {
  it('verifies the right password only, with a self-describing scrypt hash', async () => {
    const cheap = { N: 2 ** 12, r: 8, p: 1 };
    const stored = await hashPassword('correct horse battery staple', cheap);
    expect(stored).toMatch(/^scrypt\$4096\$8\$1\$/);
    expect(await verifyPassword('correct horse battery staple', stored)).toBe(true);
    expect(await verifyPassword('correct horse battery stapler', stored)).toBe(false);
    expect(await verifyPassword('x', 'garbage')).toBe(false);
  });
});

describe('password hasher', () => {
  it('hashes at its cost, checks hashes of any cost, and asks for a re-hash of the others', async () => {
    const cheap = createPasswordHasher(10);
    const dearer = createPasswordHasher(11);
    const stored = await cheap.hash('correct horse battery staple');
    expect(stored).toMatch(/^scrypt\$1024\$8\$1\$/);
    expect(await dearer.verify('correct horse battery staple', stored)).toBe(true);
    expect(cheap.needsRehash(stored)).toBe(false);
    expect(dearer.needsRehash(stored)).toBe(true);
    expect(dearer.needsRehash('garbage')).toBe(false);
    await expect(cheap.burn('anything')).resolves.toBeUndefined();
  });
  it('defaults to N = 2^17', async () => {
    expect(await createPasswordHasher().hash('x')).toMatch(/^scrypt\$131072\$8\$1\$/);
  });
});

describe('canonical JSON (RFC 8785)', () => {
  it('sorts keys and formats numbers canonically', () => {
    expect(canonicalJson({ b: 1, a: [true, null, 'é'], c: { z: 1e21, y: 0.1 } })).toBe('{"a":[true,null,"é"],"b":1,"c":{"y":0.1,"z":1e+21}}');
  });
});
