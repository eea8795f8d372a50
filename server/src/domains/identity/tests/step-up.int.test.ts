import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { totpCode } from '../../../platform/crypto/totp.ts';
import { buildUser, testPassword } from '../../../test/factories.ts';
import { createSoftAuthenticator } from '../../../test/soft-authenticator.ts';
import { adminEmail, adminPassword, type Client, clientFor, cookiesOf, createTestApp, signInAs, type TestApp } from '../../../test/test-app.ts';
import { findRootUnit } from '../index.ts';
import { advanceMinutes } from '../../../test/clock.ts';

let t: TestApp;
let rootId: string;
beforeAll(async () => {
  t = await createTestApp();
  rootId = (await findRootUnit(t.ctx.db))!.id;
});
afterAll(() => t.close());
afterEach(() => {
  vi.useRealTimers();
});


const newToken = (client: Client, scopes = ['statement.read']) => client.post('/api/v1/me/tokens', { name: `t-${Math.random()}`, scopes, expiresInDays: 30 });

async function adminWithTotp(): Promise<{ client: Client; secret: string; email: string }> {
  const user = await buildUser(t.ctx, { role: 'admin' });
  const first = await signInAs(t.app, user.email, testPassword);
  const { secret } = (await first.post('/api/v1/me/mfa/setup')).json();
  expect((await first.post('/api/v1/me/mfa/enable', { code: totpCode(secret, Date.now() - 30_000) })).statusCode).toBe(200);
  const login = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email: user.email, password: testPassword } });
  const pending = `dd_session=${cookiesOf(login).dd_session}`;
  const done = await t.app.inject({ method: 'POST', url: '/api/v1/auth/mfa', payload: { code: totpCode(secret) }, headers: { cookie: pending } });
  expect(done.json().status).toBe('signed-in');
  const c = cookiesOf(done);
  return { client: clientFor(t.app, `dd_session=${c.dd_session}`, c.dd_csrf ?? ''), secret, email: user.email };
}

describe('step-up', () => {
  it('lets a fresh sign-in act, then asks again after 5 minutes; the password steps up an account without a second factor', async () => {
    const admin = await signInAs(t.app, adminEmail, adminPassword);
    expect((await newToken(admin)).statusCode).toBe(201);
    advanceMinutes(6);
    const stale = await newToken(admin);
    expect(stale.statusCode).toBe(403);
    expect(stale.json().error).toMatchObject({ code: 'auth.step-up-required', details: { factors: ['password'], windowSeconds: 300 } });
    expect((await admin.post('/api/v1/auth/step-up', { method: 'password', password: 'not the password at all' })).json().error.code).toBe('auth.invalid-credentials');
    expect((await admin.post('/api/v1/auth/step-up', { method: 'totp', code: '123456' })).json().error.code).toBe('auth.step-up-required');
    const up = await admin.post('/api/v1/auth/step-up', { method: 'password', password: adminPassword });
    expect(up.statusCode, up.body).toBe(200);
    expect(new Date(up.json().stepUpUntil).getTime()).toBeGreaterThan(Date.now() + 4 * 60_000);
    expect((await newToken(admin)).statusCode).toBe(201);
    const audit = (await admin.get('/api/v1/audit?action=auth.stepped-up')).json().items;
    expect(audit[0]).toMatchObject({ action: 'auth.stepped-up', summary: { method: 'password' } });
    // The window closes again.
    advanceMinutes(5);
    expect((await newToken(admin)).json().error.code).toBe('auth.step-up-required');
  });

  it('asks a TOTP user for a fresh code (not the password) before a role grant; a code works once', async () => {
    const { client, secret } = await adminWithTotp();
    const target = await buildUser(t.ctx);
    advanceMinutes(6);
    const grant = () => client.post(`/api/v1/users/${target.id}/memberships`, { unitId: rootId, role: 'viewer' });
    expect((await grant()).json().error).toMatchObject({ code: 'auth.step-up-required', details: { factors: ['totp'] } });
    expect((await client.post('/api/v1/auth/step-up', { method: 'password', password: testPassword })).json().error.code).toBe('auth.step-up-required');
    const code = totpCode(secret);
    expect((await client.post('/api/v1/auth/step-up', { method: 'totp', code })).statusCode).toBe(200);
    expect((await grant()).statusCode).toBe(200);
    expect((await client.post('/api/v1/auth/step-up', { method: 'totp', code })).json().error.code).toBe('auth.mfa-invalid');
  });

  it('counts creating a user with roles as a role grant', async () => {
    const admin = await signInAs(t.app, adminEmail, adminPassword);
    advanceMinutes(6);
    const create = () => admin.post('/api/v1/users', { email: `new-${Date.now()}@test.diplodesk`, displayName: 'New', password: testPassword, memberships: [{ unitId: rootId, role: 'admin' }] });
    expect((await create()).json().error.code).toBe('auth.step-up-required');
    expect((await admin.post('/api/v1/auth/step-up', { method: 'password', password: adminPassword })).statusCode).toBe(200);
    expect((await create()).statusCode).toBe(201);
  });

  it('asks before clearance-chain edits and signing-key rotation, and takes a passkey', async () => {
    const user = await buildUser(t.ctx, { role: 'admin' });
    const client = await signInAs(t.app, user.email, testPassword);
    const key = createSoftAuthenticator(t.config.publicUrl);
    const reg = (await client.post('/api/v1/me/passkeys/options')).json();
    expect((await client.post('/api/v1/me/passkeys', { name: 'Key', response: key.register(reg) })).statusCode).toBe(201);
    advanceMinutes(6);
    const chain = () =>
      client.post('/api/v1/clearance-chains', { unitId: rootId, kind: null, name: `Chain ${Math.random()}`, steps: [{ name: 'Approve', mode: 'any', approvers: [{ kind: 'role', role: 'approver' }] }] });
    const rotate = () => client.post('/api/v1/system/signing-keys/rotate');
    expect((await chain()).json().error).toMatchObject({ code: 'auth.step-up-required', details: { factors: ['passkey'] } });
    expect((await rotate()).json().error.code).toBe('auth.step-up-required');
    // Registering another passkey is sensitive too.
    expect((await client.post('/api/v1/me/passkeys/options')).json().error.code).toBe('auth.step-up-required');
    const options = (await client.post('/api/v1/auth/step-up/options')).json();
    const up = await client.post('/api/v1/auth/step-up', { method: 'passkey', response: key.assert(options) });
    expect(up.statusCode, up.body).toBe(200);
    const rotated = await rotate();
    expect(rotated.statusCode, rotated.body).toBe(200);
    expect(rotated.json().kid).toBeTruthy();
    // Past the step-up check, the chain rules answer (the demo root already has its default chain).
    const created = await chain();
    expect(created.json().error.code).toBe('clearance-chain.exists');
  });

  it('refuses these actions to API tokens whatever their scopes: a token cannot prove a second factor', async () => {
    const admin = await signInAs(t.app, adminEmail, adminPassword);
    const { secret } = (await newToken(admin, ['system.manage', 'unit.update', 'membership.manage'])).json();
    const bearer = (method: 'POST', url: string, payload?: Record<string, unknown>) =>
      t.app.inject({ method, url, headers: { authorization: `Bearer ${secret}` }, ...(payload ? { payload } : {}) });
    expect((await bearer('POST', '/api/v1/system/signing-keys/rotate')).json().error.code).toBe('auth.session-required');
    const target = await buildUser(t.ctx);
    expect((await bearer('POST', `/api/v1/users/${target.id}/memberships`, { unitId: rootId, role: 'viewer' })).json().error.code).toBe('auth.session-required');
    expect((await bearer('POST', '/api/v1/clearance-chains', { unitId: rootId, kind: null, name: 'By token', steps: [{ name: 'A', mode: 'any', approvers: [{ kind: 'role', role: 'approver' }] }] })).json().error.code).toBe(
      'auth.session-required',
    );
  });

  it('keeps key rotation for administrators at the root', async () => {
    const mission = (await t.app.inject({ method: 'GET', url: '/api/v1/units', headers: { cookie: (await signInAs(t.app, adminEmail, adminPassword)).cookie } })).json();
    const missionUnit = mission.items.find((u: { parentId: string | null }) => u.parentId !== null);
    const local = await buildUser(t.ctx, { role: 'admin', unit: missionUnit });
    const client = await signInAs(t.app, local.email, testPassword);
    expect((await client.post('/api/v1/system/signing-keys/rotate')).statusCode).toBe(403);
  });
});
