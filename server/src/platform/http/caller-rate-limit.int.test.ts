import { Writable } from 'node:stream';
import { and, asc, eq, gt } from 'drizzle-orm';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { advanceMinutes } from '../../test/clock.ts';
import { adminEmail, adminPassword, cookiesOf, createTestApp, type TestApp } from '../../test/test-app.ts';
import { sha256Hex } from '../crypto/tokens.ts';
import { auditLog } from '../db/platform.tables.ts';
import { credentialDigest } from './caller-rate-limit.ts';

// Issue 10: every /api/ caller has a budget — an API token, a session, or (signed out) an address —
// counted before authentication; the public pages have one per address. A refusal is a 429
// `auth.rate-limited` with Retry-After, audited once per caller and minute, and counted.
const LIMIT = 6;
const PUBLIC_LIMIT = 4;
const setupAddress = '10.9.0.1';
const office = '10.9.0.2';
const elsewhere = '10.9.0.3';

let t: TestApp;
const logLines: string[] = [];
let sessionCookie: string;
let csrf: string;
let bearer: string;
let tokenId: string;

beforeAll(async () => {
  const sink = new Writable({
    write(chunk, _enc, done) {
      logLines.push(String(chunk));
      done();
    },
  });
  t = await createTestApp({ apiRatePerMinute: LIMIT, publicRatePerMinute: PUBLIC_LIMIT }, { logger: pino({ level: 'trace' }, sink) });
  const login = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', remoteAddress: setupAddress, payload: { email: adminEmail, password: adminPassword } });
  expect(login.statusCode).toBe(200);
  const c = cookiesOf(login);
  sessionCookie = c.dd_session ?? '';
  csrf = c.dd_csrf ?? '';
  const created = await t.app.inject({ method: 'POST', url: '/api/v1/me/tokens', remoteAddress: setupAddress, headers: { cookie: `dd_session=${sessionCookie}`, 'x-csrf-token': csrf }, payload: { name: 'busy bot', scopes: ['statement.read', 'unit.read'], expiresInDays: 1 } });
  expect(created.statusCode).toBe(201);
  bearer = created.json().secret;
  tokenId = created.json().token.id;
  // Both credentials authenticate once, so this process knows them; then a new minute begins.
  expect((await t.app.inject({ method: 'GET', url: '/api/v1/statements', remoteAddress: setupAddress, headers: { authorization: `Bearer ${bearer}` } })).statusCode).toBe(200);
  expect((await t.app.inject({ method: 'GET', url: '/api/v1/me', remoteAddress: setupAddress, headers: { cookie: `dd_session=${sessionCookie}` } })).statusCode).toBe(200);
  await t.app.auditDenials.flush();
  advanceMinutes(1.1);
});
afterAll(async () => {
  vi.useRealTimers();
  await t?.close();
});

type As = 'token' | 'session' | 'anonymous';
function call(as: As, url: string, remoteAddress = office) {
  const headers: Record<string, string> = as === 'token' ? { authorization: `Bearer ${bearer}` } : as === 'session' ? { cookie: `dd_session=${sessionCookie}` } : {};
  return t.app.inject({ method: 'GET', url, remoteAddress, headers });
}

// Spreads a caller's budget over several routes: the limit is per caller, not per route.
const routes: Record<As, string[]> = {
  token: ['/api/v1/statements', '/api/v1/units'],
  session: ['/api/v1/me', '/api/v1/statements'],
  anonymous: ['/api/v1/system', '/api/v1/auth/sso/providers'],
};

async function spend(as: As, remoteAddress = office): Promise<number[]> {
  const statuses: number[] = [];
  for (let i = 0; i < LIMIT; i++) statuses.push((await call(as, routes[as][i % 2]!, remoteAddress)).statusCode);
  return statuses;
}

async function refusalsSince(seq: number) {
  return t.ctx.db.select().from(auditLog).where(and(gt(auditLog.seq, seq), eq(auditLog.action, 'request.rate-limited'))).orderBy(asc(auditLog.seq));
}

async function headSeq(): Promise<number> {
  const rows = await t.ctx.db.select({ seq: auditLog.seq }).from(auditLog);
  return rows.reduce((m, r) => Math.max(m, r.seq), 0);
}

describe('a rate limit for every API caller', () => {
  let from: number;

  it('gives a token, a session and an anonymous caller at one address a budget each', async () => {
    from = await headSeq();
    for (const as of ['token', 'session', 'anonymous'] as const) {
      expect(await spend(as), as).toEqual(Array(LIMIT).fill(200));
      const refused = await call(as, routes[as][0]!);
      expect(refused.statusCode, as).toBe(429);
      expect(refused.json().error).toMatchObject({ code: 'auth.rate-limited', details: { retryAfterSeconds: expect.any(Number) } });
      const retryAfter = Number(refused.headers['retry-after']);
      expect(retryAfter).toBeGreaterThan(0);
      expect(retryAfter).toBeLessThanOrEqual(60);
    }
    // The refusals come before authentication: a second one on another route is refused too.
    expect((await call('token', '/api/v1/units')).statusCode).toBe(429);
    expect((await call('session', '/api/v1/me')).statusCode).toBe(429);
  });

  it('leaves another caller alone: another address, and the public pages of the same one', async () => {
    expect((await call('anonymous', '/api/v1/system', elsewhere)).statusCode).toBe(200);
    expect((await call('anonymous', '/.well-known/jwks.json')).statusCode).toBe(200);
    // Health checks spend no budget.
    expect((await call('anonymous', '/healthz')).statusCode).toBe(200);
  });

  it('charges invented credentials to their address, which has none left', async () => {
    const statuses = [];
    for (let i = 0; i < 3; i++) {
      const res = await t.app.inject({ method: 'GET', url: '/api/v1/me', remoteAddress: office, headers: { authorization: `Bearer ddp_invented${i}` } });
      statuses.push(res.statusCode);
    }
    expect(statuses).toEqual([429, 429, 429]);
    const forged = await t.app.inject({ method: 'GET', url: '/api/v1/me', remoteAddress: office, headers: { cookie: 'dd_session=made-up' } });
    expect(forged.statusCode).toBe(429);
    // A different address starts with a full budget: the unknown credential is refused by sign-in, not the limit.
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/me', remoteAddress: elsewhere, headers: { authorization: 'Bearer ddp_invented' } })).statusCode).toBe(401);
  });

  it('audits each caller once a minute, naming the user behind a known credential, and counts the rest', async () => {
    await expect.poll(async () => (await refusalsSince(from)).length).toBe(3);
    const first = await refusalsSince(from);
    expect(first.map((e) => [e.actorLabel, e.tokenId, e.summary.caller, e.summary.limit, e.summary.count])).toEqual([
      [adminEmail, tokenId, 'token', 'api', 1],
      [adminEmail, null, 'session', 'api', 1],
      ['anonymous', null, 'address', 'api', 1],
    ]);
    expect(first[0]).toMatchObject({ targetType: 'route', targetId: 'GET /api/v1/statements' });
    expect(first[2]?.summary).toMatchObject({ code: 'auth.rate-limited', ip: office });
    await t.app.auditDenials.flush();
    const all = await refusalsSince(from);
    // token 1 more, session 1 more, the address 3 invented tokens + 1 forged cookie.
    expect(all.slice(3).map((e) => [e.summary.caller, e.summary.count, e.summary.coalesced])).toEqual([
      ['token', 1, true],
      ['session', 1, true],
      ['address', 4, true],
    ]);
    const counted = await t.ctx.metrics.rateLimited.get();
    expect(counted.values.find((v) => v.labels.limit === 'api')?.value).toBe(3 + 2 + 4);
  });

  it('limits the public pages per address with a budget of their own', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < PUBLIC_LIMIT; i++) statuses.push((await call('anonymous', i % 2 ? '/.well-known/jwks.json' : '/api/v1/public/audit/checkpoints', elsewhere)).statusCode);
    expect(statuses).toEqual(Array(PUBLIC_LIMIT).fill(200));
    const refused = await call('anonymous', '/.well-known/jwks.json', elsewhere);
    expect(refused.statusCode).toBe(429);
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
    // The API budget of that address is another one.
    expect((await call('anonymous', '/api/v1/system', elsewhere)).statusCode).toBe(200);
  });

  it('starts afresh when the minute is over', async () => {
    advanceMinutes(1.1);
    for (const as of ['token', 'session', 'anonymous'] as const) expect((await call(as, routes[as][0]!)).statusCode, as).toBe(200);
  });

  it('keeps credentials out of the audit trail and the log', async () => {
    await t.app.auditDenials.flush();
    const trail = JSON.stringify(await refusalsSince(0));
    const log = logLines.join('');
    expect(log).toContain('request completed');
    for (const secret of [bearer, sessionCookie, sha256Hex(bearer), sha256Hex(sessionCookie), credentialDigest(bearer), credentialDigest(sessionCookie)]) {
      expect(trail).not.toContain(secret);
      expect(log).not.toContain(secret);
    }
  });
});
