import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../../../platform/db/index.ts';
import { buildUnit, buildUser, testPassword } from '../../../test/factories.ts';
import { adminEmail, adminPassword, type Client, createTestApp, signInAs, type TestApp } from '../../../test/test-app.ts';
import { findRootUnit } from '../index.ts';

let t: TestApp;
const metricsToken = 'metrics-token-0123456789abcdef';
let admin: Client;
beforeAll(async () => {
  t = await createTestApp({ metricsToken, apiDocsPublic: true });
  admin = await signInAs(t.app, adminEmail, adminPassword);
});
afterAll(() => t.close());

const countRows = async (table: string) => (await queryRows<{ n: number }>(t.ctx.db, sql.raw(`select count(*)::int as n from ${table}`)))[0]!.n;

describe('demo workspace', () => {
  it('has the ministry, two directorates and three missions in different time zones', async () => {
    const res = await admin.get('/api/v1/units');
    const units = res.json().items as { kind: string; timeZone: string; policies: Record<string, boolean> }[];
    expect(units.filter((u) => u.kind === 'ministry')).toHaveLength(1);
    expect(units.filter((u) => u.kind === 'directorate')).toHaveLength(2);
    const missions = units.filter((u) => u.kind === 'mission');
    expect(missions).toHaveLength(3);
    expect(new Set(missions.map((m) => m.timeZone)).size).toBe(3);
    expect(units.every((u) => u.policies.update)).toBe(true);
  });
});

describe('units', () => {
  it('creates a mission, records it in the audit log and refuses a duplicate code', async () => {
    const root = (await findRootUnit(t.ctx.db))!;
    const body = { parentId: root.id, kind: 'mission', name: 'Embassy in Canberra', code: 'EMB-CBR', timeZone: 'Australia/Sydney', countryCode: 'AU', city: 'Canberra' };
    const res = await admin.post('/api/v1/units', body);
    expect(res.statusCode).toBe(201);
    const unit = res.json();
    expect(unit.policies).toMatchObject({ update: true, createChild: true });
    const audit = (await admin.get(`/api/v1/audit?targetId=${unit.id}`)).json();
    expect(audit.items[0]).toMatchObject({ action: 'unit.created', targetType: 'unit', actorLabel: adminEmail });
    expect(audit.items[0].requestId).toBeTruthy();
    // Entries name their target for people: the unit's current name, not an id.
    expect(audit.items[0].targetLabel).toBe('Embassy in Canberra');
    expect((await admin.patch(`/api/v1/units/${unit.id}`, { city: 'Sydney' })).statusCode).toBe(200);
    const updated = (await admin.get(`/api/v1/audit?targetId=${unit.id}`)).json().items[0];
    expect(updated).toMatchObject({ action: 'unit.updated', targetLabel: 'Embassy in Canberra', summary: { before: { city: 'Canberra' }, after: { city: 'Sydney' } } });
    const userEntries = (await admin.get('/api/v1/audit?targetType=user')).json().items as { targetId: string; targetLabel: string | null }[];
    expect(userEntries.length).toBeGreaterThan(0);
    for (const entry of userEntries) expect(entry.targetLabel).toMatch(/^.+ \(.+@.+\)$/);
    const dup = await admin.post('/api/v1/units', { ...body, code: 'emb-cbr' });
    expect(dup.statusCode).toBe(409);
    expect(dup.json().error.code).toBe('unit.code-taken');
  });

  it('rejects bad input with a clear 400 and writes nothing but the refusal in the audit trail', async () => {
    const root = (await findRootUnit(t.ctx.db))!;
    const before = await countRows('units');
    const auditBefore = await countRows('audit_log');
    const refusalsBefore = await countRows(`audit_log where action = 'request.input-refused'`);
    const res = await admin.post('/api/v1/units', { parentId: root.id, kind: 'mission', name: 'X', code: 'bad code!', timeZone: 'Mars/Olympus' });
    expect(res.statusCode).toBe(400);
    const err = res.json().error;
    expect(err.code).toBe('request.invalid');
    expect(err.details.map((d: { path: string }) => d.path)).toEqual(expect.arrayContaining(['body.name', 'body.code', 'body.timeZone']));
    expect(await countRows('units')).toBe(before);
    // The refused input itself is a security event (ASVS 16.3.3): one entry, and nothing else.
    expect(await countRows(`audit_log where action = 'request.input-refused'`)).toBe(refusalsBefore + 1);
    expect(await countRows('audit_log')).toBe(auditBefore + 1);
  });

  it('answers malformed JSON, a wrong content type and an unknown route with catalogue errors', async () => {
    const malformed = await admin.request({ method: 'POST', url: '/api/v1/units', headers: { 'content-type': 'application/json' }, payload: '{"parentId": ' });
    expect(malformed.statusCode).toBe(400);
    expect(malformed.json().error.code).toBe('request.malformed');
    const wrongType = await admin.request({ method: 'POST', url: '/api/v1/units', headers: { 'content-type': 'text/csv' }, payload: 'a,b' });
    expect(wrongType.statusCode).toBe(415);
    const huge = await admin.request({ method: 'POST', url: '/api/v1/units', headers: { 'content-type': 'application/json' }, payload: JSON.stringify({ name: 'x'.repeat(2_000_000) }) });
    expect(huge.statusCode).toBe(413);
    const missing = await admin.get('/api/v1/nope');
    expect(missing.statusCode).toBe(404);
    expect(missing.json().error.code).toBe('route.not-found');
  });

  it('refuses to move a unit under its own sub-unit', async () => {
    const parent = await buildUnit(t.ctx, { kind: 'directorate' });
    const child = await buildUnit(t.ctx, { parent });
    const res = await admin.patch(`/api/v1/units/${parent.id}`, { parentId: child.id });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('unit.parent-invalid');
  });
});

describe('users and roles', () => {
  it('creates a user with a role; a role at a unit reaches its sub-units only', async () => {
    const mission = await buildUnit(t.ctx, { name: 'Embassy in Lima', timeZone: 'America/Lima' });
    const res = await admin.post('/api/v1/users', { email: 'Rina@Test.Diplodesk', displayName: 'Rina', password: testPassword, memberships: [{ unitId: mission.id, role: 'admin' }] });
    expect(res.statusCode).toBe(201);
    expect(res.json().email).toBe('rina@test.diplodesk');
    const rina = await signInAs(t.app, 'rina@test.diplodesk', testPassword);
    // The password the administrator typed is temporary: Rina picks her own before anything else.
    expect((await rina.post('/api/v1/me/password', { currentPassword: testPassword, newPassword: 'rina chooses her own words' })).statusCode).toBe(200);
    const units = (await rina.get('/api/v1/units')).json().items as { id: string; policies: { update: boolean } }[];
    expect(units.find((u) => u.id === mission.id)?.policies.update).toBe(true);
    const root = (await findRootUnit(t.ctx.db))!;
    expect(units.find((u) => u.id === root.id)?.policies.update).toBe(false);
    expect((await rina.patch(`/api/v1/units/${root.id}`, { name: 'Hijacked' })).statusCode).toBe(403);
    // A mission admin cannot take over a headquarters account.
    const hqUser = await buildUser(t.ctx, { role: 'editor' });
    expect((await rina.post(`/api/v1/users/${hqUser.id}/password`, { password: 'another password 1' })).statusCode).toBe(404);
  });

  it('leaves no half-written user when a membership names a missing unit', async () => {
    const before = await countRows('users');
    const res = await admin.post('/api/v1/users', { email: 'ghost@test.diplodesk', displayName: 'Ghost', memberships: [{ unitId: '01900000-0000-7000-8000-000000000000', role: 'viewer' }] });
    expect(res.statusCode).toBe(404);
    expect(await countRows('users')).toBe(before);
  });

  it('gives no person the partner role, which only a partner organisation’s TAXII account holds', async () => {
    const root = (await findRootUnit(t.ctx.db))!;
    const before = await countRows('users');
    const created = await admin.post('/api/v1/users', { email: 'taxii@test.diplodesk', displayName: 'Not a partner', memberships: [{ unitId: root.id, role: 'partner' }] });
    expect(created.statusCode).toBe(400);
    expect(await countRows('users')).toBe(before);
    const u = await buildUser(t.ctx, { role: 'viewer' });
    expect((await admin.post(`/api/v1/users/${u.id}/memberships`, { unitId: root.id, role: 'partner' })).statusCode).toBe(400);
    expect((await admin.request({ method: 'PUT', url: '/api/v1/security-policy', payload: { mfaRequiredRoles: ['partner'] } })).statusCode).toBe(400);
  });

  it('keeps at least one administrator at the root', async () => {
    const me = (await admin.get('/api/v1/me')).json();
    const m = me.user.memberships.find((x: { role: string }) => x.role === 'admin');
    const res = await admin.delete(`/api/v1/users/${me.user.id}/memberships/${m.id}`);
    expect(res.statusCode).toBe(409);
    expect(res.json().error.code).toBe('user.last-admin');
  });

  it('deactivating a user ends their sessions', async () => {
    const u = await buildUser(t.ctx, { role: 'viewer' });
    const c = await signInAs(t.app, u.email, testPassword);
    expect((await admin.patch(`/api/v1/users/${u.id}`, { isActive: false })).statusCode).toBe(200);
    expect((await c.get('/api/v1/me')).statusCode).toBe(401);
  });
});

describe('API tokens', () => {
  it('works as a bearer token within its scopes, and its secret is shown once', async () => {
    const created = await admin.post('/api/v1/me/tokens', { name: 'export script', scopes: ['unit.read'], expiresInDays: 30 });
    expect(created.statusCode).toBe(201);
    const { secret, token } = created.json();
    expect(secret).toMatch(/^ddp_/);
    const list = await admin.get('/api/v1/me/tokens');
    expect(list.body).not.toContain(secret);
    const auth = { authorization: `Bearer ${secret}` };
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/units', headers: auth })).statusCode).toBe(200);
    const forbidden = await t.app.inject({ method: 'GET', url: '/api/v1/audit', headers: auth });
    expect(forbidden.statusCode).toBe(403);
    expect(forbidden.json().error.code).toBe('auth.token-scope');
    expect((await admin.delete(`/api/v1/me/tokens/${token.id}`)).statusCode).toBe(200);
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/units', headers: auth })).statusCode).toBe(401);
  });
});

describe('HTTP hardening', () => {
  it('sends security headers and a request id on every response', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/system' });
    expect(res.headers['content-security-policy']).toBe("default-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'");
    // PUBLIC_URL is http here: HSTS would be meaningless and would pin a localhost set-up to https.
    expect(res.headers['strict-transport-security']).toBeUndefined();
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['cross-origin-resource-policy']).toBe('same-origin');
    expect(res.headers['x-request-id']).toBeTruthy();
    const errorAnswer = await t.app.inject({ method: 'GET', url: '/api/v1/units' });
    expect(errorAnswer.statusCode).toBe(401);
    expect(errorAnswer.headers['x-content-type-options']).toBe('nosniff');
    expect(errorAnswer.headers['x-request-id']).toBeTruthy();
    const page = await t.app.inject({ method: 'GET', url: '/healthz' });
    expect(page.headers['content-security-policy']).toContain("default-src 'self'");
    expect(page.headers['x-frame-options']).toBe('SAMEORIGIN');
    expect(page.headers['content-security-policy']).toContain("base-uri 'none'");
    expect(page.headers['strict-transport-security']).toBeUndefined();
    const echoed = await t.app.inject({ method: 'GET', url: '/api/v1/system', headers: { 'x-request-id': 'proxy-req-12345' } });
    expect(echoed.headers['x-request-id']).toBe('proxy-req-12345');
  });
});

describe('operations endpoints', () => {
  it('serves health, readiness, metrics (with its token) and the OpenAPI 3.1 document (API_DOCS_PUBLIC=1)', async () => {
    expect((await t.app.inject({ method: 'GET', url: '/healthz' })).json()).toEqual({ status: 'ok' });
    const ready = await t.app.inject({ method: 'GET', url: '/readyz' });
    expect(ready.statusCode).toBe(200);
    expect(ready.json().status).toBe('ready');
    await admin.get('/api/v1/units');
    const metrics = await t.app.inject({ method: 'GET', url: '/metrics', headers: { authorization: `Bearer ${metricsToken}` } });
    expect(metrics.body).toContain('diplodesk_http_request_duration_seconds_bucket');
    expect(metrics.body).toContain('route="/api/v1/units"');
    const doc = (await t.app.inject({ method: 'GET', url: '/api/openapi.json' })).json();
    expect(doc.openapi).toBe('3.1.0');
    for (const path of ['/api/v1/auth/login', '/api/v1/me', '/api/v1/units/{id}', '/api/v1/users/{id}/memberships', '/api/v1/audit', '/api/v1/audit/verify']) {
      expect(Object.keys(doc.paths)).toContain(path);
    }
    expect(doc.paths['/api/v1/units'].post.requestBody.content['application/json'].schema.properties.timeZone).toBeTruthy();
    const ui = await t.app.inject({ method: 'GET', url: '/api/docs/' });
    expect(ui.statusCode).toBe(200);
  });
});
