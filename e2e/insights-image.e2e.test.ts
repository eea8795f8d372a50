import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { admin, createUserWithOwnPassword, csrfOf, type E2E, expectAccessible, type Lang, shot, signedInContext, startE2E } from './harness.ts';
import { tr } from './i18n.ts';

/**
 * The reader's time zone: Jakarta, unless its midnight falls between the demo sample (collected up
 * to 35 minutes before the run's data folder was made) and the end of this file — then "today" would
 * hold none of it. Then a zone whose day holds both (Tokyo, else London).
 */
const zone = ['Asia/Jakarta', 'Asia/Tokyo', 'Europe/London'].find((z) => {
  const day = (ms: number) => new Intl.DateTimeFormat('en-CA', { timeZone: z, year: 'numeric', month: '2-digit', day: '2-digit' }).format(ms);
  return day(Date.now() - 60 * 60_000) === day(Date.now() + 30 * 60_000);
}) ?? 'Asia/Jakarta';

// The nation-image index of the demo workspace (Indonesia) over the demo sample: the chart with its
// band, a point and a breakdown row opening exactly their items, the items that pull it; our
// country changed in Administration recounts it; the home dashboard shows what needs the person
// now, each section a link, only with its permission — in English and Indonesian.

const analyst = { email: 'analyst.image@e2e.diplodesk', password: 'image e2e password 2026' };

let e2e: E2E;
let ctx: BrowserContext;
let page: Page;

const signedIn = (who: { email: string; password: string }, lang: Lang) => signedInContext(e2e, who, lang, { timezoneId: zone });

const imageApi = async (context: BrowserContext) =>
  (await (await context.request.get('/api/v1/insights/image', { params: { bucket: 'day', tz: zone, from: new Date(Date.now() - 7 * 86_400_000).toISOString(), to: new Date(Date.now() + 3_600_000).toISOString() } })).json()) as {
    country: string | null;
    overall: { items: number };
  };

beforeAll(async () => {
  e2e = await startE2E();
  ctx = await signedIn(admin, 'en');
  const units = (await (await ctx.request.get('/api/v1/units')).json()) as { items: { id: string; parentId: string | null }[] };
  const unitId = units.items.find((u) => u.parentId === null)?.id ?? '';
  await createUserWithOwnPassword(e2e, ctx, { email: analyst.email, displayName: 'Rina Analis', password: analyst.password, locale: 'id', timeZone: zone, memberships: [{ unitId, role: 'analyst' }] });
  // The demo sample is counted into the rollups as the server starts.
  const deadline = Date.now() + 60_000;
  while ((await imageApi(ctx)).overall.items < 10) {
    if (Date.now() > deadline) throw new Error('the demo sample was not counted in the image index in a minute');
    await new Promise((r) => setTimeout(r, 500));
  }
  page = await ctx.newPage();
}, 120_000);

afterAll(async () => {
  await e2e?.close();
});

describe('the nation-image index', () => {
  it('shows the tone of coverage about Indonesia with its band, reached from the insights navigation', async () => {
    await page.goto('/insights');
    await page.getByRole('navigation', { name: tr('en', 'insights.nav.label') }).getByRole('link', { name: tr('en', 'insightsImage.nav') }).click();
    await page.getByRole('heading', { level: 1, name: tr('en', 'insightsImage.title') }).waitFor();
    await page.getByRole('heading', { level: 2, name: /Tone of coverage about .*Indonesia/ }).waitFor();
    await page.getByText(/^Average tone about .*Indonesia: [+−-]?\d\.\d\d \(95 % interval /).waitFor();
    await page.getByRole('heading', { name: tr('en', 'insightsImage.pull.up') }).waitFor();
    await page.getByRole('heading', { name: tr('en', 'insightsImage.method.title') }).waitFor();
    await page.getByText(/complements survey indices/).waitFor();
    // By hour over two days: the buckets follow the period.
    await page.locator('label', { hasText: /^48 hours$/ }).click();
    await page.getByRole('img', { name: /over the last 48 hours/ }).waitFor();
    await page.locator('label', { hasText: /^7 days$/ }).click();
    await page.getByRole('img', { name: /over the last 7 days, with its 95 % confidence band/ }).waitFor();
    await expect.poll(() => page.locator('svg path').count()).toBeGreaterThan(3);
    await shot(page, 'image-index-en');
    await expectAccessible(page, 'index-en');
  });

  it('opens the items of a point — today — in the listening search', async () => {
    const chart = page.getByRole('img', { name: /over the last 7 days/ });
    const box = await chart.boundingBox();
    if (!box) throw new Error('no chart');
    // The right edge of the plot is today, where the demo sample was collected.
    await page.mouse.click(box.x + box.width - 20, box.y + box.height / 2);
    await page.waitForURL(/\/listening\?countries=ID&from=.*&to=/);
    const url = new URL(page.url());
    const from = new Date(url.searchParams.get('from') ?? '');
    const to = new Date(url.searchParams.get('to') ?? '');
    expect(to.getTime() - from.getTime()).toBe(86_400_000);
    const results = page.locator('section[aria-labelledby="results-heading"] article');
    await expect.poll(() => results.count(), { timeout: 15_000 }).toBeGreaterThanOrEqual(10);
    await shot(page, 'image-drilldown-point-en');
  });

  it('shows what pulled one day, and opens a breakdown row’s items and an item that pulls the index', async () => {
    await page.goto('/insights/image?period=7d');
    // One day's pull, chosen in the table of points.
    await page.getByText(tr('en', 'insightsImage.asTable')).click();
    await page.getByRole('button', { name: /^Show what pulled / }).last().click();
    await page.getByRole('heading', { name: /^What pulled the index on / }).waitFor();
    await page.getByRole('button', { name: tr('en', 'insightsImage.pull.whole') }).waitFor();
    await shot(page, 'image-pull-day-en');
    await expectAccessible(page, 'pull-day-en');
    const byLanguage = page.getByRole('table', { name: tr('en', 'insightsImage.by.language') });
    await byLanguage.waitFor();
    const firstRow = byLanguage.locator('tbody tr').first();
    const items = Number((await firstRow.locator('td').first().textContent())?.replace(/\D/g, ''));
    await firstRow.getByRole('link').click();
    await page.waitForURL(/\/listening\?countries=ID&languages=[^&]+&from=/);
    await expect.poll(() => page.locator('section[aria-labelledby="results-heading"] article').count(), { timeout: 15_000 }).toBe(items);
    await page.goBack();
    const pullingDown = page.getByRole('heading', { name: tr('en', 'insightsImage.pull.down') }).locator('xpath=..');
    await pullingDown.getByRole('link').first().click();
    await page.waitForURL(/\/listening\/items\/[0-9a-f-]{36}$/);
  });

  it('follows another country once an administrator changes it, recounting the figures', async () => {
    await page.goto('/admin');
    await page.getByRole('tab', { name: tr('en', 'admin.tabs.insights') }).click();
    await page.getByRole('heading', { name: tr('en', 'insightsImage.setting.title') }).waitFor();
    await expectAccessible(page, 'admin-setting');
    const select = page.getByLabel(tr('en', 'insightsImage.setting.label'), { exact: false }).first();
    await select.fill('Malaysia');
    await page.getByRole('option', { name: /^Malaysia/ }).click();
    await page.getByRole('button', { name: tr('en', 'insightsImage.setting.save') }).click();
    await page.getByText(/^Rebuilt from \d+ items on/).waitFor({ timeout: 60_000 });
    await shot(page, 'image-admin-setting-en');
    await expect.poll(async () => (await imageApi(ctx)).country).toBe('MY');
    await page.goto('/insights/image?period=7d');
    await page.getByRole('heading', { level: 2, name: /Tone of coverage about .*Malaysia/ }).waitFor();
    // Back to Indonesia for the rest.
    const back = await ctx.request.put('/api/v1/insights/settings/our-country', { data: { country: 'ID' }, headers: { 'x-csrf-token': await csrfOf(ctx) } });
    expect(back.status()).toBe(200);
    await expect.poll(async () => (await imageApi(ctx)).overall.items, { timeout: 60_000 }).toBeGreaterThanOrEqual(10);
  });
});

describe('the home dashboard', () => {
  it('shows an administrator what needs them now, each section a link', async () => {
    await page.goto('/');
    for (const id of ['home-clearances', 'home-alerts', 'home-stories', 'home-image']) await page.locator(`section[aria-labelledby="${id}"]`).waitFor();
    await page.getByText(tr('en', 'home.dashboard.clearances.empty')).waitFor();
    await page.getByText(tr('en', 'home.dashboard.alerts.empty')).waitFor();
    const stories = page.locator('section[aria-labelledby="home-stories"]');
    // The demo sample's story copied by five accounts is the day's top story.
    await stories.getByText(/^5 items · 1 source · first in /).waitFor();
    await page.getByRole('link', { name: tr('en', 'home.dashboard.image.open') }).waitFor();
    await shot(page, 'home-dashboard-en');
    await expectAccessible(page, 'home-en');
    await stories.getByRole('listitem').first().getByRole('link').click();
    await page.waitForURL(/\/listening\/items\/[0-9a-f-]{36}$/);
    await page.goto('/');
    await page.getByRole('link', { name: tr('en', 'home.dashboard.image.open') }).click();
    await page.getByRole('heading', { level: 1, name: tr('en', 'insightsImage.title') }).waitFor();
    await page.goto('/');
    await page.getByRole('link', { name: tr('en', 'home.dashboard.alerts.emptyAction') }).click();
    await page.waitForURL(/\/insights\/rules$/);
    await page.goto('/');
    await page.getByRole('link', { name: tr('en', 'home.dashboard.clearances.link') }).click();
    await page.waitForURL(/\/statements\?view=inbox$/);
  });

  it('reads naturally in Indonesian, without the sections an analyst may not act on', async () => {
    const idCtx = await signedIn(analyst, 'id');
    const idPage = await idCtx.newPage();
    await idPage.goto('/');
    await idPage.getByRole('heading', { name: tr('id', 'home.dashboard.stories.title') }).waitFor();
    await idPage.getByRole('heading', { name: /^Citra .*Indonesia, 14 hari terakhir$/ }).waitFor();
    await idPage.getByText(tr('id', 'home.dashboard.alerts.empty')).waitFor();
    // An analyst clears no statements: that section is not there.
    expect(await idPage.locator('section[aria-labelledby="home-clearances"]').count()).toBe(0);
    await shot(idPage, 'home-dashboard-id');
    await expectAccessible(idPage, 'home-id');
    await idPage.goto('/insights/image?period=7d');
    await idPage.getByRole('heading', { level: 1, name: tr('id', 'insightsImage.title') }).waitFor();
    await idPage.getByText(/^Rata-rata nada tentang .*Indonesia: /).waitFor();
    await idPage.getByRole('heading', { name: tr('id', 'insightsImage.method.title') }).waitFor();
    await idPage.getByRole('img', { name: /selama 7 hari terakhir/ }).waitFor();
    await shot(idPage, 'image-index-id');
    await expectAccessible(idPage, 'index-id');
    await idCtx.close();
  });
});
