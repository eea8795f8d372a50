import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { expect } from 'vitest';
import { freePort, type ServerProcess, startServerProcess } from '../server/src/test/server-process.ts';
import { repoRoot } from '../server/src/test/cli-process.ts';
import { TEST_PASSWORD_HASH_COST } from '../server/src/test/password-cost.ts';

export const admin = { email: 'admin@e2e.diplodesk', password: 'e2e admin password 2026' };
export const screenshotDir = path.join(repoRoot, 'e2e/screenshots');
const webDist = path.join(repoRoot, 'web/dist');

export type E2E = { server: ServerProcess; browser: Browser; dataDir: string; close(): Promise<void> };

/** The server environment of the plain demo set-up (also what the run's prepared data folder was made with). */
export function demoServerEnv(dataDir: string, publicUrl: string): Record<string, string> {
  return {
    // The address the browser uses is also the public one: OAuth returns there, newsroom links point there.
    PUBLIC_URL: publicUrl,
    DATA_DIR: dataDir,
    DATABASE_URL: '',
    NATS_URL: '',
    WEB_DIST: webDist,
    DIPLODESK_SECRET: 'e2e-secret-e2e-secret-e2e-secret-e2e',
    DIPLODESK_ADMIN_EMAIL: admin.email,
    DIPLODESK_ADMIN_PASSWORD: admin.password,
    DIPLODESK_DEMO: '1',
    PASSWORD_HASH_COST: TEST_PASSWORD_HASH_COST,
    // Every fake platform and test identity provider listens on loopback: the operator's
    // allow-list setting lets the outbound guard reach them (nothing else private).
    OUTBOUND_ALLOW_CIDRS: '127.0.0.0/8,::1/128',
    // A test signs in, reloads and navigates faster than a person: no journey should meet the limit.
    API_RATE_PER_MINUTE: '1000000',
    PUBLIC_RATE_PER_MINUTE: '1000000',
  };
}

/**
 * A real DiploDesk (embedded database, demo workspace, the built web app) and Debian's Chromium.
 * Never downloads a browser: CHROMIUM_PATH, else Debian's headless shell of Chromium, else `/usr/bin/chromium` (see `chromiumPath`).
 * The server starts on its own copy of the run's prepared data folder (e2e/global-setup.ts): the
 * first run's work is done once per run, not once per file. `fresh: true` starts on an empty folder.
 * `staffHost` with `publicHost` serves the staff app (and `server.url`) on one name, the newsroom on the other.
 */
export async function startE2E(opts: { env?: Record<string, string>; publicHost?: 'localhost'; staffHost?: '127.0.0.1'; fresh?: boolean } = {}): Promise<E2E> {
  if (!fs.existsSync(path.join(webDist, 'index.html'))) throw new Error('web/dist is missing: run `npx vite build web` first (npm test does)');
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'diplodesk-e2e-'));
  const template = process.env.DIPLODESK_E2E_TEMPLATE;
  if (!opts.fresh && template && fs.existsSync(template)) fs.cpSync(template, dataDir, { recursive: true });
  fs.mkdirSync(screenshotDir, { recursive: true });
  const port = await freePort();
  const server = await startServerProcess(
    {
      // WebAuthn refuses an IP address as relying party: passkey journeys use `localhost` (still loopback).
      ...demoServerEnv(dataDir, `http://${opts.publicHost ?? '127.0.0.1'}:${port}`),
      // The staff app on a host name of its own (the same loopback server under a second name).
      ...(opts.staffHost ? { STAFF_URL: `http://${opts.staffHost}:${port}` } : {}),
      // Fake platforms (connectors' local fakes) and similar test wiring.
      ...opts.env,
    },
    port,
    // A loaded machine (parallel suites) can take more than a minute to migrate and start.
    180_000,
  );
  let browser: Browser;
  try {
    browser = await chromium.launch({
      executablePath: chromiumPath(),
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync', '--disable-quic'],
    });
  } catch (error) {
    // Without a browser the suite fails, but the server it started must not outlive it.
    await server.kill('SIGTERM');
    fs.rmSync(dataDir, { recursive: true, force: true });
    throw error;
  }
  return {
    server,
    browser,
    dataDir,
    async close() {
      await browser.close();
      await server.kill('SIGTERM');
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/**
 * The browser the journeys run in: CHROMIUM_PATH when set; else Debian's `chromium-headless-shell`
 * (the same Chromium build without the desktop browser's own interface, which is what Playwright
 * itself runs headless; it needed a third less CPU than `chromium --headless` for the same file);
 * else `/usr/bin/chromium`.
 */
export function chromiumPath(): string {
  if (process.env.CHROMIUM_PATH) return process.env.CHROMIUM_PATH;
  return fs.existsSync('/usr/bin/chromium-headless-shell') ? '/usr/bin/chromium-headless-shell' : '/usr/bin/chromium';
}

export async function newContext(e2e: E2E, opts: { locale?: string; width?: number; height?: number; timezoneId?: string; baseURL?: string } = {}): Promise<BrowserContext> {
  return e2e.browser.newContext({
    baseURL: opts.baseURL ?? e2e.server.url,
    locale: opts.locale ?? 'en-GB',
    timezoneId: opts.timezoneId ?? 'Asia/Jakarta',
    viewport: { width: opts.width ?? 1280, height: opts.height ?? 860 },
    // The app honours reduced motion: menus and dialogs appear at once, so checks see them settled.
    reducedMotion: 'reduce',
  });
}

/** The CSRF token a signed-in context sends back on writes. */
export const csrfOf = async (context: BrowserContext): Promise<string> => (await context.cookies()).find((c) => c.name === 'dd_csrf')?.value ?? '';

export type Lang = 'en' | 'id';

/** A browser context signed in as `who`, with the account's language set to `lang` (the app follows the account, not the browser). */
export async function signedInContext(e2e: E2E, who: { email: string; password: string }, lang: Lang, opts: { width?: number; height?: number; timezoneId?: string } = {}): Promise<BrowserContext> {
  const context = await newContext(e2e, { width: opts.width ?? 1280, height: opts.height ?? 900, locale: lang === 'id' ? 'id-ID' : 'en-GB', timezoneId: opts.timezoneId });
  expect((await context.request.post('/api/v1/auth/login', { data: who })).status()).toBe(200);
  expect((await context.request.patch('/api/v1/me', { data: { locale: lang }, headers: { 'x-csrf-token': await csrfOf(context) } })).status()).toBe(200);
  return context;
}

/**
 * No serious or critical axe violation on the page, once its finite animations have ended (a
 * spinner that turns forever is not waited for). On a failure the page is kept as
 * `a11y-failure-<test file>-<label>.png` next to the other screenshots.
 */
export async function expectAccessible(page: Page, label: string): Promise<void> {
  await page.evaluate(async () => {
    await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
    await Promise.all(document.getAnimations().filter((a) => a.effect?.getTiming().iterations !== Number.POSITIVE_INFINITY).map((a) => a.finished.catch(() => undefined)));
  });
  const violations = await seriousA11yViolations(page);
  if (violations.length > 0) await shot(page, `a11y-failure-${path.basename(expect.getState().testPath ?? 'e2e', '.e2e.test.ts')}-${label}`);
  expect(violations, label).toEqual([]);
}

export async function shot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: path.join(screenshotDir, `${name}.png`), fullPage: true });
}

const axeSource = fs.readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
type AxeViolation = { id: string; impact?: string | null; help: string; nodes: { target: unknown[]; html: string; failureSummary?: string }[] };

/**
 * axe-core on the current page: returns serious and critical violations (expected: none).
 * axe is put into the page once (again after a navigation) and run there with every rule, as
 * `@axe-core/playwright` would; that package's default mode also opens a second page per run to
 * merge results across frames, which took four of every five seconds of a check. The app has no
 * frames, so one `axe.run` on the document sees all there is.
 */
export async function seriousA11yViolations(page: Page): Promise<string[]> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(axeSource);
  // Only violations are read, so axe lists one example node for passes and incomplete checks, not all.
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(context: Document, options: object): Promise<{ violations: AxeViolation[] }> } }).axe;
    const result = await axe.run(document, { resultTypes: ['violations'], iframes: false });
    return result.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => ({ target: n.target, html: n.html, failureSummary: n.failureSummary })) }));
  });
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => `${n.target.join(' ')} ${n.html.slice(0, 160)} ${n.failureSummary ?? ''}`).slice(0, 3).join(' | ')}`);
}

/**
 * Creates an account through the admin API, then signs in once as that person to replace the
 * temporary password with `password`: a password an administrator typed has to be changed at the
 * first sign-in (ASVS 6.4.1), and the journeys then sign in with the person's own one.
 */
export async function createUserWithOwnPassword(e2e: E2E, adminContext: BrowserContext, data: { email: string; password: string } & Record<string, unknown>): Promise<{ id: string }> {
  const temporary = `${data.password} (temporary)`;
  const created = await adminContext.request.post('/api/v1/users', { data: { ...data, password: temporary }, headers: { 'x-csrf-token': await csrfOf(adminContext) } });
  if (created.status() !== 201) throw new Error(`creating ${data.email}: ${created.status()} ${await created.text()}`);
  const person = await newContext(e2e);
  try {
    const login = await person.request.post('/api/v1/auth/login', { data: { email: data.email, password: temporary } });
    if (login.status() !== 200) throw new Error(`first sign-in of ${data.email}: ${login.status()}`);
    const changed = await person.request.post('/api/v1/me/password', {
      data: { currentPassword: temporary, newPassword: data.password, revokeTokens: false },
      headers: { 'x-csrf-token': await csrfOf(person) },
    });
    if (changed.status() !== 200) throw new Error(`password change of ${data.email}: ${changed.status()} ${await changed.text()}`);
  } finally {
    await person.close();
  }
  return (await created.json()) as { id: string };
}
