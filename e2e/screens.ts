import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { admin, type E2E, newContext, seriousA11yViolations, shot, startE2E } from './harness.ts';
import { tr } from './i18n.ts';

// Every screen in one language, at desktop and phone width: it renders its heading in the right
// language, axe finds no serious or critical problem, and a screenshot is kept. One file per
// language (pages-en, pages-id), each with its own server, so the two run side by side.
let e2e: E2E;
let demoUserId = '';

/** The running server of this file (started by `everyScreen`). */
export const server = (): E2E => e2e;

export type Lang = 'en' | 'id';
const widths = { desktop: 1280, phone: 375 } as const;

export async function signedInContext(lang: Lang, width: number): Promise<BrowserContext> {
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
export async function settle(page: Page) {
  await page.evaluate(async () => {
    await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
    await Promise.all(document.getAnimations().map((a) => a.finished.catch(() => undefined)));
  });
}

export async function check(page: Page, label: string) {
  await settle(page);
  const violations = await seriousA11yViolations(page);
  if (violations.length > 0) await shot(page, `a11y-failure-${label}`);
  expect(violations, label).toEqual([]);
}

/** Starts this file's server and checks every screen in `lang`. */
export function everyScreen(lang: Lang): void {
  beforeAll(async () => {
    e2e = await startE2E();
  });
  afterAll(() => e2e?.close());

  describe(`every screen in ${lang}`, () => {
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
          await page.getByRole('button', { name: `Administrator, ${tr(lang, 'userMenu.what')}` }).click();
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
}
