import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildUser, testPassword } from '../../../test/factories.ts';
import { adminEmail, adminPassword, type Client, createTestApp, signInAs, type TestApp } from '../../../test/test-app.ts';

// Guessable passwords are refused wherever a password is chosen — by the user, by an administrator,
// for a new account — with the reason, and nothing changes.
let t: TestApp;
let admin: Client;
// A strong-looking phrase that a breach exposed: zxcvbn passes it, the breached list does not.
const breachedPhrase = 'seven quiet harbours without maps';
const listDir = fs.mkdtempSync(path.join(os.tmpdir(), 'pwned-'));
const listFile = path.join(listDir, 'pwned-passwords-sha1-ordered-by-hash.txt');
beforeAll(async () => {
  const sha1 = (p: string) => createHash('sha1').update(p).digest('hex').toUpperCase();
  const lines = [breachedPhrase, 'another leaked phrase here', ...Array.from({ length: 500 }, (_, i) => `filler ${i}`)].map((p, i) => `${sha1(p)}:${i + 1}`);
  fs.writeFileSync(listFile, `${lines.sort().join('\r\n')}\r\n`);
  t = await createTestApp({ breachedPasswordsFile: listFile });
  admin = await signInAs(t.app, adminEmail, adminPassword);
});
afterAll(async () => {
  await t.close();
  fs.rmSync(listDir, { recursive: true, force: true });
});

describe('password quality', () => {
  it('refuses a common password as one’s own and keeps the old one', async () => {
    const user = await buildUser(t.ctx, { role: 'viewer' });
    const client = await signInAs(t.app, user.email, testPassword);
    const res = await client.post('/api/v1/me/password', { currentPassword: testPassword, newPassword: 'Password1234!' });
    expect(res.statusCode).toBe(400);
    expect(res.json().error).toMatchObject({ code: 'auth.password-guessable', details: { minScore: 3, warning: 'common' } });
    await signInAs(t.app, user.email, testPassword);
  });

  it('refuses a password built from the account’s own address and name', async () => {
    const user = await buildUser(t.ctx, { role: 'viewer', email: 'budi.santoso@test.diplodesk' });
    const res = await admin.post(`/api/v1/users/${user.id}/password`, { password: 'budisantoso2026' });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('auth.password-guessable');
    await signInAs(t.app, user.email, testPassword);
  });

  it('refuses an Indonesian everyday password for a new account, which is then not created', async () => {
    const unit = (await admin.get('/api/v1/units')).json().items[0];
    const body = { email: 'rahasia@test.diplodesk', displayName: 'Rahasia', password: 'rahasia123456', locale: 'id', timeZone: 'Asia/Jakarta', memberships: [{ unitId: unit.id, role: 'viewer' }] };
    const res = await admin.post('/api/v1/users', body);
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('auth.password-guessable');
    expect((await admin.get('/api/v1/users?q=rahasia')).json().items).toHaveLength(0);
    const strong = await admin.post('/api/v1/users', { ...body, password: 'kopi tubruk di bawah hujan Bogor' });
    expect(strong.statusCode, strong.body).toBe(201);
  });

  it('refuses a password found in the breached-password file (ASVS 6.2.12), for oneself and for others', async () => {
    const user = await buildUser(t.ctx, { role: 'viewer' });
    const client = await signInAs(t.app, user.email, testPassword);
    const own = await client.post('/api/v1/me/password', { currentPassword: testPassword, newPassword: breachedPhrase });
    expect(own.statusCode).toBe(400);
    expect(own.json().error.code).toBe('auth.password-breached');
    const byAdmin = await admin.post(`/api/v1/users/${user.id}/password`, { password: breachedPhrase });
    expect(byAdmin.json().error.code).toBe('auth.password-breached');
    await signInAs(t.app, user.email, testPassword);
    expect((await client.post('/api/v1/me/password', { currentPassword: testPassword, newPassword: 'seven quiet harbours with maps' })).statusCode).toBe(200);
  });
});
