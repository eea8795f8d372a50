import { and, eq, gt, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog } from '../../../platform/db/platform.tables.ts';
import { buildUser, testPassword } from '../../../test/factories.ts';
import { clientFor, cookiesOf, createTestApp, type TestApp } from '../../../test/test-app.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ loginMaxFailures: 5, loginLockMinutes: 15, loginRatePerMinute: 1000 });
});
afterAll(() => t.close());

const login = (email: string, password: string, ip: string) =>
  t.app.inject({ method: 'POST', url: '/api/v1/auth/login', remoteAddress: ip, payload: { email, password } });

const auditSeq = async () => (await t.database.db.select({ n: sql<number>`coalesce(max(${auditLog.seq}), 0)::int` }).from(auditLog))[0]!.n;
const auditSince = (seq: number, action: string) =>
  t.database.db.select().from(auditLog).where(and(gt(auditLog.seq, seq), eq(auditLog.action, action)));

describe('sign-in throttling (per account and address, the same for every account)', () => {
  it('counts parallel failures atomically: after a burst of 15 the right password is refused from that address', async () => {
    const user = await buildUser(t.ctx, { role: 'viewer' });
    const burst = await Promise.all(Array.from({ length: 15 }, () => login(user.email, 'wrong password 123', '10.20.0.1')));
    // Only the first few attempts may even be tried; the rest are refused before any check.
    expect(burst.filter((r) => r.statusCode === 401).length).toBeLessThanOrEqual(5);
    const right = await login(user.email, testPassword, '10.20.0.1');
    expect(right.statusCode).toBe(423);
    expect(right.json().error.code).toBe('auth.locked');
  }, 180_000);

  it('answers a throttled known account and a throttled unknown address alike (status, body, hashing work)', async () => {
    const user = await buildUser(t.ctx, { role: 'viewer' });
    const unknown = `nobody-${Date.now()}@test.diplodesk`;
    for (let i = 0; i < 6; i++) {
      await login(user.email, 'wrong password 123', '10.20.1.1');
      await login(unknown, 'wrong password 123', '10.20.1.2');
    }
    // The time an answer takes is the password-hash work it does (scrypt dwarfs the rest at the
    // production cost; tests hash cheaply, so the work is counted rather than timed).
    const real = t.ctx.passwords;
    let hashes = 0;
    const counted = <A extends unknown[], R>(fn: (...args: A) => R) => (...args: A): R => {
      hashes++;
      return fn(...args);
    };
    t.ctx.passwords = { ...real, verify: counted(real.verify), burn: counted(real.burn), hash: counted(real.hash) };
    const time = async (email: string, ip: string) => {
      hashes = 0;
      const res = await login(email, 'wrong password 123', ip);
      return { res, hashes };
    };
    const known = await time(user.email, '10.20.1.1');
    const other = await time(unknown, '10.20.1.2');
    expect(known.res.statusCode).toBe(423);
    expect(other.res.statusCode).toBe(known.res.statusCode);
    const { details: knownDetails, ...knownError } = known.res.json().error;
    const { details: otherDetails, ...otherError } = other.res.json().error;
    expect(otherError).toEqual(knownError);
    expect(Object.keys(otherDetails).sort()).toEqual(Object.keys(knownDetails).sort());
    // Both answers do the password-hash work of an ordinary attempt: neither is a quick "locked" shortcut.
    const plain = await time(`fresh-${Date.now()}@test.diplodesk`, '10.20.1.3');
    t.ctx.passwords = real;
    expect(plain.hashes).toBe(1);
    expect(known.hashes).toBe(plain.hashes);
    expect(other.hashes).toBe(plain.hashes);
  }, 180_000);

  it("an attacker's burst from one address does not lock the real user out from their own address", async () => {
    const user = await buildUser(t.ctx, { role: 'viewer' });
    for (let i = 0; i < 6; i++) await login(user.email, 'wrong password 123', '10.20.2.66');
    expect((await login(user.email, testPassword, '10.20.2.66')).statusCode).toBe(423);
    const own = await login(user.email, testPassword, '10.20.2.1');
    expect(own.statusCode).toBe(200);
  }, 120_000);

  it('throttles and audits a wrong current password when changing it', async () => {
    const user = await buildUser(t.ctx, { role: 'viewer' });
    const res = await login(user.email, testPassword, '10.20.3.1');
    const c = cookiesOf(res);
    const client = clientFor(t.app, `dd_session=${c.dd_session}`, c.dd_csrf ?? '');
    const before = await auditSeq();
    const change = () =>
      client.request({ method: 'POST', url: '/api/v1/me/password', remoteAddress: '10.20.3.1', payload: { currentPassword: 'not my password 1', newPassword: 'a brand new password 42' } });
    const codes: string[] = [];
    for (let i = 0; i < 7; i++) codes.push((await change()).json().error.code);
    expect(codes.slice(0, 4)).toEqual(Array(4).fill('auth.invalid-credentials'));
    expect(codes.at(-1)).toBe('auth.locked');
    const audited = await auditSince(before, 'auth.password-check-failed');
    expect(audited.length).toBeGreaterThan(0);
    expect(audited[0]!.targetId).toBe(user.id);
  }, 120_000);

  it('audits failed sign-ins for unknown addresses without the password, coalesced per address and minute', async () => {
    const before = await auditSeq();
    const typed = `ghost-${Date.now()}@test.diplodesk`;
    await login(typed, 'secret guess 0001', '10.20.4.1');
    const first = await auditSince(before, 'auth.sign-in-failed');
    expect(first).toHaveLength(1);
    expect(JSON.stringify(first[0])).not.toContain('secret guess');
    expect(first[0]!.summary).toMatchObject({ reason: 'unknown-account' });
    // A flood from one address: many attempts, a bounded number of entries (counts, not one per try).
    for (let i = 0; i < 40; i++) await login(`ghost-${i}-${Date.now()}@test.diplodesk`, 'secret guess 0002', '10.20.4.1');
    const flood = await auditSince(before, 'auth.sign-in-failed');
    // At most log2(n) + 1 entries per minute (two minutes if the flood straddles one's end).
    expect(flood.length).toBeLessThanOrEqual(12);
    expect(Math.max(...flood.map((e) => Number(e.summary.attemptsThisMinute ?? 0)))).toBeGreaterThanOrEqual(16);
  }, 180_000);
});
