import { type FakeFeedServer, rss20Feed, startFakeFeedServer } from '@diplodesk/connector-rss/fake';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { admin, createUserWithOwnPassword, csrfOf, type E2E, expectAccessible, type Lang, screenshotDir, shot, signedInContext, startE2E } from './harness.ts';
import { tr } from './i18n.ts';
import { repoRoot } from '../server/src/test/cli-process.ts';

// Saved searches, the live stream and an item's spread, in Chromium against a real server: save a
// search and follow it live while the worker collects new feeds (produced through local RSS
// feeds), pause and resume, switch the search to "part of the text", take a "did you mean", and
// read the demo story's spread over time — in English and Indonesian, on desktop and phone.

const analyst = { email: 'analyst.live@e2e.diplodesk', password: 'live e2e password 2026' };
const minutesAgo = (m: number) => new Date(Date.now() - m * 60_000).toUTCString();

let feeds: FakeFeedServer;
let e2e: E2E;
let ctx: BrowserContext;
let page: Page;
let unitId = '';
let savedName = '';
let webSnapshot = '';

const signedIn = (who: { email: string; password: string }, lang: Lang, width = 1280) => signedInContext(e2e, who, lang, { width });

/** A new RSS source whose first poll (queued at once) stores these items: how the page gets new arrivals. */
async function collect(feed: string, items: { guid: string; title: string; description: string }[]): Promise<void> {
  feeds.setFeed(`/${feed}.xml`, { body: rss20Feed({ title: feed, items: items.map((i, n) => ({ ...i, link: `https://news.example/${i.guid}`, pubDate: minutesAgo(n + 1) })) }) });
  const res = await ctx.request.post('/api/v1/listening/sources', {
    data: { unitId, connector: 'rss', name: `Feed ${feed}`, config: { url: feeds.url(`/${feed}.xml`) } },
    headers: { 'x-csrf-token': await csrfOf(ctx) },
  });
  expect(res.status(), await res.text()).toBe(201);
}

const liveItems = (p: Page) => p.locator('section[aria-labelledby="live-heading"] article');
const results = (p: Page) => p.locator('section[aria-labelledby="results-heading"] article');

beforeAll(async () => {
  feeds = await startFakeFeedServer();
  // The server serves a copy of the built app: a rebuild of web/dist while this runs (another
  // suite, a watcher) would otherwise swap the hashed assets under the open pages.
  webSnapshot = fs.mkdtempSync(path.join(os.tmpdir(), 'diplodesk-live-web-'));
  fs.cpSync(path.join(repoRoot, 'web/dist'), webSnapshot, { recursive: true });
  e2e = await startE2E({ env: { WEB_DIST: webSnapshot } });
  const adminCtx = await signedIn(admin, 'en');
  const units = (await (await adminCtx.request.get('/api/v1/units')).json()) as { items: { id: string; parentId: string | null }[] };
  unitId = units.items.find((u) => u.parentId === null)?.id ?? '';
  await createUserWithOwnPassword(e2e, adminCtx, { email: analyst.email, displayName: 'Rani Analyst', password: analyst.password, locale: 'en', timeZone: 'Asia/Jakarta', memberships: [{ unitId, role: 'analyst' }] });
  await adminCtx.close();
  ctx = await signedIn(analyst, 'en');
  page = await ctx.newPage();
}, 90_000);

afterAll(async () => {
  await e2e?.close();
  await feeds?.close();
  if (webSnapshot) fs.rmSync(webSnapshot, { recursive: true, force: true });
});

describe('listening live', () => {
  it('saves a search and follows it live as new items are collected', async () => {
    await page.goto('/listening');
    await page.getByRole('heading', { level: 1, name: tr('en', 'listening.title') }).waitFor();
    await page.getByLabel(tr('en', 'listening.search.query')).fill('patroli');
    await expect.poll(() => results(page).count(), { timeout: 10_000 }).toBeGreaterThan(0);

    await page.getByRole('button', { name: tr('en', 'listeningLive.save.open') }).click();
    const dialog = page.getByRole('dialog', { name: tr('en', 'listeningLive.save.title') });
    savedName = 'Patrols at sea';
    await dialog.getByLabel(tr('en', 'listeningLive.save.name'), { exact: false }).fill(savedName);
    await dialog.getByLabel(tr('en', 'listeningLive.save.shared')).check();
    await expectAccessible(page, 'save-dialog');
    await shot(page, 'listening-live-en-desktop-save');
    await dialog.getByRole('button', { name: tr('en', 'listeningLive.save.submit') }).click();
    await dialog.waitFor({ state: 'detached' });

    await page.getByRole('button', { name: tr('en', 'listeningLive.saved.title') }).click();
    const list = page.getByRole('dialog', { name: tr('en', 'listeningLive.saved.title') });
    await list.getByText(savedName).waitFor();
    await list.getByText(tr('en', 'listeningLive.saved.sharedBadge'), { exact: true }).waitFor();
    await expectAccessible(page, 'saved-list');
    await shot(page, 'listening-live-en-desktop-saved-list');
    await list.getByRole('link', { name: tr('en', 'listeningLive.saved.openLiveNamed', { name: savedName }) }).click();

    await page.waitForURL(/\/listening\/live\?saved=/);
    await page.getByRole('heading', { level: 1, name: tr('en', 'listeningLive.title') }).waitFor();
    await page.getByRole('status').getByText(tr('en', 'listeningLive.status.live')).waitFor();
    await expect(page.locator('input[aria-haspopup="listbox"]').inputValue()).resolves.toBe(savedName);
    await expectAccessible(page, 'live-empty');

    await collect('laut', [
      { guid: 'p1', title: 'Patroli bersama di Selat Malaka diperluas', description: 'Kapal patroli tiga negara akan berlayar bersama setiap bulan mulai Desember.' },
      { guid: 'p2', title: 'Nelayan Natuna menyambut patroli baru', description: 'Patroli malam menekan penangkapan ikan ilegal di perairan utara.' },
      { guid: 'p3', title: 'Harga cabai turun di pasar induk', description: 'Pedagang menyebut pasokan dari Jawa Tengah melimpah minggu ini.' },
    ]);
    await expect.poll(() => liveItems(page).count(), { timeout: 30_000, interval: 250 }).toBe(2);
    const texts = (await liveItems(page).allTextContents()).join(' ');
    expect(texts).toContain('Selat Malaka');
    expect(texts).not.toContain('cabai');
    await page.getByText(tr('en', 'listeningLive.list.arrived_other', { count: 2 })).waitFor();
    await expectAccessible(page, 'live-items');
    await shot(page, 'listening-live-en-desktop-live');
  });

  it('pauses: arrivals are counted, not shown, until resume', async () => {
    const pause = page.getByRole('button', { name: tr('en', 'listeningLive.pause'), exact: true });
    await expect(pause.getAttribute('aria-pressed')).resolves.toBe('false');
    await pause.click();
    await expect(pause.getAttribute('aria-pressed')).resolves.toBe('true');
    await page.getByRole('status').getByText(tr('en', 'listeningLive.status.paused')).waitFor();

    await collect('selat', [
      { guid: 'q1', title: 'Patroli udara memantau kapal asing', description: 'Pesawat patroli maritim terbang dua kali sehari.' },
      { guid: 'q2', title: 'Latihan patroli gabungan di Laut Sulawesi', description: 'Tiga negara menggelar latihan pekan depan.' },
      { guid: 'q3', title: 'Patroli pantai diperkuat menjelang musim angin barat', description: 'Pos pengamatan baru dibuka di pesisir.' },
    ]);
    await page.getByText(tr('en', 'listeningLive.list.whilePaused_other', { count: 3 })).waitFor({ timeout: 30_000 });
    expect(await liveItems(page).count()).toBe(2);
    await expectAccessible(page, 'live-paused');
    await shot(page, 'listening-live-en-desktop-paused');

    await page.getByRole('button', { name: tr('en', 'listeningLive.resumeShow_other', { count: 3 }) }).click();
    await expect.poll(() => liveItems(page).count()).toBe(5);
    await expect(pause.getAttribute('aria-pressed')).resolves.toBe('false');
    // Each arrival links to its item page.
    await liveItems(page).first().getByRole('link').first().click();
    await page.waitForURL(/\/listening\/items\/[0-9a-f-]{36}$/);
  });

  it('searches parts of words and offers "did you mean"', async () => {
    await page.goto('/listening?range=30d');
    const query = page.getByLabel(tr('en', 'listening.search.query'));
    await query.fill('巡逻');
    await page.getByText(tr('en', 'listening.search.emptyFiltered')).waitFor();
    await page.getByText(tr('en', 'listeningLive.match.contains'), { exact: true }).click();
    await expect(page.getByRole('radio', { name: tr('en', 'listeningLive.match.contains') }).isChecked()).resolves.toBe(true);
    await expect.poll(() => results(page).count(), { timeout: 10_000 }).toBe(1);
    await expect(results(page).first().textContent()).resolves.toContain('联合巡逻');
    expect(new URL(page.url()).searchParams.get('match')).toBe('contains');
    await expectAccessible(page, 'contains');
    await shot(page, 'listening-live-en-desktop-contains');

    await page.getByText(tr('en', 'listeningLive.match.words'), { exact: true }).click();
    await query.fill('patrolli');
    await page.getByText(tr('en', 'listeningLive.didYouMean')).waitFor({ timeout: 10_000 });
    await expectAccessible(page, 'did-you-mean');
    await shot(page, 'listening-live-en-desktop-did-you-mean');
    await page.getByRole('button', { name: tr('en', 'listeningLive.searchFor', { q: 'patroli' }) }).click();
    await expect(query.inputValue()).resolves.toBe('patroli');
    await expect.poll(() => results(page).count(), { timeout: 10_000 }).toBeGreaterThan(0);
  });

  it('shows how the demo story spread over time', async () => {
    const found = (await (await ctx.request.get(`/api/v1/listening/items?q=${encodeURIComponent('penangkapan ikan ilegal')}&facets=0&limit=50`)).json()) as { items: { id: string; author: { handle?: string } | null }[] };
    const first = found.items.find((i) => i.author?.handle === 'harian_nusantara');
    expect(first, 'the demo story').toBeTruthy();
    await page.goto(`/listening/items/${first?.id}`);
    await page.getByRole('heading', { level: 2, name: tr('en', 'listeningLive.spread.title') }).waitFor();
    const figures = page.locator('dl').filter({ hasText: tr('en', 'listeningLive.spread.copies') });
    await expect(figures.textContent()).resolves.toMatch(new RegExp(`${tr('en', 'listeningLive.spread.copies')}\\s*5`));
    await page.getByRole('img', { name: /Bar chart of copies per 5 minutes/ }).waitFor();
    const spread = page.locator('section').filter({ has: page.getByRole('heading', { level: 2, name: tr('en', 'listeningLive.spread.title') }) });
    await expect(spread.locator('ol > li').count()).resolves.toBe(5);
    await expectAccessible(page, 'spread');
    await shot(page, 'listening-live-en-desktop-spread');
  });

  it('reads well in Indonesian and at phone width', async () => {
    const story = (await (await ctx.request.get(`/api/v1/listening/items?q=${encodeURIComponent('penangkapan ikan ilegal')}&facets=0&limit=50`)).json()) as { items: { id: string; author: { handle?: string } | null }[] };
    const storyPath = `/listening/items/${story.items.find((i) => i.author?.handle === 'harian_nusantara')?.id}`;
    const saved = (await (await ctx.request.get('/api/v1/listening/saved-searches')).json()) as { items: { id: string; name: string }[] };
    const savedId = saved.items.find((s) => s.name === savedName)?.id ?? '';
    for (const [lang, width, label] of [
      ['id', 1280, 'desktop'],
      ['id', 375, 'phone'],
      ['en', 375, 'phone'],
    ] as const) {
      const context = await signedIn(analyst, lang, width);
      const p = await context.newPage();
      await p.goto('/listening?q=patrolli');
      await p.getByText(tr(lang, 'listeningLive.didYouMean')).waitFor({ timeout: 10_000 });
      await expectAccessible(p, `${lang}-${label}-search`);
      await shot(p, `listening-live-${lang}-${label}-search`);
      if (width < 800) await p.screenshot({ path: path.join(screenshotDir, `listening-live-${lang}-${label}-search-top.png`) });

      await p.goto(`/listening/live?saved=${savedId}`);
      await p.getByRole('status').getByText(tr(lang, 'listeningLive.status.live')).waitFor();
      await p.getByRole('button', { name: tr(lang, 'listeningLive.pause'), exact: true }).click();
      await expectAccessible(p, `${lang}-${label}-live`);
      await shot(p, `listening-live-${lang}-${label}-live`);

      await p.goto(storyPath);
      await p.getByRole('heading', { level: 2, name: tr(lang, 'listeningLive.spread.title') }).waitFor();
      await p.getByRole('img').filter({ has: p.locator('rect') }).waitFor();
      await expectAccessible(p, `${lang}-${label}-spread`);
      await shot(p, `listening-live-${lang}-${label}-spread`);
      const overflow = await p.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      expect(overflow, `${lang}-${label} horizontal overflow`).toBeLessThanOrEqual(0);
      await context.close();
    }
  });
});
