import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { systemActor } from '../../../platform/audit/audit.ts';
import { totpCode } from '../../../platform/crypto/totp.ts';
import { buildUser, testPassword } from '../../../test/factories.ts';
import { createSoftAuthenticator } from '../../../test/soft-authenticator.ts';
import { adminEmail, adminPassword, type Client, createTestApp, signInAs, type TestApp } from '../../../test/test-app.ts';
import { createUser, findRootUnit, findUserByEmail } from '../index.ts';
import { advanceMinutes } from '../../../test/clock.ts';

// ASVS 6.4.1 (a password someone else chose is temporary), 7.5.2 (re-authentication before
// changing another account's credentials or sessions), 7.4.5 (an administrator ends a user's sessions).
let t: TestApp;
let admin: Client;
let rootId: string;
beforeAll(async () => {
  t = await createTestApp();
  admin = await signInAs(t.app, adminEmail, adminPassword);
  rootId = (await findRootUnit(t.ctx.db))!.id;
});
afterAll(() => t.close());
afterEach(() => {
  vi.useRealTimers();
});


const temporary = 'given by the administrator 77';
const chosen = 'my own quiet harbour at dusk';

describe('a password chosen by someone else must be replaced at the next sign-in (ASVS 6.4.1)', () => {
  it('after an administrator sets it: only /me and a password change answer, and the given password cannot be kept', async () => {
    const user = await buildUser(t.ctx, { role: 'editor' });
    expect((await admin.post(`/api/v1/users/${user.id}/password`, { password: temporary })).statusCode).toBe(200);
    const c = await signInAs(t.app, user.email, temporary);
    expect((await c.get('/api/v1/me')).json().user.mustChangePassword).toBe(true);
    const blocked = await c.get('/api/v1/units');
    expect(blocked.statusCode).toBe(403);
    expect(blocked.json().error.code).toBe('auth.password-change-required');
    const kept = await c.post('/api/v1/me/password', { currentPassword: temporary, newPassword: temporary });
    expect(kept.statusCode).toBe(400);
    expect(kept.json().error.code).toBe('auth.password-unchanged');
    expect((await c.post('/api/v1/me/password', { currentPassword: temporary, newPassword: chosen })).statusCode).toBe(200);
    expect((await c.get('/api/v1/me')).json().user.mustChangePassword).toBe(false);
    expect((await c.get('/api/v1/units')).statusCode).toBe(200);
  }, 60_000);

  it('after an administrator creates the account with a password', async () => {
    const email = `given-${Date.now()}@test.diplodesk`;
    const res = await admin.post('/api/v1/users', { email, displayName: 'Given', password: temporary, memberships: [{ unitId: rootId, role: 'viewer' }] });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().mustChangePassword).toBe(true);
    const c = await signInAs(t.app, email, temporary);
    expect((await c.get('/api/v1/units')).json().error.code).toBe('auth.password-change-required');
  }, 60_000);

  it('after the CLI creates the account with a password (the system creates it: no principal)', async () => {
    const email = `cli-${Date.now()}@test.diplodesk`;
    await createUser(t.ctx, null, { email, displayName: 'From the CLI', password: temporary, locale: 'en', timeZone: 'UTC', memberships: [] }, systemActor('cli'));
    expect((await findUserByEmail(t.ctx.db, email))?.mustChangePassword).toBe(true);
  }, 60_000);
});

describe('step-up before acting on another account (ASVS 7.5.2)', () => {
  it('setting a password, resetting two-step verification and ending sessions of a user need a fresh factor; tokens never do them', async () => {
    const target = await buildUser(t.ctx, { role: 'viewer' });
    const stale = await signInAs(t.app, adminEmail, adminPassword);
    const { secret } = (await stale.post('/api/v1/me/tokens', { name: 'ops', scopes: ['user.update', 'user.read'], expiresInDays: 1 })).json();
    advanceMinutes(6);
    const calls: [string, Record<string, unknown> | undefined][] = [
      [`/api/v1/users/${target.id}/password`, { password: temporary }],
      [`/api/v1/users/${target.id}/mfa/reset`, undefined],
      [`/api/v1/users/${target.id}/sessions/end`, { revokeTokens: false }],
    ];
    for (const [url, body] of calls) {
      const res = await stale.post(url, body);
      expect(res.json().error?.code, url).toBe('auth.step-up-required');
      const byToken = await t.app.inject({ method: 'POST', url, headers: { authorization: `Bearer ${secret}` }, ...(body ? { payload: body } : {}) });
      expect(byToken.json().error?.code, url).toBe('auth.session-required');
    }
  }, 60_000);

  it('ending one of one’s own other sessions needs a fresh factor; listing them does not', async () => {
    const user = await buildUser(t.ctx, { role: 'viewer' });
    const laptop = await signInAs(t.app, user.email, testPassword);
    await signInAs(t.app, user.email, testPassword);
    advanceMinutes(6);
    const list = await laptop.get('/api/v1/me/sessions');
    expect(list.statusCode).toBe(200);
    const other = (list.json().items as { id: string; current: boolean }[]).find((s) => !s.current)!;
    expect((await laptop.delete(`/api/v1/me/sessions/${other.id}`)).json().error.code).toBe('auth.step-up-required');
    expect((await laptop.post('/api/v1/auth/step-up', { method: 'password', password: testPassword })).statusCode).toBe(200);
    expect((await laptop.delete(`/api/v1/me/sessions/${other.id}`)).statusCode).toBe(200);
  }, 60_000);
});

describe('an administrator ends every session of a user (ASVS 7.4.5)', () => {
  it('signs the user out everywhere, revokes their tokens when asked, and audits both', async () => {
    const user = await buildUser(t.ctx, { role: 'editor' });
    const a = await signInAs(t.app, user.email, testPassword);
    const b = await signInAs(t.app, user.email, testPassword);
    const { secret } = (await a.post('/api/v1/me/tokens', { name: 'script', scopes: ['statement.read'], expiresInDays: 1 })).json();
    const bearer = { authorization: `Bearer ${secret}` };

    const kept = await admin.post(`/api/v1/users/${user.id}/sessions/end`, { revokeTokens: false });
    expect(kept.statusCode, kept.body).toBe(200);
    expect(kept.json()).toEqual({ sessionsEnded: 2, tokensRevoked: 0 });
    expect((await a.get('/api/v1/me')).statusCode).toBe(401);
    expect((await b.get('/api/v1/me')).statusCode).toBe(401);
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/me', headers: bearer })).statusCode).toBe(200);

    await signInAs(t.app, user.email, testPassword);
    const all = await admin.post(`/api/v1/users/${user.id}/sessions/end`, { revokeTokens: true });
    expect(all.json()).toEqual({ sessionsEnded: 1, tokensRevoked: 1 });
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/me', headers: bearer })).statusCode).toBe(401);

    const audit = (await admin.get(`/api/v1/audit?targetId=${user.id}&action=user.sessions-ended`)).json().items;
    expect(audit.map((e: { summary: unknown }) => e.summary)).toEqual([
      { sessionsEnded: 1, tokensRevoked: 1 },
      { sessionsEnded: 2, tokensRevoked: 0 },
    ]);
  }, 60_000);

  it('is refused for a user out of reach and for one’s own account', async () => {
    const mission = (await admin.get('/api/v1/units')).json().items.find((u: { kind: string }) => u.kind === 'mission');
    const local = await buildUser(t.ctx, { role: 'admin', unit: mission });
    const localAdmin = await signInAs(t.app, local.email, testPassword);
    const hq = await buildUser(t.ctx, { role: 'editor' });
    expect((await localAdmin.post(`/api/v1/users/${hq.id}/sessions/end`, { revokeTokens: true })).statusCode).toBe(404);
    const me = (await admin.get('/api/v1/me')).json().user.id;
    expect((await admin.post(`/api/v1/users/${me}/sessions/end`, { revokeTokens: false })).statusCode).toBe(403);
  }, 60_000);
});

describe('an administrator resets a user’s second factors', () => {
  it('removes their passkeys as well as TOTP, and audits each passkey', async () => {
    const user = await buildUser(t.ctx, { role: 'editor' });
    const c = await signInAs(t.app, user.email, testPassword);
    const { secret } = (await c.post('/api/v1/me/mfa/setup')).json();
    expect((await c.post('/api/v1/me/mfa/enable', { code: totpCode(secret) })).statusCode).toBe(200);
    const key = createSoftAuthenticator(t.config.publicUrl);
    const reg = (await c.post('/api/v1/me/passkeys/options')).json();
    expect((await c.post('/api/v1/me/passkeys', { name: 'Office key', response: key.register(reg) })).statusCode).toBe(201);

    const reset = await admin.post(`/api/v1/users/${user.id}/mfa/reset`);
    expect(reset.statusCode, reset.body).toBe(200);
    expect(reset.json()).toMatchObject({ mfaEnabled: false, hasPasskey: false });
    // Password alone signs in now: no second factor is left to ask for.
    const login = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email: user.email, password: testPassword } });
    expect(login.json().status).toBe('signed-in');
    const audit = (await admin.get('/api/v1/audit?action=passkey.removed')).json().items;
    expect(audit[0]).toMatchObject({ summary: { name: 'Office key', by: 'admin', userId: user.id } });
  }, 60_000);

  it('resets a user who has only a passkey', async () => {
    const user = await buildUser(t.ctx, { role: 'editor' });
    const c = await signInAs(t.app, user.email, testPassword);
    const key = createSoftAuthenticator(t.config.publicUrl);
    const reg = (await c.post('/api/v1/me/passkeys/options')).json();
    expect((await c.post('/api/v1/me/passkeys', { name: 'Only key', response: key.register(reg) })).statusCode).toBe(201);
    expect((await admin.get(`/api/v1/users/${user.id}`)).json().hasPasskey).toBe(true);
    const reset = await admin.post(`/api/v1/users/${user.id}/mfa/reset`);
    expect(reset.statusCode, reset.body).toBe(200);
    expect(reset.json().hasPasskey).toBe(false);
  }, 60_000);
});
