import { type FakeFeedServer, startFakeFeedServer } from '@diplodesk/connector-rss/fake';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { admin, type E2E, expectAccessible, type Lang, shot, signedInContext, startE2E } from './harness.ts';
import { tr } from './i18n.ts';

// A press officer adds a fact-checker's ClaimReview feed on the claims registry: its first poll
// brings the reviews into the registry beside it, a second poll is answered 304 (nothing changes),
// an article page with embedded ld+json is read too, a broken feed shows its error and keeps the
// claims, and the feed is paused — in English and Indonesian, axe-clean.

const reviews = [
  { claim: 'The embassy hands out free work visas to anyone who shares this post', url: 'https://factcheck.example/free-visas' },
  { claim: 'Tap water in Jakarta has been poisoned by a foreign agency', url: 'https://factcheck.example/tap-water' },
];
const pageClaim = 'The foreign minister resigned on live television last night';
const dataFeed = JSON.stringify({
  '@context': 'https://schema.org',
  '@type': 'DataFeed',
  dataFeedElement: reviews.map((r) => ({
    '@type': 'DataFeedItem',
    item: { '@type': 'ClaimReview', url: r.url, claimReviewed: r.claim, inLanguage: 'en', author: { '@type': 'Organization', name: 'Cek Fakta Nusantara' }, reviewRating: { '@type': 'Rating', alternateName: 'False' } },
  })),
});
const article = `<!doctype html><html lang="en"><head><title>Fact check</title>
<script type="application/ld+json">{"@context":"https://schema.org","@type":"Organization","name":"Cek Fakta Nusantara"}</script>
<script type="application/ld+json">${JSON.stringify({ '@context': 'https://schema.org', '@type': 'ClaimReview', claimReviewed: pageClaim, inLanguage: 'en', reviewRating: { '@type': 'Rating', alternateName: 'Fabricated' } })}</script>
</head><body><h1>No, the minister did not resign</h1></body></html>`;

let feeds: FakeFeedServer;
let e2e: E2E;
let ctx: BrowserContext;
let page: Page;

const signedIn = (lang: Lang) => signedInContext(e2e, admin, lang);

const feedsSection = (p: Page, lang: 'en' | 'id') => p.getByRole('region', { name: tr(lang, 'integrity.feeds.title') });
const feedCard = (p: Page, lang: 'en' | 'id', name: string) => feedsSection(p, lang).getByRole('listitem').filter({ has: p.getByRole('heading', { name }) });

async function addFeed(name: string, url: string) {
  const section = feedsSection(page, 'en');
  await section.getByLabel(new RegExp(`^${tr('en', 'integrity.feeds.name')}`)).fill(name);
  await section.getByLabel(new RegExp(`^${tr('en', 'integrity.feeds.url')}`)).fill(url);
  await section.getByRole('button', { name: tr('en', 'integrity.feeds.create') }).click();
}

beforeAll(async () => {
  feeds = await startFakeFeedServer();
  feeds.setFeed('/claims.jsonld', { body: dataFeed, contentType: 'application/ld+json' });
  feeds.setPage('/articles/minister.html', { html: article });
  e2e = await startE2E();
  ctx = await signedIn('en');
  page = await ctx.newPage();
}, 120_000);

afterAll(async () => {
  await e2e?.close();
  await feeds?.close();
});

describe('ClaimReview feeds on the claims registry', () => {
  it('adds a feed whose first poll brings its reviews into the registry', async () => {
    await page.goto('/integrity/claims');
    await page.getByRole('heading', { level: 1, name: tr('en', 'integrity.claims.title') }).waitFor();
    await feedsSection(page, 'en').getByText(tr('en', 'integrity.feeds.none')).waitFor();
    await expectAccessible(page, 'empty-en');
    await addFeed('Cek Fakta Nusantara', feeds.url('/claims.jsonld'));
    const card = feedCard(page, 'en', 'Cek Fakta Nusantara');
    await card.getByText(tr('en', 'integrity.feeds.totals', { created: 2, updated: 0 })).waitFor({ timeout: 30_000 });
    await card.getByText(tr('en', 'integrity.feeds.status.ok'), { exact: true }).waitFor();
    // The registry beside the panel shows the new claims without a reload.
    for (const r of reviews) await page.getByRole('link', { name: r.claim }).waitFor({ timeout: 15_000 });
  });

  it('polls again on request: the feed answers 304 and nothing changes', async () => {
    const card = feedCard(page, 'en', 'Cek Fakta Nusantara');
    await card.getByRole('button', { name: tr('en', 'integrity.feeds.pollNamed', { name: 'Cek Fakta Nusantara' }) }).click();
    await card.getByText(tr('en', 'integrity.feeds.notModified')).waitFor({ timeout: 30_000 });
    expect(feeds.requests.filter((r) => r.path === '/claims.jsonld').map((r) => r.status)).toEqual([200, 304]);
    await card.getByText(tr('en', 'integrity.feeds.totals', { created: 2, updated: 0 })).waitFor();
  });

  it('reads a fact-check article page with embedded ClaimReview', async () => {
    await addFeed('Minister article', feeds.url('/articles/minister.html'));
    await feedCard(page, 'en', 'Minister article').getByText(tr('en', 'integrity.feeds.totals', { created: 1, updated: 0 })).waitFor({ timeout: 30_000 });
    await page.getByRole('link', { name: pageClaim }).waitFor({ timeout: 15_000 });
    await shot(page, 'integrity-claim-feeds-en');
    await expectAccessible(page, 'feeds-en');
  });

  it('shows a broken feed’s error, keeps its claims, and pauses it', async () => {
    feeds.setFeed('/claims.jsonld', { body: '{"@type": "DataFeed", "dataFeedElement": [', contentType: 'application/ld+json', validators: false });
    const card = feedCard(page, 'en', 'Cek Fakta Nusantara');
    await card.getByRole('button', { name: tr('en', 'integrity.feeds.pollNamed', { name: 'Cek Fakta Nusantara' }) }).click();
    await card.getByText(tr('en', 'integrity.feeds.errors.not-json')).waitFor({ timeout: 30_000 });
    await card.getByText(tr('en', 'integrity.feeds.status.failing'), { exact: true }).waitFor();
    for (const r of reviews) await page.getByRole('link', { name: r.claim }).waitFor();
    await shot(page, 'integrity-claim-feeds-failing-en');
    await expectAccessible(page, 'failing-en');

    const id = await signedIn('id');
    const idPage = await id.newPage();
    await idPage.goto('/integrity/claims');
    const idCard = feedCard(idPage, 'id', 'Cek Fakta Nusantara');
    await idCard.getByText(tr('id', 'integrity.feeds.errors.not-json')).waitFor();
    await idCard.getByText(tr('id', 'integrity.feeds.status.failing'), { exact: true }).waitFor();
    await feedCard(idPage, 'id', 'Minister article').getByText(tr('id', 'integrity.feeds.totals', { created: 1, updated: 0 })).waitFor();
    await shot(idPage, 'integrity-claim-feeds-id');
    await expectAccessible(idPage, 'feeds-id');
    await idCard.getByRole('button', { name: tr('id', 'integrity.feeds.pauseNamed', { name: 'Cek Fakta Nusantara' }) }).click();
    await idCard.getByText(tr('id', 'integrity.feeds.status.paused'), { exact: true }).waitFor();
    await idCard.getByRole('button', { name: tr('id', 'integrity.feeds.resumeNamed', { name: 'Cek Fakta Nusantara' }) }).waitFor();
    await id.close();
  });
});
