import { type FakeFeedServer, rss20Feed, startFakeFeedServer } from '@diplodesk/connector-rss/fake';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { admin, createUserWithOwnPassword, csrfOf, type E2E, expectAccessible, type Lang, shot, signedInContext, startE2E } from './harness.ts';
import { tr } from './i18n.ts';

// Findings as a team handles them: a look-alike's finding titled in the reader's language
// (Indonesian and English), handed to a colleague through the assignee picker (who is told live),
// and published to a partners' TAXII collection after a preview; a claim with fifty linked items
// loads them in one request — axe-clean, with screenshots in both languages.

const officer = { email: 'officer.polish@e2e.diplodesk', password: 'polish e2e password 2026' };
const colleague = { email: 'sari.polish@e2e.diplodesk', password: 'polish colleague password 2026', name: 'Sari Analyst' };
const claimText = 'The embassy is giving away free work visas to anyone who sends a photo of their passport';

let feeds: FakeFeedServer;
let e2e: E2E;
let ctx: BrowserContext;
let page: Page;
let unitId = '';
let findingId = '';
let claimId = '';
let collectionTitle = 'Partners: regional desk';


const signedInAs = (who: { email: string; password: string }, lang: Lang, width = 1280) => signedInContext(e2e, who, lang, { width });

/** Sets the signed-in person's interface language (stored on the account, so every tab follows). */
async function speaks(context: BrowserContext, lang: 'en' | 'id') {
  expect((await context.request.patch('/api/v1/me', { data: { locale: lang }, headers: { 'x-csrf-token': await csrfOf(context) } })).status()).toBe(200);
}

const post = async (path: string, data: unknown) => {
  const res = await ctx.request.post(`/api/v1${path}`, { data, headers: { 'x-csrf-token': await csrfOf(ctx) } });
  expect(res.status(), await res.text()).toBeLessThan(300);
  return res.json();
};

/** Requests a page makes to listening's item reads while `run` goes on: single reads and batches. */
async function itemReads(p: Page, run: () => Promise<void>): Promise<{ single: number; batch: number }> {
  const counts = { single: 0, batch: 0 };
  const onRequest = (r: { url(): string }) => {
    const path = new URL(r.url()).pathname;
    if (path === '/api/v1/listening/items/batch') counts.batch++;
    else if (/^\/api\/v1\/listening\/items\/[0-9a-f-]{36}$/.test(path)) counts.single++;
  };
  p.on('request', onRequest);
  await run();
  p.off('request', onRequest);
  return counts;
}

beforeAll(async () => {
  feeds = await startFakeFeedServer();
  e2e = await startE2E();
  const adminCtx = await signedInAs(admin, 'en');
  const units = (await (await adminCtx.request.get('/api/v1/units')).json()) as { items: { id: string; parentId: string | null }[] };
  unitId = units.items.find((u) => u.parentId === null)?.id ?? '';
  await createUserWithOwnPassword(e2e, adminCtx, { email: officer.email, displayName: 'Raka Officer', password: officer.password, locale: 'en', timeZone: 'Asia/Jakarta', memberships: [{ unitId, role: 'admin' }] });
  await createUserWithOwnPassword(e2e, adminCtx, { email: colleague.email, displayName: colleague.name, password: colleague.password, locale: 'id', timeZone: 'Asia/Jakarta', memberships: [{ unitId, role: 'analyst' }] });
  await adminCtx.close();
  ctx = await signedInAs(officer, 'en');
  page = await ctx.newPage();

  // The official account, a look-alike posting in a feed, and fifty posts repeating a known claim.
  await post('/integrity/official-accounts', { unitId, platform: 'rss', handle: 'KemluRI', displayName: 'Kementerian Luar Negeri RI' });
  claimId = (await post('/integrity/claims', { unitId, claimReviewed: claimText, language: 'en', reviewRating: { alternateName: 'False' }, reviewAuthor: 'Ministry of Foreign Affairs' })).id;
  const now = Date.now();
  feeds.setFeed('/lookalike.xml', { body: rss20Feed({ title: 'Visa offers', items: [{ guid: 'v1', title: 'Visa gratis', description: 'Visa gratis untuk semua, daftar sekarang di tautan kami!', link: 'https://social.example/v1', author: 'KemIuRI', pubDate: new Date(now - 60_000).toUTCString() }] }) });
  const repeats = Array.from({ length: 50 }, (_, i) => ({ guid: `r${i}`, title: `Post ${i}`, description: `${claimText} (shared by reader ${i})`, link: `https://social.example/r/${i}`, author: `reader_${i}`, pubDate: new Date(now - (i + 2) * 60_000).toUTCString() }));
  feeds.setFeed('/repeats.xml', { body: rss20Feed({ title: 'Reposts', items: repeats }) });
  await post('/listening/sources', { unitId, connector: 'rss', name: 'Visa offers', config: { url: feeds.url('/lookalike.xml') } });
  await post('/listening/sources', { unitId, connector: 'rss', name: 'Reposts', config: { url: feeds.url('/repeats.xml') } });
  collectionTitle = (await post('/integrity/sharing/collections', { title: collectionTitle, description: null, alias: 'regional-desk' })).title;
  // The detectors run on listening's events: wait for the look-alike's finding.
  for (const deadline = Date.now() + 60_000; findingId === '' && Date.now() < deadline; await new Promise((r) => setTimeout(r, 250))) {
    const list = (await (await ctx.request.get('/api/v1/integrity/findings?detector=impersonation')).json()) as { items: { id: string; accountKeys: string[] }[] };
    findingId = list.items.find((f) => f.accountKeys.includes('rss:KemIuRI'))?.id ?? '';
  }
  expect(findingId, 'the look-alike raised a finding').not.toBe('');
}, 180_000);

afterAll(async () => {
  await e2e?.close();
  await feeds?.close();
});

describe('integrity findings: language, assignment, publishing, batch reads', () => {
  it('titles a finding in the reader’s language (Indonesian and English)', async () => {
    const title = { handle: 'KemIuRI', platform: 'rss', official: 'KemluRI' };
    const idCtx = await signedInAs(officer, 'id');
    const p = await idCtx.newPage();
    await p.goto('/integrity');
    await p.getByRole('link', { name: tr('id', 'integrity.findingTitles.look-alike-account', title) }).waitFor();
    expect(await p.getByText(tr('en', 'integrity.findingTitles.look-alike-account', title)).count()).toBe(0);
    await shot(p, 'integrity-polish-inbox-id');
    await expectAccessible(p, 'inbox-id');
    await p.getByRole('link', { name: tr('id', 'integrity.findingTitles.look-alike-account', title) }).click();
    await p.getByRole('heading', { level: 1, name: tr('id', 'integrity.findingTitles.look-alike-account', title) }).waitFor();
    await shot(p, 'integrity-polish-finding-id');
    await expectAccessible(p, 'finding-id');
    await idCtx.close();

    // The language is the person's setting: back to English for the officer's own tab.
    await speaks(ctx, 'en');
    await page.goto('/integrity');
    await page.getByRole('link', { name: tr('en', 'integrity.findingTitles.look-alike-account', title) }).waitFor();
  });

  it('assigns the finding to a colleague through the picker; the colleague is told live', async () => {
    const colleagueCtx = await signedInAs(colleague, 'id');
    const theirs = await colleagueCtx.newPage();
    await theirs.goto('/integrity');
    await theirs.getByRole('heading', { level: 1, name: tr('id', 'integrity.title') }).waitFor();

    const reads = await itemReads(page, async () => {
      await page.goto(`/integrity/findings/${findingId}`);
      await page.getByRole('link', { name: tr('en', 'integrity.finding.openItem') }).first().waitFor();
    });
    console.log(JSON.stringify({ measure: 'finding page item requests (5 items shown)', ...reads }));
    expect(reads).toEqual({ single: 0, batch: 1 });
    await page.getByLabel(tr('en', 'integrity.finding.assignee'), { exact: true }).first().click();
    await page.getByRole('option', { name: colleague.name }).click();
    await page.getByText(tr('en', 'integrity.finding.assignedTo', { name: colleague.name })).waitFor();
    await shot(page, 'integrity-polish-assigned-en');
    await expectAccessible(page, 'assigned-en');

    await theirs.getByText(tr('id', 'integrity.finding.assignedToastTitle')).waitFor({ timeout: 20_000 });
    await shot(theirs, 'integrity-polish-assigned-toast-id');
    await expectAccessible(theirs, 'assigned-toast-id');
    // The inbox filters by the person the finding is assigned to.
    await page.goto('/integrity');
    await page.getByLabel(tr('en', 'integrity.findings.assignee'), { exact: true }).first().click();
    await page.getByRole('option', { name: colleague.name }).click();
    await expect.poll(() => page.url()).toContain('assignee=');
    await page.getByText(tr('en', 'integrity.findings.count_one', { count: 1 }), { exact: true }).waitFor();
    await colleagueCtx.close();
  });

  it('publishes the finding to a TAXII collection after a preview, in English and Indonesian', async () => {
    for (const lang of ['en', 'id'] as const) {
      const c = lang === 'en' ? ctx : await signedInAs(officer, 'id');
      const p = lang === 'en' ? page : await c.newPage();
      await p.goto(`/integrity/findings/${findingId}`);
      await p.getByRole('button', { name: tr(lang, 'integrity.publish.open') }).click();
      const dialog = p.getByRole('dialog', { name: tr(lang, 'integrity.publish.title') });
      await dialog.getByLabel(tr(lang, 'integrity.publish.collection'), { exact: true }).first().click();
      await p.getByRole('option', { name: `${collectionTitle} (regional-desk)` }).click();
      await dialog.getByText(new RegExp(tr(lang, 'integrity.publish.preview_one', { count: 1, objects: 999 }).replace('999', '\\d+').replace(/[()]/g, '\\$&'))).waitFor();
      await shot(p, `integrity-polish-publish-${lang}`);
      await expectAccessible(p, `publish-${lang}`);
      await dialog.getByRole('button', { name: tr(lang, 'integrity.publish.submit') }).click();
      await dialog.getByRole('status').waitFor();
      const status = (await dialog.getByRole('status').textContent()) ?? '';
      // The first publish stores every object; the second finds them all there already.
      if (lang === 'en') expect(status).toMatch(/: [1-9]\d* new objects, 0 already there/);
      else expect(status).toMatch(/: 0 objek baru, [1-9]\d* sudah ada/);
      if (lang === 'id') {
        await c.close();
        await speaks(ctx, 'en');
      }
    }
    const collections = (await (await ctx.request.get('/api/v1/integrity/sharing/collections')).json()) as { items: { title: string; objectCount: number }[] };
    expect(collections.items.find((c) => c.title === collectionTitle)?.objectCount).toBeGreaterThan(3);
  });

  it('loads a claim’s fifty linked items in one request', async () => {
    await expect
      .poll(async () => ((await (await ctx.request.get(`/api/v1/integrity/claims/${claimId}/links`)).json()) as { items: unknown[] }).items.length, { timeout: 60_000, interval: 500 })
      .toBe(50);
    const reads = await itemReads(page, async () => {
      await page.goto(`/integrity/claims/${claimId}`);
      await page.getByRole('link', { name: 'Post 49', exact: true }).waitFor();
    });
    console.log(JSON.stringify({ measure: 'claim page item requests, 50 linked items', ...reads }));
    expect(reads).toEqual({ single: 0, batch: 1 });
  });
});
