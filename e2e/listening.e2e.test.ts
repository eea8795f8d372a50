import { type FakeFeedServer, rss20Feed, startFakeFeedServer } from '@diplodesk/connector-rss/fake';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import path from 'node:path';
import { admin, createUserWithOwnPassword, type E2E, expectAccessible, type Lang, screenshotDir, shot, signedInContext, startE2E } from './harness.ts';
import { tr } from './i18n.ts';

// An analyst's listening desk in Chromium against a real server and a local RSS feed: add the feed
// through the form, watch the worker collect it, search by word, country and language, open an
// item and start a reply from it, test the source and pause it — in English and Indonesian, at
// desktop and phone width.

const analyst = { email: 'analyst.listening@e2e.diplodesk', password: 'listening e2e password 2026' };
const sourceName = 'Berita Kawasan';
const hoursAgo = (h: number) => new Date(Date.now() - h * 3_600_000).toUTCString();

let feeds: FakeFeedServer;
let e2e: E2E;
let ctx: BrowserContext;
let page: Page;
let itemPath = '';

const signedIn = (who: { email: string; password: string }, lang: Lang, width = 1280) => signedInContext(e2e, who, lang, { width });

const results = (p: Page) => p.locator('section[aria-labelledby="results-heading"] article');

beforeAll(async () => {
  feeds = await startFakeFeedServer();
  feeds.setFeed('/kawasan.xml', {
    body: rss20Feed({
      title: 'Berita Kawasan',
      items: [
        { guid: 'k1', title: 'Indonesia dan Jepang sepakati kerja sama maritim', description: 'Menteri luar negeri kedua negara bertemu di Tokyo dan menandatangani nota kesepahaman tentang keamanan laut.', link: 'https://news.example/k1', pubDate: hoursAgo(2), author: 'Redaksi' },
        { guid: 'k2', title: 'Indonesia sends vaccines to Fiji and Papua New Guinea', description: 'The health ministry shipped vaccines to Pacific partners, a welcome and generous step praised by both governments.', link: 'https://news.example/k2', pubDate: hoursAgo(5) },
        { guid: 'k3', title: 'Trade talks between Indonesia and Australia resume', description: 'Negotiators met in Canberra to discuss tariffs on nickel and palm oil exports.', link: 'https://news.example/k3', pubDate: hoursAgo(9) },
        { guid: 'k4', title: 'Malaysia dan Indonesia bahas perlindungan pekerja migran', description: 'Pemerintah kedua negara sepakat memperkuat perlindungan pekerja migran di Kuala Lumpur.', link: 'https://news.example/k4', pubDate: hoursAgo(20) },
        { guid: 'k5', title: 'Floods in Thailand prompt an offer of climate cooperation', description: 'Severe flooding destroyed homes; Indonesia offered help with disaster relief and climate adaptation.', link: 'https://news.example/k5', pubDate: hoursAgo(30) },
      ],
    }),
  });
  e2e = await startE2E();
  const adminCtx = await signedIn(admin, 'en');
  const units = (await (await adminCtx.request.get('/api/v1/units')).json()) as { items: { id: string; parentId: string | null }[] };
  const unitId = units.items.find((u) => u.parentId === null)?.id ?? '';
  // Analyst to listen, editor to answer what was heard.
  await createUserWithOwnPassword(e2e, adminCtx, { email: analyst.email, displayName: 'Lina Analyst', password: analyst.password, locale: 'en', timeZone: 'Asia/Jakarta', memberships: [{ unitId, role: 'analyst' }, { unitId, role: 'editor' }] });
  await adminCtx.close();
  ctx = await signedIn(analyst, 'en');
  page = await ctx.newPage();
}, 90_000);

afterAll(async () => {
  await e2e?.close();
  await feeds?.close();
});

describe('listening', () => {
  it('adds an RSS source through the form and the worker collects it', async () => {
    await page.goto('/listening');
    await page.getByRole('heading', { level: 1, name: tr('en', 'listening.title') }).waitFor();
    await expectAccessible(page, 'search-start');

    await page.getByRole('navigation', { name: tr('en', 'listening.nav.label') }).getByRole('link', { name: tr('en', 'listening.nav.sources') }).click();
    await page.getByRole('heading', { level: 1, name: tr('en', 'listening.sources.title') }).waitFor();
    await page.getByRole('button', { name: tr('en', 'listening.sources.add') }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel(tr('en', 'listening.fields.name'), { exact: false }).fill(sourceName);
    await dialog.getByLabel(tr('en', 'listening.fields.feedUrl'), { exact: false }).fill(feeds.url('/kawasan.xml'));
    await dialog.getByLabel(tr('en', 'listening.fields.tags'), { exact: true }).fill('media');
    await dialog.getByLabel(tr('en', 'listening.fields.tags'), { exact: true }).press('Enter');
    await expectAccessible(page, 'add-source');
    await shot(page, 'listening-en-desktop-add-source');
    await dialog.getByRole('button', { name: tr('en', 'listening.sources.add') }).click();
    await page.getByRole('dialog').waitFor({ state: 'detached' });
    await page.getByRole('heading', { level: 3, name: sourceName }).waitFor();

    // The worker reads the feed at once; the card shows the count after a reload.
    await expect
      .poll(async () => {
        const list = (await (await ctx.request.get('/api/v1/listening/sources')).json()) as { items: { name: string; itemsTotal: number }[] };
        return list.items.find((s) => s.name === sourceName)?.itemsTotal ?? 0;
      }, { timeout: 30_000, interval: 500 })
      .toBe(5);
    await page.reload();
    await page.getByRole('article', { name: sourceName }).getByText(tr('en', 'listening.health.healthy')).waitFor();
    await expectAccessible(page, 'sources');
    await shot(page, 'listening-en-desktop-sources');
  });

  it('searches by word, country and language', async () => {
    await page.goto('/listening');
    // The demo workspace has items of its own: look at this feed's only.
    await page.getByRole('group', { name: tr('en', 'listening.facets.source') }).getByRole('checkbox', { name: new RegExp(sourceName) }).check();
    await expect.poll(() => results(page).count(), { timeout: 10_000 }).toBe(5);
    await expectAccessible(page, 'search');
    await shot(page, 'listening-en-desktop-search');

    // English stemming: "vaccine" finds "vaccines".
    await page.getByLabel(tr('en', 'listening.search.query')).fill('vaccine');
    await expect.poll(() => results(page).count()).toBe(1);
    await expect(results(page).first().textContent()).resolves.toContain('Fiji');
    await page.getByLabel(tr('en', 'listening.search.query')).fill('');
    await expect.poll(() => results(page).count()).toBe(5);

    const japan = page.getByRole('checkbox', { name: /Japan/ });
    await japan.check();
    await expect.poll(() => results(page).count()).toBe(1);
    await expect(results(page).first().textContent()).resolves.toContain('Jepang');
    await shot(page, 'listening-en-desktop-search-country');
    await japan.uncheck();
    await expect.poll(() => results(page).count()).toBe(5);

    const indonesian = page.getByRole('group', { name: tr('en', 'listening.facets.language') }).getByRole('checkbox', { name: /Indonesian/ });
    await indonesian.check();
    await expect.poll(() => results(page).count()).toBe(2);
    for (const text of await results(page).allTextContents()) expect(text).toMatch(/Jepang|Malaysia/);
    await expectAccessible(page, 'search-filtered');
    await indonesian.uncheck();
    await expect.poll(() => results(page).count()).toBe(5);
  });

  it('opens an item and starts a reply from it', async () => {
    await page.getByRole('link', { name: 'Indonesia dan Jepang sepakati kerja sama maritim' }).click();
    await page.getByRole('heading', { level: 1, name: 'Indonesia dan Jepang sepakati kerja sama maritim' }).waitFor();
    itemPath = new URL(page.url()).pathname;
    await page.getByText(tr('en', 'listening.tone.methods.id-lexicon')).or(page.getByText(tr('en', 'listening.tone.methods.none'))).first().waitFor();
    await expectAccessible(page, 'item');
    await shot(page, 'listening-en-desktop-item');

    await page.getByRole('link', { name: tr('en', 'listening.item.respond') }).click();
    await page.waitForURL(/\/statements\/new\?respondToItem=/);
    await page.getByRole('heading', { level: 1, name: tr('en', 'listening.item.respondTitle') }).waitFor();
    // "Re: " and the item's first words (an RSS item's text starts with its headline).
    await expect(page.getByLabel(tr('en', 'statements.fields.title')).inputValue()).resolves.toMatch(/^Re: Indonesia dan Jepang sepakati kerja sama maritim\b/);
    await expect(page.getByLabel(tr('en', 'statements.fields.primaryLanguage'), { exact: false }).first().inputValue()).resolves.toMatch(/\(id\)$/);
    await shot(page, 'listening-en-desktop-respond');
    // The draft is created as a reply to the item.
    await page.getByRole('button', { name: tr('en', 'statements.new.create') }).click();
    await page.waitForURL(/\/statements\/[0-9a-f-]{36}$/);
    const statementId = new URL(page.url()).pathname.split('/').pop() ?? '';
    const statement = (await (await ctx.request.get(`/api/v1/statements/${statementId}`)).json()) as { respondsTo: { type: string; id: string } | null };
    expect(statement.respondsTo).toMatchObject({ type: 'listening-item', id: itemPath.split('/').pop() });
  });

  it('tells a directorate editor what she sees and who adds sources, instead of offering to add one', async () => {
    const adminCtx = await signedIn(admin, 'en');
    const units = (await (await adminCtx.request.get('/api/v1/units')).json()) as { items: { id: string; kind: string; name: string }[] };
    const directorate = units.items.find((u) => u.kind === 'directorate');
    const reader = { email: 'directorate.editor@e2e.diplodesk', password: 'directorate editor password 2026' };
    await createUserWithOwnPassword(e2e, adminCtx, { ...reader, displayName: 'Dita Editor', locale: 'en', timeZone: 'Asia/Jakarta', memberships: [{ unitId: directorate?.id, role: 'editor' }] });
    await adminCtx.close();
    const context = await signedIn(reader, 'en');
    const p = await context.newPage();
    await p.goto('/listening');
    await p.getByText(tr('en', 'listening.search.emptyNoSourcesReader', { units: directorate?.name ?? '' })).waitFor();
    await p.getByText(tr('en', 'listening.search.whoAddsSources')).waitFor();
    expect(await p.getByRole('link', { name: tr('en', 'listening.search.goToSources') }).count()).toBe(0);
    await expectAccessible(p, 'reader-without-sources');
    await shot(p, 'listening-en-desktop-reader-without-sources');
    await context.close();
  });

  it('tests the source and pauses it', async () => {
    await page.goto('/listening/sources');
    await page.getByRole('button', { name: tr('en', 'listening.sources.testNamed', { name: sourceName }) }).click();
    await page.getByText(tr('en', 'listening.test.okTitle_other', { count: 5 })).waitFor();
    await page.getByText(tr('en', 'listening.test.nothingStored')).waitFor();
    await page.getByRole('button', { name: tr('en', 'listening.sources.pauseNamed', { name: sourceName }) }).click();
    await page.getByRole('button', { name: tr('en', 'listening.sources.resumeNamed', { name: sourceName }) }).waitFor();
    const list = (await (await ctx.request.get('/api/v1/listening/sources')).json()) as { items: { name: string; status: string }[] };
    expect(list.items.find((s) => s.name === sourceName)?.status).toBe('paused');
    await expectAccessible(page, 'sources-tested');
    await shot(page, 'listening-en-desktop-sources-tested');
  });

  it('reads well in Indonesian and at phone width', async () => {
    for (const [lang, width, label] of [
      ['id', 1280, 'desktop'],
      ['id', 375, 'phone'],
      ['en', 375, 'phone'],
    ] as const) {
      const context = await signedIn(analyst, lang, width);
      const p = await context.newPage();
      await p.goto('/listening');
      await p.getByRole('heading', { level: 1, name: tr(lang, 'listening.title') }).waitFor();
      await expect.poll(() => results(p).count(), { timeout: 10_000 }).toBeGreaterThanOrEqual(5);
      await expectAccessible(p, `${lang}-${label}-search`);
      await shot(p, `listening-${lang}-${label}-search`);
      if (width < 800) {
        // The first screen as a person sees it (the full page is very tall at this width).
        await p.screenshot({ path: path.join(screenshotDir, `listening-${lang}-${label}-search-top.png`) });
        await p.getByRole('button', { name: new RegExp(tr(lang, 'listening.search.showFilters_other', { count: 0 }).replace(/[()]/g, '\\$&')) }).click();
        await p.getByRole('group', { name: tr(lang, 'listening.facets.language') }).waitFor();
        await expectAccessible(p, `${lang}-${label}-search-filters`);
        await p.screenshot({ path: path.join(screenshotDir, `listening-${lang}-${label}-search-filters.png`) });
      }
      await p.goto('/listening/sources');
      await p.getByRole('heading', { level: 1, name: tr(lang, 'listening.sources.title') }).waitFor();
      await p.getByRole('article', { name: sourceName }).getByText(tr(lang, 'listening.status.paused')).first().waitFor();
      await expectAccessible(p, `${lang}-${label}-sources`);
      await shot(p, `listening-${lang}-${label}-sources`);
      await p.goto(itemPath);
      await p.getByRole('heading', { level: 1, name: 'Indonesia dan Jepang sepakati kerja sama maritim' }).waitFor();
      await expectAccessible(p, `${lang}-${label}-item`);
      await shot(p, `listening-${lang}-${label}-item`);
      // Nothing may push the page wider than the screen.
      const overflow = await p.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      expect(overflow, `${lang}-${label} horizontal overflow`).toBeLessThanOrEqual(0);
      await context.close();
    }
  });
});
