import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { auditLog } from '../../../platform/db/platform.tables.ts';
import { adminEmail, adminPassword, createTestApp, type TestApp } from '../../../test/test-app.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ loginRatePerMinute: 3, trustProxy: 1 });
});
afterAll(() => t.close());

describe('sign-in limits and cookies', () => {
  it('rate-limits sign-in attempts per address with a catalogue error', async () => {
    const attempt = (ip: string) => t.app.inject({ method: 'POST', url: '/api/v1/auth/login', remoteAddress: ip, payload: { email: 'nobody@example.org', password: 'nope nope nope' } });
    for (let i = 0; i < 3; i++) expect((await attempt('10.9.9.9')).statusCode).toBe(401);
    const limited = await attempt('10.9.9.9');
    expect(limited.statusCode).toBe(429);
    expect(limited.json().error.code).toBe('auth.rate-limited');
    expect((await attempt('10.9.9.10')).statusCode).toBe(401);
    // The refusal is audited (coalesced per address and minute, like failed sign-ins).
    const audited = await vi.waitFor(async () => {
      const rows = await t.database.db.select().from(auditLog).where(eq(auditLog.action, 'auth.sign-in-failed'));
      const found = rows.filter((r) => r.summary.reason === 'rate-limited' && r.summary.address === '10.9.9.9');
      expect(found.length).toBeGreaterThan(0);
      return found;
    });
    expect(audited[0]!.targetId).toBeNull();
  });

  it('believes only the proxy’s hop of X-Forwarded-For: a client cannot pick its own address to dodge the limit', async () => {
    // Behind one proxy (TRUST_PROXY=1) the proxy appends the client's real address; whatever the
    // client wrote before it is its own invention and must not count.
    const spoofed = (n: number) =>
      t.app.inject({ method: 'POST', url: '/api/v1/auth/login', remoteAddress: '10.0.0.2', headers: { 'x-forwarded-for': `203.0.113.${n}, 198.51.100.7` }, payload: { email: 'nobody@example.org', password: 'nope nope nope' } });
    for (let i = 0; i < 3; i++) expect((await spoofed(i)).statusCode).toBe(401);
    expect((await spoofed(99)).statusCode).toBe(429);
  });

  it('marks cookies Secure when the proxy says the request came over HTTPS', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      remoteAddress: '10.1.1.1',
      headers: { 'x-forwarded-proto': 'https' },
      payload: { email: adminEmail, password: adminPassword },
    });
    expect(res.statusCode).toBe(200);
    expect(res.cookies.find((c) => c.name === 'dd_session')?.secure).toBe(true);
    const plain = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', remoteAddress: '10.1.1.2', payload: { email: adminEmail, password: adminPassword } });
    expect(plain.cookies.find((c) => c.name === 'dd_session')?.secure).toBeFalsy();
  });
});
