import { and, asc, eq, gt, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { buildUser, testPassword } from '../../test/factories.ts';
import { adminEmail, adminPassword, type Client, createTestApp, signInAs, type TestApp } from '../../test/test-app.ts';
import { auditLog } from '../db/platform.tables.ts';

// Hole 9: CSRF failures, permission denials (route and token scope) and rate-limited requests
// were not in the audit trail. A flood is bounded: one entry per caller, action and minute at
// once, and one more with the count of the rest when the minute closes.
let t: TestApp;
let admin: Client;
let viewer: Client;
let viewerId: string;

beforeAll(async () => {
  t = await createTestApp({ verifyRatePerMinute: 2 });
  admin = await signInAs(t.app, adminEmail, adminPassword);
  const user = await buildUser(t.ctx, { role: 'viewer' });
  viewerId = user.id;
  viewer = await signInAs(t.app, user.email, testPassword);
});
afterAll(() => t?.close());

const denialActions = ['auth.csrf-rejected', 'authz.denied', 'request.rate-limited', 'request.input-refused', 'upload.refused'];

async function headSeq(): Promise<number> {
  const rows = await t.ctx.db.select({ seq: auditLog.seq }).from(auditLog);
  return rows.reduce((m, r) => Math.max(m, r.seq), 0);
}

async function denialsAfter(seq: number) {
  return t.ctx.db
    .select()
    .from(auditLog)
    .where(and(gt(auditLog.seq, seq), inArray(auditLog.action, denialActions)))
    .orderBy(asc(auditLog.seq));
}

/** Closes the coalescing windows now, as the minute's end would. */
const flush = () => (t.app as unknown as { auditDenials: { flush(): Promise<void> } }).auditDenials.flush();

describe('denials in the audit trail', () => {
  // Each test starts with no window open from the one before.
  beforeEach(() => flush());

  it('records a CSRF failure with the user, route and address', async () => {
    const from = await headSeq();
    const res = await admin.request({ method: 'POST', url: '/api/v1/audit/checkpoints', headers: { 'x-csrf-token': 'wrong' } });
    expect(res.statusCode).toBe(403);
    const [entry] = await denialsAfter(from);
    expect(entry).toMatchObject({ action: 'auth.csrf-rejected', actorLabel: adminEmail, targetType: 'route', targetId: 'POST /api/v1/audit/checkpoints' });
    expect(entry?.summary).toMatchObject({ code: 'auth.csrf', count: 1, ip: '127.0.0.1' });
  });

  it('records a permission denial, and one made by a token names the token', async () => {
    const from = await headSeq();
    expect((await viewer.get('/api/v1/audit')).statusCode).toBe(403);
    const created = await admin.post('/api/v1/me/tokens', { name: 'read-only bot', scopes: ['statement.read'], expiresInDays: 1 });
    expect(created.statusCode).toBe(201);
    const tokenId = created.json().token.id as string;
    const viaToken = await t.app.inject({ method: 'GET', url: '/api/v1/audit', headers: { authorization: `Bearer ${created.json().secret}` } });
    expect(viaToken.statusCode).toBe(403);
    const entries = await denialsAfter(from);
    expect(entries.map((e) => [e.action, e.actorId, e.summary.code])).toEqual([
      ['authz.denied', viewerId, 'authz.forbidden'],
      ['authz.denied', entries[1]?.actorId, 'auth.token-scope'],
    ]);
    expect(entries[1]?.actorLabel).toBe(adminEmail);
    expect(entries[1]?.tokenId).toBe(tokenId);
    expect(entries[1]?.summary).toMatchObject({ permission: 'audit.read' });
  });

  it('coalesces a flood into one entry now and one with the count when the minute closes', async () => {
    const from = await headSeq();
    for (let i = 0; i < 25; i++) expect((await viewer.get('/api/v1/audit')).statusCode).toBe(403);
    expect(await denialsAfter(from)).toHaveLength(1);
    await flush();
    const entries = await denialsAfter(from);
    expect(entries).toHaveLength(2);
    expect(entries.map((e) => e.summary.count)).toEqual([1, 24]);
    expect(entries[1]?.summary).toMatchObject({ coalesced: true });
  });

  it('records requests refused by a rate limit, by address', async () => {
    const from = await headSeq();
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++) statuses.push((await t.app.inject({ method: 'POST', url: '/api/v1/public/verify', payload: { text: 'hello' } })).statusCode);
    expect(statuses.filter((s) => s === 429)).toHaveLength(2);
    await expect.poll(async () => (await denialsAfter(from)).length).toBe(1);
    await flush();
    const entries = await denialsAfter(from);
    expect(entries.map((e) => [e.action, e.actorId, e.targetId, e.summary.count])).toEqual([
      ['request.rate-limited', null, 'POST /api/v1/public/verify', 1],
      ['request.rate-limited', null, 'POST /api/v1/public/verify', 1],
    ]);
    expect(entries[0]?.summary).toMatchObject({ ip: '127.0.0.1' });
  });
});

describe('who acted with a token', () => {
  it('names the token in the entries of changes made with it', async () => {
    const created = await admin.post('/api/v1/me/tokens', { name: 'unit bot', scopes: ['unit.read', 'unit.create'], expiresInDays: 1 });
    expect(created.statusCode).toBe(201);
    const tokenId = created.json().token.id as string;
    const authorization = `Bearer ${created.json().secret}`;
    const parentId = (await t.app.inject({ method: 'GET', url: '/api/v1/units', headers: { authorization } })).json().items[0].id as string;
    const from = await headSeq();
    const res = await t.app.inject({ method: 'POST', url: '/api/v1/units', headers: { authorization }, payload: { name: 'Office in Osaka', code: 'OFF-OSA', kind: 'office', parentId, timeZone: 'Asia/Tokyo' } });
    expect(res.statusCode, res.body).toBe(201);
    const [entry] = await t.ctx.db.select().from(auditLog).where(and(gt(auditLog.seq, from), eq(auditLog.action, 'unit.created')));
    expect(entry?.tokenId).toBe(tokenId);
  });
});

// ASVS 16.3.3: input that fails validation and files refused for what they hold are security
// events too (how probing and smuggling show), recorded the same bounded way — without the values.
describe('refused input and files in the audit trail', () => {
  beforeEach(() => flush());

  it('records input that failed validation, naming the fields but never the values sent', async () => {
    const from = await headSeq();
    const res = await admin.post('/api/v1/statements', { unitId: 'not-a-unit', kind: 'statement', texts: 'SECRET-VALUE-4711' });
    expect(res.statusCode).toBe(400);
    const malformed = await admin.request({ method: 'POST', url: '/api/v1/statements', headers: { 'content-type': 'application/json' }, payload: '{"texts": SECRET-VALUE-4712' });
    expect(malformed.statusCode).toBe(400);
    expect(malformed.json().error.code).toBe('request.malformed');
    const entries = await denialsAfter(from);
    expect(entries.map((e) => e.action)).toEqual(['request.input-refused']);
    expect(entries[0]).toMatchObject({ actorLabel: adminEmail, targetType: 'route', targetId: 'POST /api/v1/statements' });
    expect(entries[0]?.summary).toMatchObject({ code: 'request.invalid', count: 1 });
    expect((entries[0]?.summary as { fields?: string[] } | undefined)?.fields).toEqual(expect.arrayContaining([expect.stringMatching(/^body\./)]));
    // The malformed body joined the same window (same caller, action and route): counted at the minute's end.
    await flush();
    const all = await denialsAfter(from);
    expect(all).toHaveLength(2);
    expect(all[1]?.summary).toMatchObject({ coalesced: true, count: 1 });
    expect(JSON.stringify(all)).not.toContain('SECRET-VALUE');
  });

  it('records a file refused for its content', async () => {
    const units = (await admin.get('/api/v1/units')).json().items as { id: string; parentId: string | null }[];
    const draft = await admin.post('/api/v1/statements', {
      unitId: units.find((u) => u.parentId === null)?.id,
      kind: 'statement',
      primaryLanguage: 'en',
      audienceTimeZone: 'Asia/Jakarta',
      texts: [{ language: 'en', title: 'Refused file', body: 'Text.' }],
    });
    expect(draft.statusCode, draft.body).toBe(201);
    const from = await headSeq();
    const svg = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>');
    const res = await admin.request({ method: 'POST', url: `/api/v1/statements/${draft.json().id}/attachments`, headers: { 'content-type': 'image/png', 'x-file-name': 'logo.png' }, payload: svg });
    expect(res.statusCode).toBe(400);
    const [entry] = await denialsAfter(from);
    expect(entry).toMatchObject({ action: 'upload.refused', actorLabel: adminEmail, targetId: 'POST /api/v1/statements/:id/attachments' });
    expect(entry?.summary).toMatchObject({ code: 'statement.attachment-invalid', count: 1 });
  });
});
