import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildUser, testPassword } from '../../../test/factories.ts';
import { clientFor, cookiesOf, createTestApp, signInAs, type TestApp } from '../../../test/test-app.ts';
import { identityChanged } from '../identity-transaction.ts';
import { apiTokens, sessions } from '../identity.tables.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ sessionIdleMinutes: 30, sessionMaxPerUser: 3, apiTokensPerUser: 3 });
});
afterAll(() => t.close());

const firefox = 'Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0';
const iphone = 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1';

async function signInFrom(email: string, ip: string, userAgent: string) {
  const res = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', remoteAddress: ip, headers: { 'user-agent': userAgent }, payload: { email, password: testPassword } });
  expect(res.statusCode).toBe(200);
  const c = cookiesOf(res);
  return clientFor(t.app, `dd_session=${c.dd_session}`, c.dd_csrf ?? '');
}

describe('own sessions and tokens', () => {
  it('revokes the API tokens on a password change unless the user keeps them', async () => {
    const user = await buildUser(t.ctx, { role: 'editor' });
    const client = await signInAs(t.app, user.email, testPassword);
    const secret = (await client.post('/api/v1/me/tokens', { name: 'script', scopes: ['statement.read'], expiresInDays: null })).json().secret;
    const bearer = { authorization: `Bearer ${secret}` };
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/me', headers: bearer })).statusCode).toBe(200);
    const changed = await client.post('/api/v1/me/password', { currentPassword: testPassword, newPassword: 'another long password 1' });
    expect(changed.statusCode).toBe(200);
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/me', headers: bearer })).statusCode).toBe(401);

    const kept = (await client.post('/api/v1/me/tokens', { name: 'kept', scopes: ['statement.read'], expiresInDays: null })).json().secret;
    const again = await client.post('/api/v1/me/password', { currentPassword: 'another long password 1', newPassword: 'a third long password 22', revokeTokens: false });
    expect(again.statusCode).toBe(200);
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/me', headers: { authorization: `Bearer ${kept}` } })).statusCode).toBe(200);
  }, 120_000);

  it('holds a person to API_TOKENS_PER_USER working tokens; revoked and expired ones free a place', async () => {
    const user = await buildUser(t.ctx, { role: 'editor' });
    const client = await signInAs(t.app, user.email, testPassword);
    const create = (name: string) => client.post('/api/v1/me/tokens', { name, scopes: ['statement.read'], expiresInDays: null });
    const ids: string[] = [];
    for (const name of ['one', 'two', 'three']) {
      const res = await create(name);
      expect(res.statusCode).toBe(201);
      ids.push(res.json().token.id);
    }
    const fourth = await create('four');
    expect(fourth.statusCode).toBe(409);
    expect(fourth.json().error).toMatchObject({ code: 'token.limit-reached', details: { limit: 3 } });
    expect((await client.delete(`/api/v1/me/tokens/${ids[0]}`)).statusCode).toBeLessThan(300);
    expect((await create('four')).statusCode).toBe(201);
    await t.ctx.db.update(apiTokens).set({ expiresAt: new Date(Date.now() - 60_000) }).where(eq(apiTokens.id, ids[1]!));
    expect((await create('five')).statusCode).toBe(201);
    expect((await create('six')).statusCode).toBe(409);
    // Another person's tokens are theirs to count.
    const colleague = await buildUser(t.ctx, { role: 'editor' });
    const theirs = await signInAs(t.app, colleague.email, testPassword);
    expect((await theirs.post('/api/v1/me/tokens', { name: 'own', scopes: ['statement.read'], expiresInDays: null })).statusCode).toBe(201);
  }, 120_000);

  it('lists own sessions with device and address, marks the current one, and ends another', async () => {
    const user = await buildUser(t.ctx, { role: 'viewer' });
    const laptop = await signInFrom(user.email, '10.30.0.1', firefox);
    const phone = await signInFrom(user.email, '10.30.0.2', iphone);
    const list = await laptop.get('/api/v1/me/sessions');
    expect(list.statusCode).toBe(200);
    const items = list.json().items as { id: string; device: string; address: string | null; current: boolean; lastSeenAt: string }[];
    expect(items).toHaveLength(2);
    const current = items.find((s) => s.current)!;
    const other = items.find((s) => !s.current)!;
    expect(current).toMatchObject({ address: '10.30.0.1', device: 'Firefox on Linux' });
    expect(other).toMatchObject({ address: '10.30.0.2', device: 'Safari on iOS' });
    expect(JSON.stringify(items)).not.toMatch(/token|csrf/i);

    expect((await laptop.delete(`/api/v1/me/sessions/${other.id}`)).statusCode).toBe(200);
    expect((await phone.get('/api/v1/me')).statusCode).toBe(401);
    expect((await laptop.get('/api/v1/me/sessions')).json().items).toHaveLength(1);
    // Someone else's session is not found, not ended.
    const stranger = await buildUser(t.ctx, { role: 'viewer' });
    const theirs = await signInFrom(stranger.email, '10.30.0.3', firefox);
    const theirId = (await theirs.get('/api/v1/me/sessions')).json().items[0].id;
    expect((await laptop.delete(`/api/v1/me/sessions/${theirId}`)).json().error.code).toBe('session.not-found');
    expect((await theirs.get('/api/v1/me')).statusCode).toBe(200);
    const audit = await t.database.db.execute(sql`select summary from audit_log where action = 'auth.session-ended' and target_id = ${user.id}`);
    expect((audit as unknown as { rows: unknown[] }).rows).toHaveLength(1);
  }, 120_000);

  it('ends a session left idle longer than SESSION_IDLE_MINUTES', async () => {
    const user = await buildUser(t.ctx, { role: 'viewer' });
    const client = await signInFrom(user.email, '10.30.1.1', firefox);
    expect((await client.get('/api/v1/me')).statusCode).toBe(200);
    await t.database.db.update(sessions).set({ lastSeenAt: new Date(Date.now() - 31 * 60_000) }).where(eq(sessions.userId, user.id));
    t.ctx.signals.emit(identityChanged);
    const res = await client.get('/api/v1/me');
    expect(res.statusCode).toBe(401);
  }, 60_000);

  it('marks authenticated JSON as not cacheable', async () => {
    const user = await buildUser(t.ctx, { role: 'viewer' });
    const client = await signInFrom(user.email, '10.30.2.1', firefox);
    const me = await client.get('/api/v1/me');
    expect(me.json().csrfToken).toBeTruthy();
    expect(me.headers['cache-control']).toBe('no-store');
  }, 60_000);
});

describe('a generated first password', () => {
  let first: TestApp;
  beforeAll(async () => {
    first = await createTestApp({ adminPassword: undefined });
  });
  afterAll(() => first.close());

  it('must be changed before anything else works', async () => {
    const { adminEmail, generatedPassword } = first.firstRun!;
    expect(generatedPassword).toBeTruthy();
    const admin = await signInAs(first.app, adminEmail!, generatedPassword!);
    const me = await admin.get('/api/v1/me');
    expect(me.statusCode).toBe(200);
    expect(me.json().user.mustChangePassword).toBe(true);
    const units = await admin.get('/api/v1/units');
    expect(units.statusCode).toBe(403);
    expect(units.json().error.code).toBe('auth.password-change-required');
    expect((await admin.post('/api/v1/me/password', { currentPassword: generatedPassword, newPassword: 'my own long password 1' })).statusCode).toBe(200);
    expect((await admin.get('/api/v1/units')).statusCode).toBe(200);
    expect((await admin.get('/api/v1/me')).json().user.mustChangePassword).toBe(false);
  }, 120_000);

  it('keeps at most SESSION_MAX_PER_USER sessions per user: a new sign-in ends the oldest (ASVS 7.1.2)', async () => {
    const user = await buildUser(t.ctx, { role: 'viewer' });
    const first = await signInFrom(user.email, '10.40.0.1', firefox);
    const second = await signInFrom(user.email, '10.40.0.2', firefox);
    const third = await signInFrom(user.email, '10.40.0.3', iphone);
    expect((await first.get('/api/v1/me')).statusCode).toBe(200);
    const fourth = await signInFrom(user.email, '10.40.0.4', iphone);
    expect((await first.get('/api/v1/me')).statusCode).toBe(401);
    for (const c of [second, third, fourth]) expect((await c.get('/api/v1/me')).statusCode).toBe(200);
    const addresses = (await fourth.get('/api/v1/me/sessions')).json().items.map((s: { address: string }) => s.address).sort();
    expect(addresses).toEqual(['10.40.0.2', '10.40.0.3', '10.40.0.4']);
  });
});
