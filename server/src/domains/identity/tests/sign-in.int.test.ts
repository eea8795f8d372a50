import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPasswordHasher } from '../../../platform/crypto/password.ts';
import { totpCode } from '../../../platform/crypto/totp.ts';
import { findUser, updateUserRow } from '../identity.repo.ts';
import { buildUser, testPassword } from '../../../test/factories.ts';
import { adminEmail, adminPassword, clientFor, cookiesOf, createTestApp, signInAs, type TestApp } from '../../../test/test-app.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ loginMaxFailures: 3, loginLockMinutes: 15 });
});
afterAll(() => t.close());

const login = (email: string, password: string) => t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email, password } });

describe('sign-in', () => {
  it('signs in with the right password and sets httpOnly SameSite cookies', async () => {
    const res = await login(adminEmail, adminPassword);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ status: 'signed-in' });
    const session = res.cookies.find((c) => c.name === 'dd_session');
    expect(session?.httpOnly).toBe(true);
    expect(session?.sameSite).toBe('Lax');
    expect(res.cookies.find((c) => c.name === 'dd_csrf')?.httpOnly).toBeFalsy();
  });

  it('answers a wrong password and an unknown e-mail alike', async () => {
    const wrong = await login(adminEmail, 'not the password at all');
    const unknown = await login('nobody@test.diplodesk', 'not the password at all');
    expect(wrong.statusCode).toBe(401);
    expect(unknown.statusCode).toBe(401);
    expect(wrong.json().error.code).toBe('auth.invalid-credentials');
    expect(unknown.json().error).toEqual(wrong.json().error);
  });

  it('makes this address wait after repeated failures, even for the right password, with a clear message', async () => {
    const user = await buildUser(t.ctx, { role: 'viewer' });
    for (let i = 0; i < 3; i++) expect((await login(user.email, 'wrong password 123')).statusCode).toBe(401);
    const fourth = await login(user.email, 'wrong password 123');
    expect(fourth.statusCode).toBe(423);
    expect(fourth.json().error.code).toBe('auth.locked');
    expect(fourth.json().error.message).toMatch(/Wait a while/);
    expect(Number(fourth.headers['retry-after'])).toBeGreaterThan(20);
    const right = await login(user.email, testPassword);
    expect(right.statusCode).toBe(423);
  });

  it('re-hashes a password made at another cost at the next successful sign-in, and only then', async () => {
    // From an address of its own: the file's other sign-ins use up the per-address rate.
    const login = (email: string, password: string) => t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email, password }, remoteAddress: '192.0.2.77' });
    const older = await createPasswordHasher(11).hash('an older hash 2019');
    const user = await buildUser(t.ctx, { role: 'viewer', password: null });
    await updateUserRow(t.ctx.db, user.id, { passwordHash: older });
    expect((await login(user.email, 'not the password 2019')).statusCode).toBe(401);
    expect((await findUser(t.ctx.db, user.id))?.passwordHash).toBe(older);
    expect((await login(user.email, 'an older hash 2019')).statusCode).toBe(200);
    const now = (await findUser(t.ctx.db, user.id))?.passwordHash ?? '';
    expect(now).not.toBe(older);
    expect(now.split('$')[1]).toBe(String(2 ** t.config.passwordHashCost));
    expect(t.ctx.passwords.needsRehash(now)).toBe(false);
    expect((await login(user.email, 'an older hash 2019')).statusCode).toBe(200);
  });

  it('rejects a mutation without the CSRF token', async () => {
    const client = await signInAs(t.app, adminEmail, adminPassword);
    const res = await t.app.inject({ method: 'PATCH', url: '/api/v1/me', headers: { cookie: client.cookie }, payload: { displayName: 'X' } });
    expect(res.statusCode).toBe(403);
    expect(res.json().error.code).toBe('auth.csrf');
    const ok = await client.patch('/api/v1/me', { displayName: 'Admin' });
    expect(ok.statusCode).toBe(200);
  });

  it('signs out and the old cookie no longer works', async () => {
    const client = await signInAs(t.app, adminEmail, adminPassword);
    const out = await client.post('/api/v1/auth/logout');
    expect(out.statusCode).toBe(200);
    expect(out.headers['clear-site-data']).toBe('"cache", "cookies", "storage"');
    const me = await client.get('/api/v1/me');
    expect(me.statusCode).toBe(401);
    expect(me.json().error.code).toBe('auth.required');
  });

  it('a new sign-in in a browser that still holds a session ends the old one', async () => {
    const user = await buildUser(t.ctx, { role: 'viewer' });
    const first = await signInAs(t.app, adminEmail, adminPassword);
    // The same browser (it sends the old cookie) signs in again, here as somebody else.
    const again = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email: user.email, password: testPassword }, headers: { cookie: first.cookie } });
    expect(again.statusCode, again.body).toBe(200);
    expect((await first.get('/api/v1/me')).statusCode).toBe(401);
    const cookies = cookiesOf(again);
    const second = clientFor(t.app, `dd_session=${cookies.dd_session}; dd_csrf=${cookies.dd_csrf}`, cookies.dd_csrf ?? '');
    expect((await second.get('/api/v1/me')).json().user.email).toBe(user.email);
    // A failed attempt leaves the live session alone.
    const wrong = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email: adminEmail, password: 'not the password at all' }, headers: { cookie: second.cookie } });
    expect(wrong.statusCode).toBe(401);
    expect((await second.get('/api/v1/me')).statusCode).toBe(200);
  });
});

describe('TOTP two-step verification', () => {
  it('enrols, then requires a single-use code at sign-in', async () => {
    const user = await buildUser(t.ctx, { role: 'editor' });
    const client = await signInAs(t.app, user.email, testPassword);
    const setup = await client.post('/api/v1/me/mfa/setup');
    expect(setup.statusCode).toBe(200);
    const { secret, otpauthUri } = setup.json();
    expect(otpauthUri).toMatch(/^otpauth:\/\/totp\//);
    expect((await client.post('/api/v1/me/mfa/enable', { code: '000000' })).json().error.code).toBe('auth.mfa-invalid');
    const enable = await client.post('/api/v1/me/mfa/enable', { code: totpCode(secret, Date.now() - 30_000) });
    expect(enable.statusCode).toBe(200);
    expect(enable.json().user.mfaEnabled).toBe(true);

    const first = await login(user.email, testPassword);
    expect(first.json()).toEqual({ status: 'mfa-required', factors: ['totp'] });
    const pending = clientFor(t.app, `dd_session=${cookiesOf(first).dd_session}`, '');
    expect((await pending.get('/api/v1/me')).json().error.code).toBe('auth.mfa-required');
    expect((await pending.post('/api/v1/auth/mfa', { code: '12345' })).statusCode).toBe(400);
    expect((await pending.post('/api/v1/auth/mfa', { code: '000000' })).json().error.code).toBe('auth.mfa-invalid');
    const code = totpCode(secret);
    const done = await pending.post('/api/v1/auth/mfa', { code });
    expect(done.statusCode).toBe(200);
    expect(done.json()).toEqual({ status: 'signed-in' });
    const c = cookiesOf(done);
    expect(c.dd_session).not.toBe(cookiesOf(first).dd_session);
    const full = clientFor(t.app, `dd_session=${c.dd_session}`, c.dd_csrf ?? '');
    expect((await full.get('/api/v1/me')).statusCode).toBe(200);
    // The pending token is gone once the second factor succeeds.
    expect((await pending.get('/api/v1/me')).statusCode).toBe(401);

    // The same code cannot be used twice.
    const again = await login(user.email, testPassword);
    const pending2 = clientFor(t.app, `dd_session=${cookiesOf(again).dd_session}`, '');
    expect((await pending2.post('/api/v1/auth/mfa', { code })).json().error.code).toBe('auth.mfa-invalid');
  });

  it('lets an administrator turn off a colleague\'s two-step verification (lost phone)', async () => {
    const user = await buildUser(t.ctx, { role: 'viewer' });
    const self = await signInAs(t.app, user.email, testPassword);
    const { secret } = (await self.post('/api/v1/me/mfa/setup')).json();
    expect((await self.post('/api/v1/me/mfa/enable', { code: totpCode(secret) })).statusCode).toBe(200);
    // Not for oneself: that goes through the profile, with the password.
    expect((await self.post(`/api/v1/users/${user.id}/mfa/reset`)).statusCode).toBe(403);
    const admin = await signInAs(t.app, adminEmail, adminPassword);
    const reset = await admin.post(`/api/v1/users/${user.id}/mfa/reset`);
    expect(reset.statusCode).toBe(200);
    expect(reset.json()).toMatchObject({ mfaEnabled: false, policies: { resetMfa: true } });
    expect((await self.get('/api/v1/me')).statusCode).toBe(401);
    expect((await login(user.email, testPassword)).json()).toEqual({ status: 'signed-in' });
    expect((await admin.post(`/api/v1/users/${user.id}/mfa/reset`)).json().error.code).toBe('auth.mfa-not-enabled');
    const audit = (await admin.get(`/api/v1/audit?targetId=${user.id}&action=user.mfa-disabled`)).json();
    expect(audit.items[0]).toMatchObject({ actorLabel: adminEmail, summary: { by: 'admin' } });
  });

  it('never returns the TOTP secret or password hash through the API', async () => {
    const client = await signInAs(t.app, adminEmail, adminPassword);
    const body = (await client.get('/api/v1/users')).body;
    expect(body).not.toMatch(/scrypt\$|totp|password_hash|passwordHash/i);
  });
});
