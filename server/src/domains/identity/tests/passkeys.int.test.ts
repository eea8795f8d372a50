import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildUser, testPassword } from '../../../test/factories.ts';
import { adminEmail, adminPassword, type Client, clientFor, cookiesOf, createTestApp, signInAs, type TestApp } from '../../../test/test-app.ts';
import { createSoftAuthenticator, type SoftAuthenticator } from '../../../test/soft-authenticator.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

const post = (url: string, payload?: Record<string, unknown>, cookie?: string) =>
  t.app.inject({ method: 'POST', url, ...(payload ? { payload } : {}), ...(cookie ? { headers: { cookie } } : {}) });

/** The audit log is read as the administrator (the users under test cannot read it). */
async function auditOf(_client: Client, targetId: string): Promise<{ action: string; summary: Record<string, unknown> }[]> {
  const admin = await signInAs(t.app, adminEmail, adminPassword);
  return (await admin.get(`/api/v1/audit?targetId=${targetId}`)).json().items;
}

/** Registers a passkey for a signed-in client through the real routes. */
async function register(client: Client, key: SoftAuthenticator, name = 'Laptop'): Promise<string> {
  const options = await client.post('/api/v1/me/passkeys/options');
  expect(options.statusCode).toBe(200);
  const res = await client.post('/api/v1/me/passkeys', { name, response: key.register(options.json()) });
  expect(res.statusCode, res.body).toBe(201);
  return res.json().id;
}

async function passwordless(key: SoftAuthenticator, opts?: { userVerified?: boolean }) {
  const options = (await post('/api/v1/auth/passkey/options')).json();
  return post('/api/v1/auth/passkey', { response: key.assert(options, opts) });
}

describe('passkeys', () => {
  it('registers a discoverable passkey with user verification, lists it and audits it', async () => {
    const user = await buildUser(t.ctx, { role: 'editor' });
    const client = await signInAs(t.app, user.email, testPassword);
    const key = createSoftAuthenticator(t.config.publicUrl);
    const options = (await client.post('/api/v1/me/passkeys/options')).json();
    expect(options.rp.id).toBe(new URL(t.config.publicUrl).hostname);
    expect(options.authenticatorSelection).toMatchObject({ residentKey: 'required', userVerification: 'required' });
    const res = await client.post('/api/v1/me/passkeys', { name: 'Laptop', response: key.register(options) });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ name: 'Laptop', deviceType: 'singleDevice', backedUp: false, lastUsedAt: null });
    // The challenge answered once: the same registration again is refused.
    const again = await client.post('/api/v1/me/passkeys', { name: 'Again', response: key.register(options) });
    expect(again.json().error.code).toBe('auth.passkey-invalid');
    expect((await client.get('/api/v1/me/passkeys')).json().items).toHaveLength(1);
    expect((await auditOf(client, res.json().id))[0]).toMatchObject({ action: 'passkey.added', summary: { name: 'Laptop' } });
  });

  it('refuses a registration signed for another origin or another session', async () => {
    const user = await buildUser(t.ctx, { role: 'viewer' });
    const client = await signInAs(t.app, user.email, testPassword);
    const other = await signInAs(t.app, user.email, testPassword);
    const options = (await client.post('/api/v1/me/passkeys/options')).json();
    const phished = createSoftAuthenticator('https://diplodesk.example.net');
    expect((await client.post('/api/v1/me/passkeys', { name: 'x', response: phished.register(options) })).json().error.code).toBe('auth.passkey-invalid');
    // The refused answer used its challenge up: the right authenticator cannot reuse it.
    expect((await client.post('/api/v1/me/passkeys', { name: 'x', response: createSoftAuthenticator(t.config.publicUrl).register(options) })).json().error.code).toBe('auth.passkey-invalid');
    const options2 = (await client.post('/api/v1/me/passkeys/options')).json();
    const key = createSoftAuthenticator(t.config.publicUrl);
    expect((await other.post('/api/v1/me/passkeys', { name: 'x', response: key.register(options2) })).json().error.code).toBe('auth.passkey-invalid');
  });

  it('signs in without a password, once per challenge, and records the method', async () => {
    const user = await buildUser(t.ctx, { role: 'viewer' });
    const key = createSoftAuthenticator(t.config.publicUrl);
    await register(await signInAs(t.app, user.email, testPassword), key);
    const options = (await post('/api/v1/auth/passkey/options')).json();
    expect(options.userVerification).toBe('required');
    expect(options.allowCredentials ?? []).toEqual([]);
    const assertion = key.assert(options);
    const res = await post('/api/v1/auth/passkey', { response: assertion });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({ status: 'signed-in' });
    const c = cookiesOf(res);
    const client = clientFor(t.app, `dd_session=${c.dd_session}`, c.dd_csrf ?? '');
    expect((await client.get('/api/v1/me')).json().user.email).toBe(user.email);
    expect((await post('/api/v1/auth/passkey', { response: assertion })).json().error.code).toBe('auth.passkey-invalid');
    const audit = await auditOf(client, user.id);
    expect(audit.find((a) => a.action === 'auth.signed-in')).toMatchObject({ summary: { method: 'passkey' } });
    expect((await client.get('/api/v1/me/passkeys')).json().items[0].lastUsedAt).not.toBeNull();
  });

  it('refuses an assertion without user verification and one from an unknown passkey', async () => {
    const user = await buildUser(t.ctx, { role: 'viewer' });
    const key = createSoftAuthenticator(t.config.publicUrl);
    await register(await signInAs(t.app, user.email, testPassword), key);
    expect((await passwordless(key, { userVerified: false })).json().error.code).toBe('auth.passkey-invalid');
    expect((await passwordless(createSoftAuthenticator(t.config.publicUrl))).json().error.code).toBe('auth.passkey-invalid');
  });

  it('refuses a cloned authenticator (counter going backwards) and audits it', async () => {
    const user = await buildUser(t.ctx, { role: 'viewer' });
    const key = createSoftAuthenticator(t.config.publicUrl);
    const admin = await signInAs(t.app, user.email, testPassword);
    await register(admin, key);
    key.counter = 10;
    expect((await passwordless(key)).statusCode).toBe(200);
    key.counter = 4; // a copy of the key made earlier signs with a lower counter
    const clone = await passwordless(key);
    expect(clone.statusCode).toBe(401);
    expect(clone.json().error.code).toBe('auth.passkey-invalid');
    const failed = (await auditOf(admin, user.id)).find((a) => a.action === 'auth.sign-in-failed');
    expect(failed).toMatchObject({ summary: { reason: 'passkey-counter' } });
  });

  it('is a second factor after the password, alongside TOTP', async () => {
    const user = await buildUser(t.ctx, { role: 'viewer' });
    const key = createSoftAuthenticator(t.config.publicUrl);
    await register(await signInAs(t.app, user.email, testPassword), key);
    const first = await post('/api/v1/auth/login', { email: user.email, password: testPassword });
    expect(first.json()).toEqual({ status: 'mfa-required', factors: ['passkey'] });
    const pendingCookie = `dd_session=${cookiesOf(first).dd_session}`;
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/me', headers: { cookie: pendingCookie } })).json().error.code).toBe('auth.mfa-required');
    const options = (await post('/api/v1/auth/mfa/passkey/options', undefined, pendingCookie)).json();
    expect(options.allowCredentials).toEqual([expect.objectContaining({ id: key.credentialId })]);
    // Another account's passkey does not complete this sign-in.
    const stranger = await buildUser(t.ctx, { role: 'viewer' });
    const strangerKey = createSoftAuthenticator(t.config.publicUrl);
    await register(await signInAs(t.app, stranger.email, testPassword), strangerKey);
    expect((await post('/api/v1/auth/mfa/passkey', { response: strangerKey.assert(options) }, pendingCookie)).json().error.code).toBe('auth.passkey-invalid');
    const options2 = (await post('/api/v1/auth/mfa/passkey/options', undefined, pendingCookie)).json();
    const done = await post('/api/v1/auth/mfa/passkey', { response: key.assert(options2) }, pendingCookie);
    expect(done.json()).toEqual({ status: 'signed-in' });
    expect(cookiesOf(done).dd_session).not.toBe(cookiesOf(first).dd_session);
  });

  it('renames and removes a passkey (removal needs the password) with audit entries', async () => {
    const user = await buildUser(t.ctx, { role: 'viewer' });
    const client = await signInAs(t.app, user.email, testPassword);
    const id = await register(client, createSoftAuthenticator(t.config.publicUrl));
    const renamed = await client.patch(`/api/v1/me/passkeys/${id}`, { name: 'Security key' });
    expect(renamed.json().name).toBe('Security key');
    const wrong = await client.request({ method: 'DELETE', url: `/api/v1/me/passkeys/${id}`, payload: { password: 'not my password at all' } });
    expect(wrong.json().error.code).toBe('auth.invalid-credentials');
    const other = await signInAs(t.app, (await buildUser(t.ctx, { role: 'viewer' })).email, testPassword);
    expect((await other.request({ method: 'DELETE', url: `/api/v1/me/passkeys/${id}`, payload: { password: testPassword } })).json().error.code).toBe('passkey.not-found');
    const removed = await client.request({ method: 'DELETE', url: `/api/v1/me/passkeys/${id}`, payload: { password: testPassword } });
    expect(removed.statusCode).toBe(200);
    expect((await client.get('/api/v1/me/passkeys')).json().items).toEqual([]);
    expect((await auditOf(client, id)).map((a) => a.action)).toEqual(['passkey.removed', 'passkey.renamed', 'passkey.added']);
    // With no factor left, the password alone signs in again.
    expect((await post('/api/v1/auth/login', { email: user.email, password: testPassword })).json()).toEqual({ status: 'signed-in' });
  });
});
