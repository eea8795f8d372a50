import fs from 'node:fs';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { totpCode } from '../server/src/platform/crypto/totp.ts';
import { admin, type E2E, newContext, screenshotDir, seriousA11yViolations, shot, startE2E } from './harness.ts';
import { tr } from './i18n.ts';

// Every screen, in English and Indonesian, at desktop and phone width: it renders its heading in
// the right language, axe finds no serious or critical problem, and a screenshot is kept.
let e2e: E2E;
let demoUserId = '';

beforeAll(async () => {
  e2e = await startE2E();
});
afterAll(() => e2e?.close());

type Lang = 'en' | 'id';
const widths = { desktop: 1280, phone: 375 } as const;

async function signedInContext(lang: Lang, width: number): Promise<BrowserContext> {
  const context = await newContext(e2e, { width, height: 860, locale: lang === 'id' ? 'id-ID' : 'en-GB' });
  const login = await context.request.post('/api/v1/auth/login', { data: { email: admin.email, password: admin.password } });
  expect(login.status()).toBe(200);
  const csrf = (await context.cookies()).find((c) => c.name === 'dd_csrf')?.value ?? '';
  const me = await context.request.patch('/api/v1/me', { data: { locale: lang }, headers: { 'x-csrf-token': csrf } });
  expect(me.status()).toBe(200);
  if (!demoUserId) {
    const users = (await (await context.request.get('/api/v1/users')).json()) as { items: { id: string; email: string }[] };
    demoUserId = users.items.find((u) => u.email.startsWith('sari.wulandari'))?.id ?? '';
  }
  return context;
}

const pages = (lang: Lang): { path: () => string; name: string; heading: string }[] => [
  { path: () => '/', name: 'home', heading: tr(lang, 'home.welcome', { name: 'Administrator' }) },
  { path: () => '/statements', name: 'statements', heading: tr(lang, 'statements.title') },
  { path: () => '/statements?view=inbox', name: 'statements-inbox', heading: tr(lang, 'statements.inbox.title') },
  { path: () => '/statements/new', name: 'statements-new', heading: tr(lang, 'statements.new.title') },
  { path: () => '/listening', name: 'listening', heading: tr(lang, 'listening.title') },
  { path: () => '/listening/sources', name: 'listening-sources', heading: tr(lang, 'listening.sources.title') },
  ...(['insights', 'integrity', 'negotiation'] as const).map((area) => ({
    path: () => `/${area}`,
    name: area,
    heading: tr(lang, `areas.${area}.title`),
  })),
  { path: () => '/profile', name: 'profile', heading: tr(lang, 'profile.title') },
  { path: () => '/admin/units', name: 'admin-units', heading: tr(lang, 'units.title') },
  { path: () => '/admin/users', name: 'admin-users', heading: tr(lang, 'users.title') },
  { path: () => `/admin/users/${demoUserId}`, name: 'admin-user', heading: 'Sari Wulandari' },
  { path: () => '/admin/audit', name: 'admin-audit', heading: tr(lang, 'audit.title') },
  { path: () => '/no-such-page', name: 'not-found', heading: tr(lang, 'notFound.title') },
];

/** An id nobody can read, or one that does not exist, is "not found" too, never a form error. */
const missing = ['/statements/clearances', '/statements/01a24e84-3aba-78f4-8ff5-16b87aed1896', '/listening/items/xyz', '/admin/users/nobody'];

/** Lets opening and closing transitions finish, so axe judges the settled screen. */
async function settle(page: Page) {
  await page.evaluate(async () => {
    await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
    await Promise.all(document.getAnimations().map((a) => a.finished.catch(() => undefined)));
  });
}

async function check(page: Page, label: string) {
  await settle(page);
  const violations = await seriousA11yViolations(page);
  if (violations.length > 0) await shot(page, `a11y-failure-${label}`);
  expect(violations, label).toEqual([]);
}

describe.each(['en', 'id'] as const)('every screen in %s', (lang) => {
  it('shows the sign-in page accessibly, in this language', async () => {
    for (const [size, width] of Object.entries(widths)) {
      const context = await newContext(e2e, { width, locale: lang === 'id' ? 'id-ID' : 'en-GB' });
      const page = await context.newPage();
      await page.goto('/login');
      await page.getByRole('heading', { name: tr(lang, 'login.title') }).waitFor();
      expect(await page.locator('html').getAttribute('lang')).toBe(lang);
      await check(page, `login-${lang}-${size}`);
      await shot(page, `page-login-${lang}-${size}`);
      await context.close();
    }
  });

  for (const [size, width] of Object.entries(widths)) {
    it(`shows every signed-in screen at ${size} width`, async () => {
      const context = await signedInContext(lang, width);
      const page = await context.newPage();
      let apiRequests = 0;
      page.on('request', (r) => {
        if (new URL(r.url()).pathname.startsWith('/api/')) apiRequests += 1;
      });
      for (const p of pages(lang)) {
        apiRequests = 0;
        await page.goto(p.path());
        await page
          .getByRole('heading', { name: p.heading, exact: true })
          .first()
          .waitFor()
          .catch(async (err: unknown) => {
            await shot(page, `failure-${p.name}-${lang}-${size}`);
            throw err;
          });
        expect(await page.locator('html').getAttribute('lang')).toBe(lang);
        await check(page, `${p.name}-${lang}-${size}`);
        // A full page load (2–6 API requests when measured) stays far inside one caller's default
        // API_RATE_PER_MINUTE (600): a reader could reload a hundred times a minute.
        expect(apiRequests, `${p.name}: API requests of one page load`).toBeLessThanOrEqual(30);
        await shot(page, `page-${p.name}-${lang}-${size}`);
      }
      // Open menus are screens too.
      if (size === 'phone') {
        await page.getByRole('button', { name: tr(lang, 'shell.openNavigation') }).click();
        await page.getByRole('navigation', { name: tr(lang, 'nav.label') }).getByText(tr(lang, 'areas.negotiation.title')).waitFor();
        await check(page, `navigation-open-${lang}`);
        await shot(page, `menu-navigation-${lang}-phone`);
      } else {
        await page.getByRole('button', { name: tr(lang, 'userMenu.label', { name: 'Administrator' }) }).click();
        await page.getByRole('menu').waitFor();
        await check(page, `user-menu-open-${lang}`);
        await shot(page, `menu-user-${lang}-desktop`);
        await page.getByRole('heading', { level: 1 }).first().click();
        await page.getByRole('menu').waitFor({ state: 'detached' });
        await page.getByRole('button', { name: tr(lang, 'language.switchLabel', { language: tr(lang, `language.names.${lang}`) }) }).click();
        await page.getByRole('menu').waitFor();
        await check(page, `language-menu-open-${lang}`);
      }
      await context.close();
    });
  }

  it('shows "not found" for addresses whose id does not exist', async () => {
    const context = await signedInContext(lang, widths.desktop);
    const page = await context.newPage();
    for (const path of missing) {
      await page.goto(path);
      await page.getByRole('heading', { level: 1, name: tr(lang, 'notFound.title'), exact: true }).waitFor();
      expect(await page.getByText(tr(lang, 'errors.request.invalid')).count()).toBe(0);
    }
    await check(page, `not-found-id-${lang}`);
    await shot(page, `page-not-found-id-${lang}-desktop`);
    await context.close();
  });
});

describe('an administrator sets a colleague\'s password', () => {
  it('shows the password as set at once, without a reload', async () => {
    const context = await signedInContext('en', 1280);
    const users = (await (await context.request.get('/api/v1/users')).json()) as { items: { id: string; email: string; hasPassword: boolean }[] };
    const dewi = users.items.find((u) => u.email.startsWith('dewi.lestari'));
    expect(dewi?.hasPassword).toBe(false);
    const page = await context.newPage();
    await page.goto(`/admin/users/${dewi?.id}`);
    // The "Password" fact of the details list.
    const passwordFact = page.locator('dt', { hasText: new RegExp(`^${tr('en', 'users.fields.password')}$`) }).locator('xpath=following-sibling::dd[1]');
    await expect.poll(() => passwordFact.textContent()).toBe(tr('en', 'users.passwordNotSet'));
    await page.getByLabel(new RegExp(`^${tr('en', 'users.fields.newPassword')}`)).fill('a temporary password for Dewi 2026');
    await page.getByLabel(new RegExp(`^${tr('en', 'users.fields.confirmPassword')}`)).fill('a temporary password for Dewi 2026');
    await page.getByRole('button', { name: tr('en', 'users.setPassword') }).click();
    await expect.poll(() => passwordFact.textContent(), { timeout: 15_000 }).toBe(tr('en', 'users.passwordIsSet'));
    await context.close();
  });
});

describe('the audit log leaves as a file', () => {
  it('downloads the entries matching the filters as CSV', async () => {
    const context = await signedInContext('id', 1280);
    const page = await context.newPage();
    await page.goto('/admin/audit');
    await page.getByRole('heading', { name: tr('id', 'audit.title') }).waitFor();
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: tr('id', 'audit.export.csv') }).click()]);
    expect(download.suggestedFilename()).toMatch(/^diplodesk-audit-.+\.csv$/);
    const file = await download.path();
    const text = fs.readFileSync(file, 'utf8');
    expect(text.replace(/^\uFEFF/, '').split('\r\n')[0]).toBe('seq,at,actor,actorId,tokenId,action,targetType,targetId,target,unitId,summary,requestId,hash');
    await check(page, 'audit-export-id');
    await context.close();
  });
});

describe('a colleague lost their phone', () => {
  it('an administrator turns their two-step verification off', async () => {
    const context = await signedInContext('en', 1280);
    const csrf = (await context.cookies()).find((c) => c.name === 'dd_csrf')?.value ?? '';
    const password = 'lost phone password 2026';
    const created = await context.request.post('/api/v1/users', {
      data: { email: 'lost.phone@e2e.diplodesk', displayName: 'Lina Pratiwi', password, memberships: [] },
      headers: { 'x-csrf-token': csrf },
    });
    expect(created.status()).toBe(201);
    const { id } = (await created.json()) as { id: string };
    // Lina enrols from her own session (a separate browser).
    const lina = await newContext(e2e);
    expect((await lina.request.post('/api/v1/auth/login', { data: { email: 'lost.phone@e2e.diplodesk', password } })).status()).toBe(200);
    const linaCsrf = (await lina.cookies()).find((c) => c.name === 'dd_csrf')?.value ?? '';
    // The administrator's password is temporary: Lina chooses her own first.
    expect((await lina.request.post('/api/v1/me/password', { data: { currentPassword: password, newPassword: 'lina picks her own words', revokeTokens: false }, headers: { 'x-csrf-token': linaCsrf } })).status()).toBe(200);
    const setup = (await (await lina.request.post('/api/v1/me/mfa/setup', { headers: { 'x-csrf-token': linaCsrf } })).json()) as { secret: string };
    expect((await lina.request.post('/api/v1/me/mfa/enable', { data: { code: totpCode(setup.secret) }, headers: { 'x-csrf-token': linaCsrf } })).status()).toBe(200);

    const page = await context.newPage();
    await page.goto(`/admin/users/${id}`);
    await page.getByRole('heading', { name: tr('en', 'users.mfaResetSectionTitle') }).waitFor();
    await check(page, 'user-with-mfa');
    await page.getByRole('button', { name: tr('en', 'users.mfaReset') }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByText(tr('en', 'users.mfaResetMessage', { name: 'Lina Pratiwi' })).waitFor();
    await shot(page, 'user-mfa-reset-confirm');
    await dialog.getByRole('button', { name: tr('en', 'users.mfaReset') }).click();
    await dialog.waitFor({ state: 'detached' });
    await page.getByText(tr('en', 'users.mfaLabelled', { state: tr('en', 'users.mfaOff') })).waitFor();
    expect(await page.getByRole('heading', { name: tr('en', 'users.mfaResetSectionTitle') }).count()).toBe(0);
    // Her old session has ended.
    expect((await lina.request.get('/api/v1/me')).status()).toBe(401);
    await lina.close();
    await context.close();
  });
});

describe('layout', () => {
  it('keeps the navigation column and its background beside the content down to the end of a long page', async () => {
    const context = await signedInContext('en', 1280);
    const page = await context.newPage();
    // A short window (a laptop with the browser's own bars) makes the new-statement form a long page.
    const viewport = { width: 1280, height: 480 };
    await page.setViewportSize(viewport);
    await page.goto('/statements/new');
    await page.getByRole('heading', { name: tr('en', 'statements.new.title') }).waitFor();
    const height = await page.evaluate(() => document.documentElement.scrollHeight);
    expect(height).toBeGreaterThan(viewport.height * 1.5);
    await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
    await page.waitForFunction(() => window.scrollY > 0);
    const nav = await page.evaluate(() => {
      const el = document.getElementById('main-navigation');
      const box = el?.getBoundingClientRect();
      return { top: box?.top ?? -1, bottom: box?.bottom ?? -1, background: el ? getComputedStyle(el).backgroundColor : '' };
    });
    expect(nav.top).toBeLessThanOrEqual(57);
    expect(nav.bottom).toBeGreaterThanOrEqual(viewport.height - 1);
    expect(nav.background).not.toMatch(/^(transparent|rgba\(0, 0, 0, 0\))$/);
    // The viewport as a reader sees it after scrolling (a full-page capture stretches fixed columns only to the first screen).
    await page.screenshot({ path: `${screenshotDir}/layout-long-page-scrolled.png` });
    await context.close();
  });
});

describe('keyboard', () => {
  it('operates the language menu with the keyboard alone', async () => {
    const context = await signedInContext('en', 1280);
    const page = await context.newPage();
    await page.goto('/');
    await page.getByRole('heading', { name: tr('en', 'home.welcome', { name: 'Administrator' }) }).waitFor();
    await page.getByRole('button', { name: tr('en', 'language.switchLabel', { language: 'English' }) }).focus();
    await page.keyboard.press('Enter');
    await page.getByRole('menu').waitFor();
    await settle(page);
    for (let i = 0; i < 3 && (await page.evaluate(() => document.activeElement?.textContent)) !== 'Bahasa Indonesia'; i++) {
      await page.keyboard.press('ArrowDown');
    }
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Bahasa Indonesia');
    await page.keyboard.press('Enter');
    await page.getByRole('menu').waitFor({ state: 'detached' });
    await page.getByRole('heading', { name: tr('id', 'home.welcome', { name: 'Administrator' }) }).waitFor();
    // …and Escape closes it again.
    await page.getByRole('button', { name: tr('id', 'language.switchLabel', { language: 'Bahasa Indonesia' }) }).focus();
    await page.keyboard.press('Enter');
    await page.getByRole('menu').waitFor();
    // Opened from the keyboard, focus moves into the menu; Escape then closes it.
    await expect.poll(() => page.evaluate(() => Boolean(document.activeElement?.closest('[role="menu"]')))).toBe(true);
    await page.keyboard.press('Escape');
    await page.getByRole('menu').waitFor({ state: 'detached' });
    await context.close();
  });

  it('reaches the main content with the skip link first', async () => {
    const context = await signedInContext('en', 1280);
    const page = await context.newPage();
    await page.goto('/');
    await page.getByRole('heading', { name: tr('en', 'home.welcome', { name: 'Administrator' }) }).waitFor();
    await page.keyboard.press('Tab');
    const focused = page.locator(':focus');
    expect((await focused.textContent())?.trim()).toBe(tr('en', 'shell.skipToContent'));
    await page.keyboard.press('Enter');
    expect(await page.evaluate(() => document.activeElement?.tagName.toLowerCase())).toBe('main');
    await context.close();
  });
});
