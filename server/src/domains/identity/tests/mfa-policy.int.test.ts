import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { totpCode } from '../../../platform/crypto/totp.ts';
import { buildUser, testPassword } from '../../../test/factories.ts';
import { createSoftAuthenticator } from '../../../test/soft-authenticator.ts';
import { adminEmail, adminPassword, type Client, createTestApp, signInAs, type TestApp } from '../../../test/test-app.ts';

// ASVS 6.3.3: the organisation can require a second factor of the holders of given roles.
let t: TestApp;
let admin: Client;
beforeAll(async () => {
  t = await createTestApp();
  admin = await signInAs(t.app, adminEmail, adminPassword);
});
afterAll(() => t.close());

describe('MFA required by role', () => {
  it('holds an approver without a second factor to enrolment until TOTP is set up; other roles and tokens are held alike', async () => {
    const approver = await buildUser(t.ctx, { role: 'approver' });
    const editor = await buildUser(t.ctx, { role: 'editor' });
    // A token made before the policy: it must not become the way around it.
    const early = await signInAs(t.app, approver.email, testPassword);
    const { secret: token } = (await early.post('/api/v1/me/tokens', { name: 'script', scopes: ['statement.read'], expiresInDays: 1 })).json();

    expect((await admin.get('/api/v1/security-policy')).json()).toEqual({ mfaRequiredRoles: [] });
    const set = await admin.request({ method: 'PUT', url: '/api/v1/security-policy', payload: { mfaRequiredRoles: ['approver', 'analyst', 'approver'] } });
    expect(set.statusCode, set.body).toBe(200);
    expect(set.json()).toEqual({ mfaRequiredRoles: ['analyst', 'approver'] });
    expect((await admin.get('/api/v1/audit?action=security-policy.updated')).json().items[0].summary).toEqual({ before: { mfaRequiredRoles: [] }, after: { mfaRequiredRoles: ['analyst', 'approver'] } });

    const c = await signInAs(t.app, approver.email, testPassword);
    const me = (await c.get('/api/v1/me')).json();
    expect(me.mfaSetupRequired).toBe(true);
    const held = await c.get('/api/v1/statements');
    expect(held.statusCode).toBe(403);
    expect(held.json().error.code).toBe('auth.mfa-setup-required');
    const byToken = await t.app.inject({ method: 'GET', url: '/api/v1/statements', headers: { authorization: `Bearer ${token}` } });
    expect(byToken.json().error.code).toBe('auth.mfa-setup-required');
    // Another role is not concerned.
    const e = await signInAs(t.app, editor.email, testPassword);
    expect((await e.get('/api/v1/me')).json().mfaSetupRequired).toBe(false);
    expect((await e.get('/api/v1/statements')).statusCode).toBe(200);

    const { secret } = (await c.post('/api/v1/me/mfa/setup')).json();
    expect((await c.post('/api/v1/me/mfa/enable', { code: totpCode(secret) })).statusCode).toBe(200);
    expect((await c.get('/api/v1/me')).json().mfaSetupRequired).toBe(false);
    expect((await c.get('/api/v1/statements')).statusCode).toBe(200);
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/statements', headers: { authorization: `Bearer ${token}` } })).statusCode).toBe(200);
  }, 90_000);

  it('counts a passkey as the second factor', async () => {
    const approver = await buildUser(t.ctx, { role: 'approver' });
    const c = await signInAs(t.app, approver.email, testPassword);
    expect((await c.get('/api/v1/statements')).json().error.code).toBe('auth.mfa-setup-required');
    const key = createSoftAuthenticator(t.config.publicUrl);
    const options = (await c.post('/api/v1/me/passkeys/options')).json();
    expect((await c.post('/api/v1/me/passkeys', { name: 'Desk key', response: key.register(options) })).statusCode).toBe(201);
    expect((await c.get('/api/v1/statements')).statusCode).toBe(200);
  }, 60_000);

  it('is set by the root administrators only, and a token cannot change it', async () => {
    const mission = (await admin.get('/api/v1/units')).json().items.find((u: { kind: string }) => u.kind === 'mission');
    const local = await buildUser(t.ctx, { role: 'admin', unit: mission });
    const localAdmin = await signInAs(t.app, local.email, testPassword);
    const { secret } = (await localAdmin.post('/api/v1/me/mfa/setup')).json();
    await localAdmin.post('/api/v1/me/mfa/enable', { code: totpCode(secret) });
    expect((await localAdmin.request({ method: 'PUT', url: '/api/v1/security-policy', payload: { mfaRequiredRoles: [] } })).statusCode).toBe(403);
    const { secret: token } = (await admin.post('/api/v1/me/tokens', { name: 'ops', scopes: ['system.manage'], expiresInDays: 1 })).json();
    const res = await t.app.inject({ method: 'PUT', url: '/api/v1/security-policy', headers: { authorization: `Bearer ${token}` }, payload: { mfaRequiredRoles: [] } });
    expect(res.json().error.code).toBe('auth.session-required');
  }, 60_000);

  it('holds an administrator too once the policy names admins, and lets them enrol', async () => {
    const other = await buildUser(t.ctx, { role: 'admin' });
    const c = await signInAs(t.app, other.email, testPassword);
    expect((await c.request({ method: 'PUT', url: '/api/v1/security-policy', payload: { mfaRequiredRoles: ['admin', 'approver'] } })).statusCode).toBe(200);
    expect((await c.get('/api/v1/units')).json().error.code).toBe('auth.mfa-setup-required');
    const { secret } = (await c.post('/api/v1/me/mfa/setup')).json();
    expect((await c.post('/api/v1/me/mfa/enable', { code: totpCode(secret) })).statusCode).toBe(200);
    expect((await c.get('/api/v1/units')).statusCode).toBe(200);
  }, 60_000);
});
