import { beforeAll, describe, expect, it } from 'vitest';
import { createSecretKeyring } from '../secret-box.ts';
import { signStatement } from './sign-statement.ts';
import { buildJwks, generateSigningKey, type Jwks, openSigningKey, type SigningKey } from './signing-keys.ts';
import { canonicalStatement } from './statement-canonical.ts';
import { canonicalWithdrawal, signatureSha256, verifyWithdrawal } from './withdrawal.ts';

const box = createSecretKeyring(Buffer.alloc(32, 7)).for('signing-keys');
let key: SigningKey;
let jwks: Jwks;
const statementOf = (id: string) => canonicalStatement({ id, organisation: 'kemlu.go.id', language: 'en', title: 'T', body: 'B', publishedAt: '2026-03-01T00:00:00Z' });

beforeAll(async () => {
  const stored = await generateSigningKey(box, 'org');
  key = await openSigningKey(box, 'org', stored);
  jwks = buildJwks([stored]);
});

describe('signed withdrawals', () => {
  it('verifies one naming the statement; refuses a forged one and one naming another statement', async () => {
    const statement = { canonical: statementOf('e1'), jws: '' };
    statement.jws = await signStatement(key, statement.canonical);
    const canonical = canonicalWithdrawal({ type: 'withdrawal', entry: 'e1', organisation: 'kemlu.go.id', signatureSha256: signatureSha256(statement.jws), reason: 'Cafe\u0301', withdrawnAt: new Date('2026-03-02T00:00:00Z') });
    const withdrawal = { canonical, jws: await signStatement(key, canonical) };
    expect(JSON.parse(canonical).reason).toBe('Café'); // NFC, like statements
    expect(await verifyWithdrawal(jwks, statement, withdrawal)).toMatchObject({ valid: true, reason: 'Café', withdrawnAt: '2026-03-02T00:00:00.000Z' });
    expect(await verifyWithdrawal(jwks, statement, { ...withdrawal, canonical: canonical.replace('Café', 'Cafe') })).toEqual({ valid: false, failure: 'signature' });
    const other = { canonical: statementOf('e2'), jws: '' };
    other.jws = await signStatement(key, other.canonical);
    expect(await verifyWithdrawal(jwks, other, withdrawal)).toEqual({ valid: false, failure: 'other-statement' });
    expect(await verifyWithdrawal({ keys: [] }, statement, withdrawal)).toEqual({ valid: false, failure: 'unknown-key' });
  });
});
