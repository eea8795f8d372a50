import type { BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { admin, type E2E, newContext, shot, startE2E } from './harness.ts';
import { tr } from './i18n.ts';

// The staff app on a host name of its own (STAFF_URL, ASVS 3.5.4): one loopback server, the staff
// app at http://127.0.0.1:<port> and the newsroom at http://localhost:<port>. The browser treats
// the two as separate sites, as it would desk.ministry.example and news.ministry.example.

let e2e: E2E;
let staff: string;
let news: string;
const contexts: BrowserContext[] = [];

async function context(baseURL: string): Promise<BrowserContext> {
  const c = await newContext(e2e, { baseURL });
  contexts.push(c);
  return c;
}

beforeAll(async () => {
  e2e = await startE2E({ publicHost: 'localhost', staffHost: '127.0.0.1' });
  staff = e2e.server.url;
  news = staff.replace('127.0.0.1', 'localhost');
}, 300_000);

afterAll(async () => {
  for (const c of contexts) await c.close().catch(() => undefined);
  await e2e?.close();
});

describe('staff app and newsroom on separate host names', () => {
  it('signs in on the staff host, whose session cookie stays there', async () => {
    const c = await context(staff);
    const page = await c.newPage();
    await page.goto('/login');
    await page.getByLabel(new RegExp(`^${tr('en', 'login.email')}`)).first().fill(admin.email);
    await page.getByLabel(new RegExp(`^${tr('en', 'login.password')}`)).first().fill(admin.password);
    await page.getByRole('button', { name: tr('en', 'login.submit'), exact: true }).click();
    await page.waitForURL((url) => !url.pathname.startsWith('/login'));
    await page.getByRole('navigation', { name: tr('en', 'nav.label') }).waitFor();
    await shot(page, 'hostnames-staff-signed-in');
    const me = (await (await c.request.get('/api/v1/me')).json()) as { user: { email: string } };
    expect(me.user.email).toBe(admin.email);
    const cookies = await c.cookies();
    expect(cookies.map((k) => k.name).sort()).toEqual(['dd_csrf', 'dd_session']);
    expect(cookies.every((k) => k.domain === '127.0.0.1')).toBe(true);
    // The newsroom's host never sees the session, and cannot use it: the staff API is not there.
    expect(await c.cookies(news)).toEqual([]);
    expect((await c.request.get(`${news}/api/v1/me`)).status()).toBe(404);
  }, 300_000);

  it('loads the newsroom on the public host, and sends a newsroom link on the staff host there', async () => {
    const c = await context(news);
    const page = await c.newPage();
    const res = await page.goto('/newsroom');
    expect(res?.status()).toBe(200);
    // The newsroom's own page (its key-set link in the navigation), not the staff app's shell.
    await page.getByRole('link', { name: tr('en', 'newsroom.nav.jwks') }).waitFor();
    expect(await page.locator('#root').count()).toBe(0);
    await shot(page, 'hostnames-newsroom');
    await page.goto(`${staff}/newsroom`);
    expect(new URL(page.url()).host).toBe(new URL(news).host);
    await page.getByRole('link', { name: tr('en', 'newsroom.nav.jwks') }).waitFor();
    expect(await c.cookies()).toEqual([]);
  }, 300_000);

  it('does not serve the staff app on the public host', async () => {
    const c = await context(news);
    const page = await c.newPage();
    // The root leads readers to the newsroom; the app's own pages and files are not there.
    await page.goto('/');
    expect(new URL(page.url()).pathname).toBe('/newsroom');
    const login = await page.goto('/login');
    expect(login?.status()).toBe(404);
    expect(await page.locator('#root').count()).toBe(0);
    expect((await c.request.get('/api/v1/system')).status()).toBe(404);
    const signIn = await c.request.post('/api/v1/auth/login', { data: admin });
    expect(signIn.status()).toBe(404);
    expect(await c.cookies()).toEqual([]);
  }, 300_000);
});
