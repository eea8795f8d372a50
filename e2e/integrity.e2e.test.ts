import { type FakeFeedServer, rss20Feed, startFakeFeedServer } from '@diplodesk/connector-rss/fake';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { admin, createUserWithOwnPassword, csrfOf, type E2E, expectAccessible, type Lang, shot, signedInContext, startE2E } from './harness.ts';
import { tr } from './i18n.ts';

// A press officer registers a known false claim; a feed then carries a post repeating it: the
// finding arrives live in the inbox (a toast, the navigation's count rises), is commented on,
// assigned and resolved; "Respond" opens a rebuttal draft; ClaimReview files are imported (a bad
// one refused with its reasons) and exported; the matching thresholds show their precision and
// recall — in English and Indonesian, axe-clean, at desktop and phone widths.

const officer = { email: 'officer.integrity@e2e.diplodesk', password: 'integrity e2e password 2026' };
const claimText = 'The ministry secretly sold the Natuna islands to a foreign company';
const minutesAgo = (m: number) => new Date(Date.now() - m * 60_000).toUTCString();

let feeds: FakeFeedServer;
let e2e: E2E;
let ctx: BrowserContext;
let page: Page;
let unitId = '';
let findingPath = '';
let tmp = '';

const signedIn = (who: { email: string; password: string }, lang: Lang, width = 1280) => signedInContext(e2e, who, lang, { width });

/** A form field by its label (a required one carries " *"). */
const field = (scope: Pick<Page, 'getByLabel'>, label: string) => scope.getByLabel(new RegExp(`^${label.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}( \\*)?$`)).first();
const mainNav = (p: Page) => p.getByRole('navigation', { name: tr('en', 'nav.label') });

beforeAll(async () => {
  feeds = await startFakeFeedServer();
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'diplodesk-integrity-'));
  e2e = await startE2E();
  const adminCtx = await signedIn(admin, 'en');
  const units = (await (await adminCtx.request.get('/api/v1/units')).json()) as { items: { id: string; parentId: string | null }[] };
  unitId = units.items.find((u) => u.parentId === null)?.id ?? '';
  // Integrity is managed by administrators; the editor role lets the officer draft the rebuttal.
  await createUserWithOwnPassword(e2e, adminCtx, { email: officer.email, displayName: 'Dewi Officer', password: officer.password, locale: 'en', timeZone: 'Asia/Jakarta', memberships: [{ unitId, role: 'admin' }, { unitId, role: 'editor' }] });
  await adminCtx.close();
  ctx = await signedIn(officer, 'en');
  page = await ctx.newPage();
}, 120_000);

afterAll(async () => {
  await e2e?.close();
  await feeds?.close();
  if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
});

describe('integrity', () => {
  it('registers a known false claim from the registry', async () => {
    await page.goto('/');
    await mainNav(page).getByRole('link', { name: tr('en', 'areas.integrity.title') }).click();
    await page.getByRole('heading', { level: 1, name: tr('en', 'integrity.title') }).waitFor();
    await page.getByRole('navigation', { name: tr('en', 'integrity.nav.label') }).getByRole('link', { name: tr('en', 'integrity.nav.claims') }).click();
    await page.getByRole('heading', { level: 1, name: tr('en', 'integrity.claims.title') }).waitFor();
    await page.getByRole('button', { name: tr('en', 'integrity.claims.new') }).click();
    const dialog = page.getByRole('dialog');
    await field(dialog, tr('en', 'integrity.claimForm.claimReviewed')).fill(claimText);
    await field(dialog, tr('en', 'integrity.claimForm.rating')).fill('False');
    await field(dialog, tr('en', 'integrity.claimForm.reviewAuthor')).fill('Cek Fakta Nusantara');
    await field(dialog, tr('en', 'integrity.claimForm.url')).fill('https://factcheck.example/natuna');
    await field(dialog, tr('en', 'integrity.claimForm.disproof')).fill('The Natuna islands are Indonesian territory; no sale took place and none is possible under the constitution.');
    await field(dialog, tr('en', 'integrity.claimForm.countries')).fill('ID');
    await dialog.getByRole('button', { name: tr('en', 'integrity.claimForm.addTranslation') }).click();
    await field(dialog, tr('en', 'integrity.claimForm.translationLanguage', { n: 1 })).fill('id');
    await field(dialog, tr('en', 'integrity.claimForm.translationText', { n: 1 })).fill('Kementerian diam-diam menjual Kepulauan Natuna kepada perusahaan asing');
    await shot(page, 'integrity-claim-form-en');
    await expectAccessible(page, 'claim-form-en');
    await dialog.getByRole('button', { name: tr('en', 'integrity.claimForm.create') }).click();
    await page.waitForURL(/\/integrity\/claims\/[0-9a-f-]{36}$/);
    await page.getByText(claimText).first().waitFor();
  });

  it('shows a post that repeats it as a finding arriving live, and the navigation count rises', async () => {
    await page.goto('/integrity');
    await page.getByText(tr('en', 'integrity.findings.none')).waitFor();
    const integrityLink = mainNav(page).getByRole('link', { name: new RegExp(`^${tr('en', 'areas.integrity.title')}`) });
    expect(await integrityLink.getAttribute('aria-label')).toBeNull();
    feeds.setFeed('/natuna.xml', {
      body: rss20Feed({
        title: 'Viral posts',
        items: [{ guid: 'n1', title: 'Shocking', description: 'BREAKING: the ministry secretly sold the Natuna islands to a foreign company!', link: 'https://social.example/n1', pubDate: minutesAgo(2) }],
      }),
    });
    const res = await ctx.request.post('/api/v1/listening/sources', { data: { unitId, connector: 'rss', name: 'Viral posts', config: { url: feeds.url('/natuna.xml') } }, headers: { 'x-csrf-token': await csrfOf(ctx) } });
    expect(res.status(), await res.text()).toBe(201);
    // No reload: the live event adds the finding, shows a toast and raises the count.
    const card = page.locator('li', { hasText: 'Natuna' }).first();
    await card.waitFor({ timeout: 30_000 });
    await page.getByText(tr('en', 'integrity.findings.toastOpen')).waitFor();
    await expect.poll(() => integrityLink.getAttribute('aria-label')).toBe(tr('en', 'nav.withOpenFindings_one', { area: tr('en', 'areas.integrity.title'), count: 1 }));
    await shot(page, 'integrity-inbox-en');
    await expectAccessible(page, 'inbox-en');
    findingPath = (await card.getByRole('link').getAttribute('href')) ?? '';
    expect(findingPath).toMatch(/^\/integrity\/findings\//);
  });

  it('opens the finding beside the claim and its debunk; comments, triages, assigns and resolves it', async () => {
    await page.goto(findingPath);
    await page.getByRole('heading', { name: tr('en', 'integrity.finding.claim') }).waitFor();
    await page.getByText('BREAKING: the ministry secretly sold').waitFor();
    await page.getByText('no sale took place').waitFor();
    await field(page, tr('en', 'integrity.finding.addComment')).fill('Spreading on two platforms; rebuttal in preparation.');
    await page.getByRole('button', { name: tr('en', 'integrity.finding.postComment') }).click();
    await page.getByText('rebuttal in preparation.').waitFor();
    // Triage: the severity is raised to high.
    await field(page, tr('en', 'integrity.finding.severity')).click();
    await page.getByRole('option', { name: tr('en', 'integrity.severity.high') }).click();
    await page.getByText(tr('en', 'integrity.status.triaged'), { exact: true }).first().waitFor();
    await page.getByText(tr('en', 'integrity.severity.high'), { exact: true }).first().waitFor();
    await page.getByRole('button', { name: tr('en', 'integrity.finding.assignToMe') }).click();
    await page.getByRole('button', { name: tr('en', 'integrity.finding.unassign') }).waitFor();
    await shot(page, 'integrity-finding-en');
    await expectAccessible(page, 'finding-en');
    // The item itself shows the claim it repeats, with the debunk.
    await page.getByRole('link', { name: tr('en', 'integrity.finding.openItem') }).first().click();
    await page.getByRole('heading', { name: tr('en', 'integrity.itemClaims.title_one') }).waitFor();
    await page.getByText('no sale took place').waitFor();
    await shot(page, 'integrity-item-en');
    await expectAccessible(page, 'item-en');
    await page.goBack();
    await field(page, tr('en', 'integrity.finding.outcome')).click();
    await page.getByRole('option', { name: tr('en', 'integrity.outcome.responded') }).click();
    await page.getByRole('button', { name: tr('en', 'integrity.finding.resolve') }).click();
    await page.getByRole('button', { name: tr('en', 'integrity.finding.reopen') }).waitFor();
    await page.getByText(tr('en', 'integrity.status.resolved'), { exact: true }).first().waitFor();
    // Resolved: no longer open, so the navigation shows no count.
    await expect.poll(() => mainNav(page).getByRole('link', { name: tr('en', 'areas.integrity.title'), exact: true }).count()).toBe(1);
  });

  it('"Respond" opens a rebuttal draft carrying the claim and its debunk', async () => {
    await page.getByRole('link', { name: tr('en', 'integrity.finding.respond') }).click();
    await page.waitForURL(/\/statements\/new\?respondToFinding=/);
    await page.getByRole('heading', { level: 1, name: tr('en', 'integrity.respond.pageTitle') }).waitFor();
    const title = field(page, tr('en', 'statements.fields.title'));
    await expect.poll(() => title.inputValue()).toContain(claimText.slice(0, 40));
    expect(await field(page, tr('en', 'statements.fields.body')).inputValue()).toContain('no sale took place');
    await shot(page, 'integrity-respond-en');
  });

  it('imports ClaimReview files (a bad one refused with its reasons) and exports the registry', async () => {
    await page.goto('/integrity/claims');
    const bad = path.join(tmp, 'bad.jsonld');
    fs.writeFileSync(bad, JSON.stringify([{ '@type': 'ClaimReview', claimReviewed: 'Vaccines contain trackers', reviewRating: { '@type': 'Rating', alternateName: 'False' } }, { '@type': 'ClaimReview', reviewRating: { alternateName: 'False' } }]));
    await page.locator('input[type=file]').setInputFiles(bad);
    await page.getByText(tr('en', 'integrity.claims.problem', { n: 2, reason: tr('en', 'integrity.claims.problemReasons.claim-missing') })).waitFor();
    await shot(page, 'integrity-import-refused-en');
    await expectAccessible(page, 'import-refused-en');
    const good = path.join(tmp, 'good.jsonld');
    fs.writeFileSync(good, JSON.stringify({ '@context': 'https://schema.org', '@type': 'ClaimReview', claimReviewed: 'Tap water in Jakarta is poisoned by the government', url: 'https://factcheck.example/water', author: { '@type': 'Organization', name: 'Cek Fakta Nusantara' }, reviewRating: { '@type': 'Rating', alternateName: 'False' } }));
    await page.locator('input[type=file]').setInputFiles(good);
    await page.getByText(tr('en', 'integrity.claims.imported', { created: 1, updated: 0 })).waitFor();
    await page.getByRole('link', { name: 'Tap water in Jakarta is poisoned by the government' }).waitFor();
    const exported = await ctx.request.get((await page.getByRole('link', { name: tr('en', 'integrity.claims.export') }).getAttribute('href')) ?? '');
    expect(exported.status()).toBe(200);
    const text = await exported.text();
    expect(text).toContain(claimText);
    expect(text).toContain('Tap water in Jakarta');
    // Narratives group claims: add one, rename it.
    await field(page, tr('en', 'integrity.narratives.add')).fill('Sovereignty sold off');
    await page.getByRole('button', { name: tr('en', 'integrity.narratives.create'), exact: true }).click();
    await page.getByRole('button', { name: tr('en', 'integrity.narratives.rename', { name: 'Sovereignty sold off' }) }).click();
    await page.getByLabel(tr('en', 'integrity.narratives.newName', { name: 'Sovereignty sold off' })).fill('Territory sold to foreigners');
    await page.getByRole('button', { name: tr('en', 'integrity.narratives.save') }).click();
    await page.getByRole('region', { name: tr('en', 'integrity.narratives.title') }).getByText('Territory sold to foreigners').waitFor();
    await shot(page, 'integrity-claims-en');
    await expectAccessible(page, 'claims-en');
  });

  it('shows the thresholds with the precision and recall each gives, and saves them', async () => {
    await page.goto('/integrity/settings');
    await page.getByRole('heading', { level: 1, name: tr('en', 'integrity.settings.title') }).waitFor();
    const sliders = page.getByRole('slider');
    await expect.poll(() => sliders.count()).toBe(2);
    // Each control shows what its threshold gives; a lower suggest threshold catches more repeats.
    const suggestEstimate = page.getByRole('status').filter({ hasText: /precision/ }).nth(1);
    const before = (await suggestEstimate.textContent()) ?? '';
    expect(before).toMatch(/\d+%.*\d+%/);
    await sliders.nth(1).focus();
    for (let i = 0; i < 30; i++) await page.keyboard.press('ArrowLeft');
    await expect.poll(() => suggestEstimate.textContent()).not.toBe(before);
    await page.getByRole('button', { name: tr('en', 'integrity.settings.save') }).click();
    await page.getByText(tr('en', 'integrity.settings.saved')).waitFor();
    const saved = (await (await ctx.request.get('/api/v1/integrity/settings')).json()) as { suggest: number; defaults: { suggest: number } };
    expect(saved.suggest).toBeCloseTo(saved.defaults.suggest - 0.3, 2);
    await shot(page, 'integrity-settings-en');
    await expectAccessible(page, 'settings-en');
  });

  it('reads the same screens in Indonesian (the inbox and a finding also at phone width)', async () => {
    for (const width of [375, 1280]) {
      const idCtx = await signedIn(officer, 'id', width);
      const p = await idCtx.newPage();
      const size = width > 600 ? 'desktop' : 'phone';
      await p.goto('/integrity?status=all');
      await p.getByRole('heading', { level: 1, name: tr('id', 'integrity.title') }).waitFor();
      await p.locator('li', { hasText: 'Natuna' }).first().waitFor();
      await shot(p, `integrity-inbox-id-${size}`);
      await expectAccessible(p, `inbox-id-${size}`);
      await p.goto(findingPath);
      await p.getByRole('heading', { name: tr('id', 'integrity.finding.claim') }).waitFor();
      await p.getByText('rebuttal in preparation.').waitFor();
      await shot(p, `integrity-finding-id-${size}`);
      await expectAccessible(p, `finding-id-${size}`);
      if (size === 'phone') {
        await idCtx.close();
        continue;
      }
      await p.goto('/integrity/claims');
      await p.getByRole('heading', { level: 1, name: tr('id', 'integrity.claims.title') }).waitFor();
      await p.getByRole('link', { name: claimText }).click();
      await p.getByRole('heading', { name: tr('id', 'integrity.claim.spread') }).waitFor();
      await p.getByRole('img', { name: /Unggahan yang mengulang klaim per hari/ }).waitFor();
      await shot(p, 'integrity-claim-id');
      await expectAccessible(p, 'claim-id');
      await p.goto('/integrity/settings');
      await p.getByRole('heading', { level: 1, name: tr('id', 'integrity.settings.title') }).waitFor();
      await p.getByRole('slider').first().waitFor();
      await shot(p, 'integrity-settings-id');
      await expectAccessible(p, 'settings-id');
      await idCtx.close();
    }
  });
});
