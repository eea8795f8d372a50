import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildUser, testPassword } from '../../../test/factories.ts';
import { adminEmail, adminPassword, type Client, createTestApp, signInAs, type TestApp } from '../../../test/test-app.ts';

// Guessable passwords are refused wherever a password is chosen — by the user, by an administrator,
// for a new account — with the reason, and nothing changes.
let t: TestApp;
let admin: Client;
beforeAll(async () => {
  t = await createTestApp();
  admin = await signInAs(t.app, adminEmail, adminPassword);
});
afterAll(() => t.close());

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
});
