import { type FakeFeedServer, rss20Feed, startFakeFeedServer } from '@diplodesk/connector-rss/fake';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { admin, createUserWithOwnPassword, csrfOf, type E2E, expectAccessible, type Lang, shot, signedInContext, startE2E } from './harness.ts';
import { tr } from './i18n.ts';

// A press officer answers a finding with a rebuttal: "Respond" on the finding opens a fast-track
// draft showing the claim it rebuts and its debunk; once created, the statement names the finding
// and the finding lists the rebuttal with its state. Cleared and published, the finding shows the
// newsroom link and the time from finding to rebuttal, and offers to resolve it as responded; the
// public page carries the ClaimReview — in English and Indonesian, axe-clean.

const officer = { email: 'officer.rebuttal@e2e.diplodesk', password: 'rebuttal e2e password 2026' };
const duty = { email: 'duty.approver@e2e.diplodesk', password: 'rebuttal duty password 2026' };
const claimText = 'The embassy charges a secret fee for every tourist visa';

let feeds: FakeFeedServer;
let e2e: E2E;
let findingId = '';
let statementId = '';

const session = (who: { email: string; password: string }, lang: Lang) => signedInContext(e2e, who, lang);

const fieldOf = (p: Page, label: string) => p.getByLabel(new RegExp(`^${label.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}( \\*)?$`)).first();

beforeAll(async () => {
  feeds = await startFakeFeedServer();
  e2e = await startE2E();
  const adminCtx = await session(admin, 'en');
  const headers = { 'x-csrf-token': await csrfOf(adminCtx) };
  const units = (await (await adminCtx.request.get('/api/v1/units')).json()) as { items: { id: string; parentId: string | null }[] };
  const unitId = units.items.find((u) => u.parentId === null)?.id ?? '';
  await createUserWithOwnPassword(e2e, adminCtx, { email: officer.email, displayName: 'Raka Officer', password: officer.password, locale: 'en', timeZone: 'Asia/Jakarta', memberships: [{ unitId, role: 'editor' }] });
  await createUserWithOwnPassword(e2e, adminCtx, { email: duty.email, displayName: 'Sari Duty', password: duty.password, locale: 'en', timeZone: 'Asia/Jakarta', memberships: [{ unitId, role: 'approver' }] });
  const claim = await adminCtx.request.post('/api/v1/integrity/claims', {
    headers,
    data: {
      unitId,
      claimReviewed: claimText,
      language: 'en',
      reviewRating: { alternateName: 'False', ratingValue: 1, bestRating: 5, worstRating: 1 },
      reviewAuthor: 'Cek Fakta Nusantara',
      itemReviewed: { authorName: 'Visa Tips page', datePublished: '2026-12-01', appearanceUrls: ['https://social.example/v1'] },
      disproof: 'Tourist visas carry only the published fee; no other payment is asked for.',
    },
  });
  expect(claim.status(), await claim.text()).toBe(201);
  // A post repeating the claim arrives from a feed and becomes a finding.
  feeds.setFeed('/visa.xml', {
    body: rss20Feed({ title: 'Travel gossip', items: [{ guid: 'v1', title: 'Warning', description: 'Beware: the embassy charges a secret fee for every tourist visa!', link: 'https://social.example/v1', pubDate: new Date(Date.now() - 120_000).toUTCString() }] }),
  });
  const source = await adminCtx.request.post('/api/v1/listening/sources', { headers, data: { unitId, connector: 'rss', name: 'Travel gossip', config: { url: feeds.url('/visa.xml') } } });
  expect(source.status(), await source.text()).toBe(201);
  const deadline = Date.now() + 45_000;
  while (findingId === '') {
    const list = (await (await adminCtx.request.get('/api/v1/integrity/findings?detector=claim-match')).json()) as { items: { id: string }[] };
    findingId = list.items[0]?.id ?? '';
    if (findingId === '' && Date.now() > deadline) throw new Error('no finding was raised for the repeated claim');
    if (findingId === '') await new Promise((r) => setTimeout(r, 500));
  }
  await adminCtx.close();
}, 180_000);

afterAll(async () => {
  await e2e?.close();
  await feeds?.close();
});

describe('rebuttal of a finding', () => {
  it('"Respond" on the finding opens a fast-track draft showing the claim, and the finding lists the rebuttal (English)', async () => {
    const ctx = await session(officer, 'en');
    const page = await ctx.newPage();
    await page.goto(`/integrity/findings/${findingId}`);
    await page.getByRole('heading', { name: tr('en', 'integrityRebuttals.title') }).waitFor();
    await page.getByText(tr('en', 'integrityRebuttals.noneFinding')).waitFor();
    await page.getByRole('link', { name: tr('en', 'integrity.finding.respond') }).click();
    await page.waitForURL(/\/statements\/new\?respondToFinding=/);
    await page.getByRole('heading', { level: 1, name: tr('en', 'integrity.respond.pageTitle') }).waitFor();
    const context = page.getByRole('region', { name: tr('en', 'integrityRebuttals.claimContext') });
    await context.getByText(claimText).waitFor();
    await context.getByText('False', { exact: true }).waitFor();
    const title = fieldOf(page, tr('en', 'statements.fields.title'));
    await expect.poll(() => title.inputValue()).toContain(claimText.slice(0, 30));
    const body = await fieldOf(page, tr('en', 'statements.fields.body')).inputValue();
    expect(body).toContain('no other payment is asked for');
    // The item that carried it is listed with its address.
    expect(body).toContain('- Warning (https://social.example/v1)');
    await shot(page, 'integrity-rebuttal-draft-en');
    await expectAccessible(page, 'draft-en');

    await page.getByRole('button', { name: tr('en', 'statements.new.create') }).click();
    await page.waitForURL(/\/statements\/[0-9a-f-]{36}$/);
    statementId = page.url().split('/').pop() ?? '';
    // The statement names what it responds to, linked back to the finding.
    await page.locator(`a[href="/integrity/findings/${findingId}"]`).first().waitFor();

    await page.goto(`/integrity/findings/${findingId}`);
    const panel = page.getByRole('region', { name: tr('en', 'integrityRebuttals.title') });
    await panel.getByText(tr('en', 'statements.status.draft'), { exact: true }).waitFor();
    await panel.getByText(tr('en', 'integrityRebuttals.drafted', { when: '' }).split(',')[0] ?? '').waitFor();
    await shot(page, 'integrity-rebuttal-finding-draft-en');
    await expectAccessible(page, 'finding-draft-en');
    await ctx.close();
  });

  it('once published, the finding shows the newsroom link and the time to it, and offers to resolve as responded; the page carries the ClaimReview (Indonesian)', async () => {
    const ctx = await session(officer, 'id');
    const headers = { 'x-csrf-token': await csrfOf(ctx) };
    expect((await ctx.request.post(`/api/v1/statements/${statementId}/submit`, { headers, data: { baseVersion: 1, fastTrack: true } })).status()).toBe(200);
    const approverCtx = await session(duty, 'en');
    expect((await approverCtx.request.post(`/api/v1/statements/${statementId}/decisions`, { headers: { 'x-csrf-token': await csrfOf(approverCtx) }, data: { baseVersion: 1, decision: 'approve' } })).status()).toBe(200);
    await approverCtx.close();
    const published = await ctx.request.post(`/api/v1/statements/${statementId}/schedule`, { headers, data: { scheduledAt: null } });
    expect(published.status(), await published.text()).toBe(200);

    const page = await ctx.newPage();
    await page.goto(`/integrity/findings/${findingId}`);
    const panel = page.getByRole('region', { name: tr('id', 'integrityRebuttals.title') });
    await panel.getByText(tr('id', 'statements.status.published'), { exact: true }).waitFor({ timeout: 20_000 });
    await panel.getByText(new RegExp(`^${tr('id', 'integrityRebuttals.publishedAfter', { duration: 'XX' }).split('XX')[0]}`)).waitFor({ timeout: 20_000 });
    const link = panel.getByRole('link', { name: new RegExp(tr('id', 'integrityRebuttals.openNewsroom')) });
    const href = (await link.getAttribute('href')) ?? '';
    expect(href).toMatch(/\/newsroom\/en\//);
    await shot(page, 'integrity-rebuttal-finding-published-id');
    await expectAccessible(page, 'finding-published-id');

    // The officer may draft but not manage integrity: the offer to resolve is not theirs.
    expect(await page.getByRole('button', { name: tr('id', 'integrityRebuttals.resolveResponded') }).count()).toBe(0);
    const adminCtx = await session(admin, 'id');
    const adminPage = await adminCtx.newPage();
    await adminPage.goto(`/integrity/findings/${findingId}`);
    await adminPage.getByRole('button', { name: tr('id', 'integrityRebuttals.resolveResponded') }).click();
    await adminPage.getByText(tr('id', 'integrity.outcome.responded'), { exact: true }).first().waitFor();
    await adminPage.getByText(tr('id', 'integrity.status.resolved'), { exact: true }).first().waitFor();
    await shot(adminPage, 'integrity-rebuttal-resolved-id');
    await expectAccessible(adminPage, 'resolved-id');

    // The public page embeds the ClaimReview for search engines.
    const html = await (await ctx.request.get(new URL(href).pathname)).text();
    const json = /<script type="application\/ld\+json">([\s\S]*?)<\/script>/.exec(html)?.[1] ?? '';
    expect(JSON.parse(json)).toMatchObject({ '@type': 'ClaimReview', claimReviewed: claimText, reviewRating: { alternateName: 'False', ratingValue: 1 }, itemReviewed: { '@type': 'Claim', author: { name: 'Visa Tips page' } }, url: href });

    // The claim's page lists the rebuttal too, and offers its own "Respond".
    await page.goto(`/integrity/claims/${(await (await ctx.request.get(`/api/v1/integrity/findings/${findingId}`)).json()).claimId}`);
    await page.getByRole('region', { name: tr('id', 'integrityRebuttals.title') }).getByText(tr('id', 'integrityRebuttals.viaFinding'), { exact: false }).waitFor();
    await page.getByRole('link', { name: tr('id', 'integrity.finding.respond') }).click();
    await page.waitForURL(/\/statements\/new\?respondToClaim=/);
    await page.getByRole('region', { name: tr('id', 'integrityRebuttals.claimContext') }).getByText(claimText).waitFor();
    await page.getByText(tr('id', 'integrityRebuttals.respondingToClaim')).waitFor();
    await shot(page, 'integrity-rebuttal-claim-draft-id');
    await expectAccessible(page, 'claim-draft-id');
    await adminCtx.close();
    await ctx.close();
  });
});
