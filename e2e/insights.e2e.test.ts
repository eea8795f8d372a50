import { type FakeFeedServer, rss20Feed, startFakeFeedServer } from '@diplodesk/connector-rss/fake';
import fs from 'node:fs';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { admin, createUserWithOwnPassword, csrfOf, type E2E, expectAccessible, type Lang, shot, signedInContext, startE2E } from './harness.ts';
import { tr } from './i18n.ts';

// An analyst reads the trends of what a local RSS feed and the demo sample collected: the chart,
// split by country, as a table whose cells open exactly their items in the search; a click in the
// chart opens its bucket; the CSV has the same numbers; the figures are rebuilt with a progress
// bar — in English and Indonesian.

const analyst = { email: 'analyst.insights@e2e.diplodesk', password: 'insights e2e password 2026' };
const hoursAgo = (h: number) => new Date(Date.now() - h * 3_600_000).toUTCString();

let feeds: FakeFeedServer;
let e2e: E2E;
let ctx: BrowserContext;
let page: Page;

const signedIn = (who: { email: string; password: string }, lang: Lang) => signedInContext(e2e, who, lang);

/** A form field by its label (a required one carries " *"). */
const field = (scope: Pick<Page, 'getByLabel'>, label: string) => scope.getByLabel(new RegExp(`^${label.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}( \\*)?$`)).first();

/** Chooses an option of a segmented control by its visible label. */
const segment = (p: Page, label: string) => p.locator('label', { hasText: new RegExp(`^${label}$`) }).click();

beforeAll(async () => {
  feeds = await startFakeFeedServer();
  feeds.setFeed('/asean.xml', {
    body: rss20Feed({
      title: 'ASEAN Wire',
      items: [
        { guid: 'a1', title: 'Japan and Indonesia agree on maritime patrols', description: 'Tokyo and Jakarta signed a maritime security agreement for joint patrols.', link: 'https://news.example/a1', pubDate: hoursAgo(3) },
        { guid: 'a2', title: 'Japanese investors return to Indonesian nickel', description: 'Japan plans new investment in nickel processing in Sulawesi, officials said.', link: 'https://news.example/a2', pubDate: hoursAgo(4) },
        { guid: 'a3', title: 'Japan donates rescue boats', description: 'Japan donated rescue boats to coastal communities after the floods.', link: 'https://news.example/a3', pubDate: hoursAgo(26) },
        { guid: 'a4', title: 'Fiji thanks Indonesia for vaccines', description: 'Fiji welcomed the vaccine donation from Indonesia as a generous step.', link: 'https://news.example/a4', pubDate: hoursAgo(6) },
      ],
    }),
  });
  e2e = await startE2E();
  const adminCtx = await signedIn(admin, 'en');
  const units = (await (await adminCtx.request.get('/api/v1/units')).json()) as { items: { id: string; parentId: string | null }[] };
  const unitId = units.items.find((u) => u.parentId === null)?.id ?? '';
  await createUserWithOwnPassword(e2e, adminCtx, { email: analyst.email, displayName: 'Ika Analyst', password: analyst.password, locale: 'en', timeZone: 'Asia/Jakarta', memberships: [{ unitId, role: 'analyst' }, { unitId, role: 'editor' }] });
  const added = await adminCtx.request.post('/api/v1/listening/sources', { data: { unitId, connector: 'rss', name: 'ASEAN Wire', config: { url: feeds.url('/asean.xml') }, intervalSeconds: 60 }, headers: { 'x-csrf-token': await csrfOf(adminCtx) } });
  expect(added.status(), await added.text()).toBe(201);
  // The worker polls the feed; the rollups count what it stored.
  const deadline = Date.now() + 60_000;
  for (;;) {
    const found = (await (await adminCtx.request.get('/api/v1/insights/trends', { params: { dimension: 'country', keys: 'JP', from: new Date(Date.now() - 7 * 86_400_000).toISOString(), to: new Date(Date.now() + 3_600_000).toISOString() } })).json()) as { series: { total: number }[] };
    if ((found.series[0]?.total ?? 0) >= 3) break;
    if (Date.now() > deadline) throw new Error('the feed was not counted in a minute');
    await new Promise((r) => setTimeout(r, 500));
  }
  await adminCtx.close();
  ctx = await signedIn(analyst, 'en');
  page = await ctx.newPage();
}, 120_000);

afterAll(async () => {
  await e2e?.close();
  await feeds?.close();
});

describe('insights', () => {
  it('shows the trend of everything collected, from the navigation', async () => {
    await page.goto('/');
    await page.getByRole('navigation', { name: tr('en', 'nav.label') }).getByRole('link', { name: tr('en', 'areas.insights.title') }).click();
    await page.getByRole('heading', { level: 1, name: tr('en', 'insights.title') }).waitFor();
    await page.getByRole('img', { name: /Items by All items over the last 7 days/ }).waitFor();
    await expect.poll(() => page.locator('svg path').count()).toBeGreaterThan(3);
    await shot(page, 'insights-trends-en');
    await expectAccessible(page, 'trends-en');
  });

  it('splits by country; a table cell opens exactly its items in the search', async () => {
    await segment(page, tr('en', 'insights.trends.dimensions.country'));
    await segment(page, tr('en', 'insights.trends.asTable'));
    const table = page.getByRole('table');
    await table.waitFor();
    await expect.poll(() => table.getByRole('columnheader', { name: /Japan/ }).count(), { timeout: 15_000 }).toBe(1);
    const japanColumn = (await table.getByRole('columnheader').allTextContents()).findIndex((text) => text.includes('Japan'));
    // The day with the two Japanese stories of three and four hours ago (in the analyst's zone).
    const rows = table.locator('tbody tr');
    let link = null;
    for (let i = (await rows.count()) - 1; i >= 0; i--) {
      const cell = rows.nth(i).locator('td').nth(japanColumn - 1);
      const value = Number(await cell.textContent());
      if (value > 0) {
        link = { cell, value };
        break;
      }
    }
    expect(link).not.toBeNull();
    await shot(page, 'insights-table-country-en');
    await expectAccessible(page, 'table-en');
    await link?.cell.getByRole('link').click();
    await page.waitForURL(/\/listening\?countries=JP&from=.*&to=/);
    await page.getByText(/opened from a chart/).waitFor();
    const results = page.locator('section[aria-labelledby="results-heading"] article');
    await expect.poll(() => results.count()).toBe(link?.value);
    await shot(page, 'insights-drilldown-en');
  });

  it('opens the items of a bucket from a click in the chart', async () => {
    await page.goto('/insights?period=24h');
    const chart = page.getByRole('img', { name: /over the last 24 hours/ });
    await chart.waitFor();
    const box = await chart.boundingBox();
    if (!box) throw new Error('no chart');
    // Near the right edge of the plot: one of the last hours.
    await page.mouse.click(box.x + box.width * 0.8, box.y + box.height * 0.6);
    await page.waitForURL(/\/listening\?from=.*&to=/);
    const url = new URL(page.url());
    const from = new Date(url.searchParams.get('from') ?? '');
    const to = new Date(url.searchParams.get('to') ?? '');
    expect(to.getTime() - from.getTime()).toBe(3_600_000);
  });

  it('downloads the chart as CSV with the same totals', async () => {
    await page.goto('/insights?by=country');
    await page.getByRole('img', { name: /Items by Country/ }).waitFor();
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: tr('en', 'insights.trends.downloadCsv') }).click()]);
    const text = fs.readFileSync((await download.path()) as string, 'utf8');
    const [head, ...rows] = text.trim().split('\r\n');
    expect(head).toBe('bucket_start,dimension,key,items,items_with_tone,mean_tone,share_of_all');
    const japan = rows.filter((r) => r.split(',')[2] === 'JP').reduce((n, r) => n + Number(r.split(',')[3]), 0);
    expect(japan).toBeGreaterThanOrEqual(3);
  });

  it('rebuilds the figures with a progress bar, to the same numbers', async () => {
    const before = await (await ctx.request.get('/api/v1/insights/trends', { params: { dimension: 'country', from: new Date(Date.now() - 30 * 86_400_000).toISOString(), to: new Date(Date.now() + 3_600_000).toISOString(), top: 50 } })).json();
    await page.goto('/insights');
    await page.getByRole('button', { name: tr('en', 'insights.rebuild.start') }).click();
    await page.getByRole('progressbar', { name: tr('en', 'insights.rebuild.progressLabel') }).waitFor();
    await page.getByText(/^Rebuilt from \d+ items on/).waitFor({ timeout: 60_000 });
    const after = await (await ctx.request.get('/api/v1/insights/trends', { params: { dimension: 'country', from: before.from, to: before.to, top: 50 } })).json();
    expect(after.series).toEqual(before.series);
  });

  it('charts a saved search; a point opens the search with its filters and period', async () => {
    const saved = await ctx.request.post('/api/v1/listening/saved-searches', { data: { name: 'Nickel watch', query: { q: 'nickel' } }, headers: { 'x-csrf-token': await csrfOf(ctx) } });
    expect(saved.status(), await saved.text()).toBe(201);
    await page.goto('/insights?by=saved-search&view=table');
    await page.getByRole('heading', { level: 1, name: tr('en', 'insights.title') }).waitFor();
    const table = page.getByRole('table');
    // The column is named once the saved searches are read (listening's list).
    await expect.poll(() => table.getByRole('columnheader', { name: 'Nickel watch' }).count(), { timeout: 15_000 }).toBe(1);
    const rows = table.locator('tbody tr');
    let link = null;
    for (let i = (await rows.count()) - 1; i >= 0 && !link; i--) {
      const cell = rows.nth(i).locator('td').first();
      const value = Number(await cell.textContent());
      if (value > 0) link = { cell, value };
    }
    // One story mentions nickel (four hours ago).
    expect(link?.value).toBe(1);
    await shot(page, 'insights-saved-search-en');
    await expectAccessible(page, 'saved-search-en');
    await link?.cell.getByRole('link').click();
    await page.waitForURL(/\/listening\?q=nickel&from=.*&to=/);
    const results = page.locator('section[aria-labelledby="results-heading"] article');
    await expect.poll(() => results.count(), { timeout: 15_000 }).toBe(1);
    expect((await results.first().textContent())?.toLowerCase()).toContain('nickel');
  });

  it('raises an alert from a rule made in the form, live, as new items arrive', async () => {
    await page.goto('/insights/rules');
    await page.getByRole('heading', { level: 1, name: tr('en', 'insights.rules.title') }).waitFor();
    await expectAccessible(page, 'rules-empty');
    await page.getByRole('button', { name: tr('en', 'insights.rules.add') }).click();
    const dialog = page.getByRole('dialog');
    await field(dialog, tr('en', 'insights.rules.form.name')).fill('Japan coverage');
    await field(dialog, tr('en', 'insights.rules.form.kind')).click();
    await page.getByRole('option', { name: tr('en', 'insights.rules.kinds.threshold'), exact: true }).click();
    await field(dialog, tr('en', 'insights.rules.form.watch')).click();
    await page.getByRole('option', { name: tr('en', 'insights.trends.dimensions.country'), exact: true }).click();
    await field(dialog, tr('en', 'insights.rules.form.which')).click();
    await page.getByRole('option', { name: /Japan/ }).click();
    await field(dialog, tr('en', 'insights.rules.form.threshold')).fill('2');
    await shot(page, 'insights-rule-form-en');
    await expectAccessible(page, 'rule-form');
    await dialog.getByRole('button', { name: tr('en', 'insights.rules.form.create') }).click();
    await page.getByRole('rowheader', { name: 'Japan coverage' }).waitFor();
    await shot(page, 'insights-rules-en');
    // The desk's mailbox gets it too, so the card has a delivery to show.
    const rules = (await (await ctx.request.get('/api/v1/insights/alert-rules')).json()) as { items: { id: string; name: string }[] };
    const ruleId = rules.items.find((r) => r.name === 'Japan coverage')?.id ?? '';
    const mailed = await ctx.request.patch(`/api/v1/insights/alert-rules/${ruleId}`, { data: { emailAddresses: ['desk@ministry.example'] }, headers: { 'x-csrf-token': await csrfOf(ctx) } });
    expect(mailed.status(), await mailed.text()).toBe(200);

    // Three Japanese stories now, from a feed added meanwhile: the worker collects them, the rule fires.
    feeds.setFeed('/tokyo.xml', {
      body: rss20Feed({
        title: 'Tokyo Desk',
        items: [1, 2, 3].map((i) => ({ guid: `t${i}`, title: `Japan and Indonesia coast guards meet, report ${i}`, description: `Japanese and Indonesian coast guards held talks in Tokyo on maritime safety, item ${i}.`, link: `https://news.example/t${i}`, pubDate: new Date(Date.now() - i * 60_000).toUTCString() })),
      }),
    });
    const adminCtx = await signedIn(admin, 'en');
    const units = (await (await adminCtx.request.get('/api/v1/units')).json()) as { items: { id: string; parentId: string | null }[] };
    const unitId = units.items.find((u) => u.parentId === null)?.id ?? '';
    const added = await adminCtx.request.post('/api/v1/listening/sources', { data: { unitId, connector: 'rss', name: 'Tokyo Desk', config: { url: feeds.url('/tokyo.xml') } }, headers: { 'x-csrf-token': await csrfOf(adminCtx) } });
    expect(added.status()).toBe(201);
    await adminCtx.close();
    const toast = page.getByText(tr('en', 'insights.alerts.toastTitle', { name: 'Japan coverage' }));
    await toast.waitFor({ timeout: 60_000 }).catch(async (err: unknown) => {
      await shot(page, 'failure-insights-toast');
      console.log(JSON.stringify(await (await ctx.request.get('/api/v1/insights/alerts')).json()).slice(0, 600));
      throw err;
    });
    await shot(page, 'insights-alert-toast-en');
    await page.getByRole('button', { name: tr('en', 'insights.alerts.toastOpen') }).click();
    await page.getByRole('heading', { level: 1, name: tr('en', 'insights.alerts.title') }).waitFor();
    const card = page.getByRole('article', { name: 'Japan coverage' });
    await card.getByText(/items in one hour, more than the rule’s 2\./).waitFor();
    await expect.poll(() => page.getByRole('link', { name: /Alerts, 1 open/ }).count()).toBe(1);
    // The card's delivery log: the e-mail to the desk's mailbox, its attempts and state.
    await card.getByRole('button', { name: tr('en', 'insightsAlerts.delivery.show') }).click();
    const log = card.getByRole('region', { name: tr('en', 'insightsAlerts.delivery.title') });
    await log.getByRole('cell', { name: 'desk@ministry.example' }).waitFor();
    await log.getByRole('cell', { name: tr('en', 'insights.delivery.log.channels.email') }).waitFor();
    await shot(page, 'insights-alerts-en');
    await expectAccessible(page, 'alerts-en');
    await card.getByRole('button', { name: tr('en', 'insights.alerts.acknowledge') }).click();
    await card.getByText(tr('en', 'insights.alerts.states.acknowledged')).waitFor();
    await expect.poll(() => page.getByRole('link', { name: /Alerts, 1 open/ }).count()).toBe(0);

    // Rapid response: the draft carries the alert's context and the items behind it.
    await card.getByRole('link', { name: tr('en', 'insights.respond.button') }).click();
    await page.getByRole('heading', { level: 1, name: tr('en', 'insights.respond.pageTitle') }).waitFor();
    const title = page.getByLabel(/^Title/);
    await expect.poll(() => title.inputValue()).toBe('Response: Japan coverage');
    const body = await page.getByLabel(/^Text/).first().inputValue();
    expect(body).toContain('more than the rule’s 2.');
    expect(body).toContain('coast guards');
    await shot(page, 'insights-respond-en');
    await expectAccessible(page, 'respond');
    await page.getByRole('button', { name: 'Create draft' }).click();
    await page.waitForURL(/\/statements\/[0-9a-f-]{36}$/);
    await page.goto('/insights/alerts');
    await page.getByRole('article', { name: 'Japan coverage' }).getByText(/^Response drafted/).waitFor();
  });

  it('reads naturally in Indonesian', async () => {
    const idCtx = await signedIn(analyst, 'id');
    const idPage = await idCtx.newPage();
    await idPage.goto('/insights?by=topic&stacked=1');
    await idPage.getByRole('heading', { level: 1, name: tr('id', 'insights.title') }).waitFor();
    await idPage.getByRole('img', { name: /Butir menurut Topik/ }).waitFor();
    await expect.poll(() => idPage.locator('svg path').count()).toBeGreaterThan(3);
    await shot(idPage, 'insights-trends-topic-id');
    await expectAccessible(idPage, 'trends-id');
    await idPage.goto('/insights/alerts');
    await idPage.getByRole('heading', { level: 1, name: tr('id', 'insights.alerts.title') }).waitFor();
    await idPage.getByText(/butir dalam satu jam, lebih dari batas aturan, 2\./).waitFor();
    const idCard = idPage.getByRole('article', { name: 'Japan coverage' });
    await idCard.getByRole('button', { name: tr('id', 'insightsAlerts.delivery.show') }).click();
    await idCard.getByRole('region', { name: tr('id', 'insightsAlerts.delivery.title') }).getByRole('cell', { name: tr('id', 'insights.delivery.log.channels.email') }).waitFor();
    await shot(idPage, 'insights-alerts-id');
    await expectAccessible(idPage, 'alerts-id');
    await idPage.goto('/insights?by=saved-search');
    await idPage.getByRole('img', { name: /Butir menurut Pencarian tersimpan/ }).waitFor();
    await shot(idPage, 'insights-saved-search-id');
    await expectAccessible(idPage, 'saved-search-id');
    await idPage.goto('/insights/rules');
    await idPage.getByRole('rowheader', { name: 'Japan coverage' }).waitFor();
    await shot(idPage, 'insights-rules-id');
    await expectAccessible(idPage, 'rules-id');
    await idCtx.close();
  });
});
