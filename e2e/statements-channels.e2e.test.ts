import fs from 'node:fs';
import path from 'node:path';
import type { FakePlatform } from '@diplodesk/connector-sdk/testing';
import type { APIRequestContext, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFake as startMastodonFake } from '../connectors/mastodon/src/fake/index.ts';
import { startFake as startXFake } from '../connectors/x/src/fake/index.ts';
import { repoRoot } from '../server/src/test/cli-process.ts';
import { admin, createUserWithOwnPassword, csrfOf, type E2E, seriousA11yViolations, shot, startE2E } from './harness.ts';

// The Statements desk's channels, calendar and settings in Debian's Chromium against a real server
// whose Mastodon and X connectors point at the connectors' local fakes: connect both through the
// browser, see a scheduled post on the calendar, edit a clearance chain; axe and screenshots in
// English and Indonesian, desktop and phone.
type Lang = 'en' | 'id';
type Tree = { [key: string]: string | Tree };
const channelWords = {
  en: JSON.parse(fs.readFileSync(path.join(repoRoot, 'web/src/locales/en/channels.json'), 'utf8')) as Tree,
  id: JSON.parse(fs.readFileSync(path.join(repoRoot, 'web/src/locales/id/channels.json'), 'utf8')) as Tree,
};
/** A `channels.*` text as a person reads it. */
function ch(lang: Lang, key: string, vars: Record<string, string> = {}): string {
  let node: string | Tree | undefined = channelWords[lang];
  for (const part of key.split('.')) node = typeof node === 'object' ? node[part] : undefined;
  if (typeof node !== 'string') throw new Error(`no ${lang} text for channels.${key}`);
  return node.replace(/\{\{(\w+)\}\}/g, (_, v: string) => vars[v] ?? '');
}

let e2e: E2E;
let mastodon: FakePlatform;
let x: FakePlatform;
let rootUnitId = '';
const statementTitle = 'Ministry welcomes the ceasefire talks';

beforeAll(async () => {
  [mastodon, x] = await Promise.all([startMastodonFake(), startXFake()]);
  e2e = await startE2E({ env: { ...mastodon.env, ...x.env } });
  const context = await signedIn('en', 1280);
  rootUnitId = (await api<{ items: { id: string; parentId: string | null }[] }>(context, 'GET', '/units')).items.find((u) => u.parentId === null)?.id ?? '';
  await context.close();
}, 60_000);
afterAll(async () => {
  await e2e?.close();
  await Promise.all([mastodon?.close(), x?.close()]);
});

async function signedIn(lang: Lang, width: number, who = admin): Promise<BrowserContext> {
  // The harness makes the server's public address (where OAuth sends the browser back) the one the browser uses.
  const context = await e2e.browser.newContext({
    baseURL: e2e.server.url,
    locale: lang === 'id' ? 'id-ID' : 'en-GB',
    timezoneId: 'Asia/Jakarta',
    viewport: { width, height: 900 },
    reducedMotion: 'reduce',
  });
  expect((await context.request.post('/api/v1/auth/login', { data: who })).status()).toBe(200);
  expect((await context.request.patch('/api/v1/me', { data: { locale: lang }, headers: { 'x-csrf-token': await csrfOf(context) } })).status()).toBe(200);
  // A crash in the page shows up in the test's output, not only as a blank screenshot.
  context.on('weberror', (error) => console.error(`page error (${lang}, ${width}px): ${error.error().message}`));
  context.on('console', (message) => {
    if (message.type() === 'error') console.error(`console (${lang}, ${width}px): ${message.text()}`);
  });
  return context;
}

/** JSON API call with the session's CSRF token; fails loudly with the server's answer. */
async function api<T>(context: BrowserContext, method: 'GET' | 'POST' | 'PATCH' | 'PUT', url: string, data?: unknown): Promise<T> {
  const request: APIRequestContext = context.request;
  const res = await request.fetch(`/api/v1${url}`, { method, data, headers: { 'x-csrf-token': await csrfOf(context) } });
  if (!res.ok()) throw new Error(`${method} ${url} → ${res.status()} ${await res.text()}`);
  return (await res.json()) as T;
}

async function settle(page: Page) {
  await page.evaluate(async () => {
    await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
    await Promise.all(document.getAnimations().map((a) => a.finished.catch(() => undefined)));
  });
}

async function accessible(page: Page, label: string) {
  await settle(page);
  const violations = await seriousA11yViolations(page);
  if (violations.length > 0) await shot(page, `a11y-failure-${label}`);
  expect(violations, label).toEqual([]);
}

async function heading(page: Page, name: string, label: string) {
  await page
    .getByRole('heading', { name, exact: true, level: 1 })
    .waitFor()
    .catch(async (err: unknown) => {
      await shot(page, `failure-${label}`);
      throw err;
    });
}

describe('statements desk: channels, calendar, settings', () => {
  it('connects Mastodon with its form and X through OAuth, and lists both', async () => {
    const context = await signedIn('en', 1280);
    const page = await context.newPage();
    await page.goto('/statements/channels');
    await heading(page, ch('en', 'title'), 'channels');
    // The ministry (top of the tree) is the first unit offered.
    await page.waitForURL((url) => url.pathname === '/statements/channels');
    await page.getByText(ch('en', 'accounts.empty')).waitFor();

    // A refused token says so, without showing what was typed.
    const values = mastodon.connectFormValues() ?? {};
    await page.getByRole('button', { name: ch('en', 'connect.connectLabel', { platform: 'Mastodon' }) }).click();
    const dialog = page.getByRole('dialog');
    await dialog.locator('input[name="instanceUrl"]').fill(values.instanceUrl ?? '');
    await dialog.locator('input[name="accessToken"]').fill('not-a-real-token');
    expect(await dialog.locator('input[name="accessToken"]').getAttribute('type')).toBe('password');
    await dialog.getByRole('button', { name: ch('en', 'connect.submit') }).click();
    await dialog.getByText(ch('en', 'connect.refused')).waitFor();
    await accessible(page, 'channels-connect-form-error');
    await shot(page, 'channels-connect-form-en');
    await dialog.locator('input[name="accessToken"]').fill(values.accessToken ?? '');
    await dialog.getByRole('button', { name: ch('en', 'connect.submit') }).click();
    await dialog.waitFor({ state: 'detached' });
    const list = page.getByRole('region', { name: ch('en', 'accounts.title') });
    await list.getByRole('listitem').filter({ hasText: 'Mastodon' }).waitFor();

    // X: the fake's authorize page approves at once and sends the browser back through the API.
    await page.getByRole('button', { name: ch('en', 'connect.connectLabel', { platform: 'X' }) }).click();
    await page.waitForURL(/connected=/).catch(async (err: unknown) => {
      await shot(page, 'failure-channels-oauth');
      throw new Error(`the OAuth round trip stopped at ${page.url()}: ${String(err)}`);
    });
    const landed = new URL(page.url());
    expect(landed.searchParams.get('connected')).toBe('x');
    // The callback's target is the server's choice; if it is not this page, come to it with the notice.
    if (landed.pathname !== '/statements/channels') await page.goto(`/statements/channels${landed.search}`);
    await page.getByText(ch('en', 'return.connected', { platform: 'X' })).waitFor();
    await list.getByRole('listitem').filter({ hasText: /^X/ }).waitFor();
    expect(await list.getByRole('listitem').count()).toBe(2);
    // No secret reaches the page.
    const html = await page.content();
    expect(html).not.toContain(values.accessToken ?? '§');
    await accessible(page, 'channels-connected');
    await context.close();
  });

  it('shows a scheduled publication on the calendar', async () => {
    const context = await signedIn('en', 1280);
    const accounts = await api<{ items: { id: string; platform: string }[] }>(context, 'GET', `/channel-accounts?unitId=${rootUnitId}`);
    const account = accounts.items.find((a) => a.platform === 'mastodon');
    expect(account).toBeDefined();
    // An approver and a second administrator clear it (the author does not clear their own).
    const people = [
      { email: 'desk.approver@e2e.diplodesk', displayName: 'Desk Approver', role: 'approver' },
      { email: 'second.admin@e2e.diplodesk', displayName: 'Second Admin', role: 'admin' },
    ];
    const password = 'calendar e2e password 2026';
    for (const p of people) {
      await createUserWithOwnPassword(e2e, context, { email: p.email, displayName: p.displayName, password, memberships: [{ unitId: rootUnitId, role: p.role }] });
    }
    /** Drafted, cleared by both, and scheduled at `at`; `variants` empty makes it newsroom-only. */
    async function scheduled(title: string, variants: unknown[], at: Date): Promise<string> {
      let statement = await api<{ id: string; version: number }>(context, 'POST', '/statements', {
        unitId: rootUnitId,
        kind: 'statement',
        primaryLanguage: 'en',
        audienceTimeZone: 'Asia/Jakarta',
        texts: [{ language: 'en', title, body: 'The Ministry welcomes the talks and calls on all parties to keep the ceasefire.' }],
      });
      if (variants.length > 0) statement = await api(context, 'PATCH', `/statements/${statement.id}`, { baseVersion: statement.version, variants });
      statement = await api(context, 'POST', `/statements/${statement.id}/submit`, { baseVersion: statement.version });
      for (const p of people) {
        const other = await signedIn('en', 1280, { email: p.email, password });
        statement = await api(other, 'POST', `/statements/${statement.id}/decisions`, { baseVersion: statement.version, decision: 'approve' });
        await other.close();
      }
      await api(context, 'POST', `/statements/${statement.id}/schedule`, { scheduledAt: at.toISOString() });
      return statement.id;
    }
    const at = new Date(Date.now() + 3 * 3_600_000);
    const statement = { id: await scheduled(statementTitle, [{ channelAccountId: account?.id, language: 'en', text: 'The Ministry welcomes the ceasefire talks.', title: null }], at) };
    // A statement with no social channel goes out on the newsroom alone: it is on the calendar too, at its time.
    const newsroomTitle = 'Ministry condemns the attack on the consulate';
    const newsroomAt = new Date(at.getTime() + 17 * 60_000);
    const newsroomOnlyId = await scheduled(newsroomTitle, [], newsroomAt);
    const day = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Jakarta', year: 'numeric', month: '2-digit', day: '2-digit' }).format(at);

    const page = await context.newPage();
    await page.goto(`/statements/calendar?unit=${rootUnitId}&date=${day}`);
    await heading(page, ch('en', 'calendar.title'), 'calendar');
    // The statement goes out on the newsroom and on Mastodon: one entry each.
    const entry = page.getByRole('listitem').filter({ hasText: statementTitle }).filter({ hasText: 'Mastodon' });
    await entry.waitFor();
    await page.getByRole('listitem').filter({ hasText: statementTitle }).filter({ hasText: ch('en', 'calendar.newsroom') }).waitFor();
    await expect(entry.getByText(ch('en', 'states.scheduled')).isVisible()).resolves.toBe(true);
    await expect(entry.getByText('Mastodon').isVisible()).resolves.toBe(true);
    expect(await entry.getByRole('link', { name: statementTitle }).getAttribute('href')).toBe(`/statements/${statement.id}`);
    const newsroomEntry = page.getByRole('listitem').filter({ hasText: newsroomTitle });
    await expect(newsroomEntry.getByText(ch('en', 'calendar.newsroom')).isVisible()).resolves.toBe(true);
    await expect(newsroomEntry.getByText(ch('en', 'states.scheduled')).isVisible()).resolves.toBe(true);
    const newsroomTime = new Intl.DateTimeFormat('en-GB', { hour: '2-digit', minute: '2-digit', timeZone: 'Asia/Jakarta' }).format(newsroomAt);
    await expect(newsroomEntry.getByText(newsroomTime, { exact: true }).isVisible()).resolves.toBe(true);
    expect(await newsroomEntry.getByRole('link', { name: newsroomTitle }).getAttribute('href')).toBe(`/statements/${newsroomOnlyId}`);
    await expect(page.getByText(ch('en', 'calendar.empty')).count()).resolves.toBe(0);
    // Keyboard: Page Down moves a week on, Page Up back.
    await page.getByRole('button', { name: ch('en', 'calendar.today') }).focus();
    await page.keyboard.press('PageDown');
    await expect.poll(() => entry.count()).toBe(0);
    await page.keyboard.press('PageUp');
    await entry.waitFor();
    await page.getByText(ch('en', 'calendar.month'), { exact: true }).click();
    await page.waitForURL(/view=month/);
    await entry.waitFor();
    await accessible(page, 'calendar-month');
    await shot(page, 'channels-calendar-month-en-desktop');
    await context.close();
  });

  it('edits and saves a clearance chain', async () => {
    const context = await signedIn('en', 1280);
    const page = await context.newPage();
    await page.goto(`/statements/settings?unit=${rootUnitId}`);
    await heading(page, ch('en', 'settings.title'), 'settings');
    await page.getByRole('button', { name: ch('en', 'chains.editLabel', { name: 'Ordinary clearance' }) }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel(ch('en', 'chains.name'), { exact: false }).first().fill('Ordinary clearance (press)');
    await dialog.getByRole('button', { name: ch('en', 'chains.addStep') }).click();
    const stepNames = dialog.getByRole('textbox', { name: ch('en', 'chains.stepName') });
    await stepNames.nth(2).fill('Spokesperson check');
    const approvers = dialog.getByLabel(ch('en', 'chains.approvers'), { exact: false });
    await approvers.nth(2).click();
    // Only roles that can approve are offered (four eyes): an approver checks for the spokesperson.
    await page.getByRole('option', { name: ch('en', 'chains.roleOption', { role: 'Approver' }) }).click();
    await page.keyboard.press('Escape');
    // The new step goes first.
    await dialog.getByRole('button', { name: ch('en', 'chains.moveUp', { number: '3' }) }).click();
    await dialog.getByRole('button', { name: ch('en', 'chains.moveUp', { number: '2' }) }).click();
    await dialog.getByRole('radio', { name: ch('en', 'chains.modeAll') }).first().check();
    await accessible(page, 'chain-editor');
    await shot(page, 'channels-chain-editor-en');
    await dialog.getByRole('button', { name: ch('en', 'chains.save') }).click();
    await dialog.waitFor({ state: 'detached' });
    await page.getByText('Ordinary clearance (press)').waitFor();
    const chains = await api<{ items: { name: string; steps: { name: string; mode: string; approvers: unknown[] }[] }[] }>(context, 'GET', `/clearance-chains?unitId=${rootUnitId}`);
    const saved = chains.items.find((c) => c.name === 'Ordinary clearance (press)');
    expect(saved?.steps.map((s) => s.name)).toEqual(['Spokesperson check', 'Desk review', 'Final sign-off']);
    expect(saved?.steps[0]).toMatchObject({ mode: 'all', approvers: [{ kind: 'role', role: 'approver' }] });
    await context.close();
  });

  for (const lang of ['en', 'id'] as const) {
    for (const [size, width] of [
      ['desktop', 1280],
      ['phone', 375],
    ] as const) {
      it(`channels, calendar and settings in ${lang} on a ${size}: accessible, with screenshots`, async () => {
        const context = await signedIn(lang, width);
        const page = await context.newPage();
        const screens = [
          { url: `/statements/channels?unit=${rootUnitId}`, title: ch(lang, 'title'), name: 'channels', ready: ch(lang, 'accounts.title') },
          { url: `/statements/calendar?unit=${rootUnitId}`, title: ch(lang, 'calendar.title'), name: 'calendar', ready: ch(lang, 'calendar.today') },
          { url: `/statements/settings?unit=${rootUnitId}`, title: ch(lang, 'settings.title'), name: 'settings', ready: ch(lang, 'chains.title') },
        ];
        for (const screen of screens) {
          await page.goto(screen.url);
          await heading(page, screen.title, `${screen.name}-${lang}-${size}`);
          await page.getByText(screen.ready).first().waitFor();
          await accessible(page, `${screen.name}-${lang}-${size}`);
          await shot(page, `channels-${screen.name}-${lang}-${size}`);
        }
        await context.close();
      });
    }
  }
});
