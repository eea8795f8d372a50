import fs from 'node:fs';
import path from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { admin, createUserWithOwnPassword, type E2E, expectAccessible, type Lang, screenshotDir, shot, signedInContext, startE2E } from './harness.ts';
import { tr } from './i18n.ts';

// An analyst imports a media-monitoring export from the browser: drops a CSV with Indonesian
// headers, checks the suggested mapping and the preview (two rows will be rejected), starts the
// import, watches it finish, downloads the rejected rows and opens the items in search — in
// English and Indonesian, at desktop and phone width.

const analyst = { email: 'analyst.import@e2e.diplodesk', password: 'import e2e password 2026' };
const fileName = 'pantauan-media.csv';
const hoursAgo = (h: number) => new Date(Date.now() - h * 3_600_000).toISOString();
const csv = [
  'isi,tanggal,tautan',
  `"Menlu RI bertemu Menlu Jepang, bahas kerja sama maritim",${hoursAgo(2)},https://berita.example/1`,
  `Indonesia kirim bantuan kemanusiaan ke Gaza,${hoursAgo(3)},https://berita.example/2`,
  `,${hoursAgo(4)},https://berita.example/3`,
  'Delegasi ASEAN tiba di Jakarta,kemarin sore,https://berita.example/4',
  `Pameran batik di Paris dibuka oleh Duta Besar RI,${hoursAgo(5)},https://berita.example/5`,
  `Diplomasi digital: Kemlu luncurkan kanal informasi baru,${hoursAgo(6)},https://berita.example/6`,
  `Arsip: Bali Democracy Forum dibuka di Nusa Dua,${hoursAgo(40 * 24)},https://berita.example/7`,
].join('\n');

let e2e: E2E;
let ctx: BrowserContext;
let page: Page;
let importPath = '';

const signedIn = (who: { email: string; password: string }, lang: Lang, width = 1280) => signedInContext(e2e, who, lang, { width });

/** Chooses the file through the picker (the drop zone's button), as a keyboard user would. */
async function chooseFile(p: Page, lang: 'en' | 'id', name = fileName) {
  const chooser = p.waitForEvent('filechooser');
  await p.getByRole('button', { name: tr(lang, 'listeningImport.upload.choose') }).click();
  await (await chooser).setFiles({ name, mimeType: 'text/csv', buffer: Buffer.from(csv) });
  await p.getByRole('heading', { level: 2, name: tr(lang, 'listeningImport.review.heading') }).waitFor({ timeout: 20_000 });
}

const mappingSelect = (p: Page, lang: 'en' | 'id', field: string) =>
  p.getByLabel(field === 'text' ? `${tr(lang, 'listeningImport.fields.text')} (${tr(lang, 'listeningImport.review.required')})` : tr(lang, `listeningImport.fields.${field}`), { exact: true }).first();
const previewTable = (p: Page, lang: 'en' | 'id') => p.getByRole('table', { name: tr(lang, 'listeningImport.review.previewHeading') });
const rejectedBadges = (p: Page, lang: 'en' | 'id') => previewTable(p, lang).getByText(tr(lang, 'listeningImport.review.rejected'), { exact: true });

beforeAll(async () => {
  e2e = await startE2E();
  const adminCtx = await signedIn(admin, 'en');
  const units = (await (await adminCtx.request.get('/api/v1/units')).json()) as { items: { id: string; parentId: string | null }[] };
  const unitId = units.items.find((u) => u.parentId === null)?.id ?? '';
  await createUserWithOwnPassword(e2e, adminCtx, { email: analyst.email, displayName: 'Sari Analyst', password: analyst.password, locale: 'en', timeZone: 'Asia/Jakarta', memberships: [{ unitId, role: 'analyst' }] });
  await adminCtx.close();
  ctx = await signedIn(analyst, 'en');
  page = await ctx.newPage();
}, 90_000);

afterAll(async () => {
  await e2e?.close();
});

describe('listening import', () => {
  it('uploads a CSV with Indonesian headers and suggests the mapping', async () => {
    await page.goto('/listening');
    await page.getByRole('navigation', { name: tr('en', 'listening.nav.label') }).getByRole('link', { name: tr('en', 'listening.nav.import') }).click();
    await page.getByRole('heading', { level: 1, name: tr('en', 'listeningImport.title') }).waitFor();
    await page.getByText(tr('en', 'listeningImport.recent.empty')).waitFor();
    await expectAccessible(page, 'upload');
    await shot(page, 'import-en-desktop-upload');

    await chooseFile(page, 'en');
    importPath = `${new URL(page.url()).pathname}${new URL(page.url()).search}`;
    expect(importPath).toMatch(/^\/listening\/import\?import=[0-9a-f-]{36}$/);
    await expect(mappingSelect(page, 'en', 'text').inputValue()).resolves.toBe('isi');
    await expect(mappingSelect(page, 'en', 'publishedAt').inputValue()).resolves.toBe('tanggal');
    await expect(mappingSelect(page, 'en', 'url').inputValue()).resolves.toBe('tautan');
    await expect(mappingSelect(page, 'en', 'author').inputValue()).resolves.toBe(tr('en', 'listeningImport.review.notUsed'));
    await page.getByText(tr('en', 'listeningImport.review.previewCount_other', { ok: 5, count: 7 }), { exact: false }).waitFor();
    await expect.poll(() => rejectedBadges(page, 'en').count()).toBe(2);
    await previewTable(page, 'en').getByText(tr('en', 'listeningImport.reasons.invalid-date')).waitFor();
    await expectAccessible(page, 'review');
    await shot(page, 'import-en-desktop-review');
  });

  it('re-reads the preview when the mapping changes', async () => {
    // The links are no dates: every row would be rejected.
    await mappingSelect(page, 'en', 'publishedAt').click();
    await page.getByRole('option', { name: 'tautan', exact: true }).click();
    await page.getByText(tr('en', 'listeningImport.review.previewCount_other', { ok: 0, count: 7 }), { exact: false }).waitFor();
    await expect.poll(() => rejectedBadges(page, 'en').count()).toBe(7);
    // Without a text column nothing can be read: the file's own rows are shown to choose from.
    await mappingSelect(page, 'en', 'text').click();
    await page.getByRole('option', { name: tr('en', 'listeningImport.review.notUsed'), exact: true }).click();
    await page.getByRole('heading', { level: 3, name: tr('en', 'listeningImport.review.sampleHeading') }).waitFor();
    await expect(page.getByRole('button', { name: tr('en', 'listeningImport.review.start') }).isDisabled()).resolves.toBe(true);
    await expectAccessible(page, 'review-no-text');
    await shot(page, 'import-en-desktop-review-no-text');
    await mappingSelect(page, 'en', 'text').click();
    await page.getByRole('option', { name: 'isi', exact: true }).click();
    await mappingSelect(page, 'en', 'publishedAt').click();
    await page.getByRole('option', { name: 'tanggal', exact: true }).click();
    await page.getByText(tr('en', 'listeningImport.review.previewCount_other', { ok: 5, count: 7 }), { exact: false }).waitFor();
  });

  it('imports in the background, then shows the summary and the rejected rows', async () => {
    await page.getByRole('button', { name: tr('en', 'listeningImport.review.start') }).click();
    const done = page.getByRole('heading', { level: 2, name: tr('en', 'listeningImport.summary.done') });
    const running = page.getByRole('heading', { level: 2, name: tr('en', 'listeningImport.progress.heading', { name: fileName }) });
    // A small file may finish before the progress is drawn; either way it ends in the summary.
    await running.or(done).first().waitFor({ timeout: 30_000 });
    if (await running.isVisible()) {
      await shot(page, 'import-en-desktop-progress');
      await expectAccessible(page, 'progress');
    }
    await done.waitFor({ timeout: 30_000 });
    const figure = (key: string) => page.locator('dl div').filter({ has: page.getByText(tr('en', key), { exact: true }) }).locator('dd');
    await expect.poll(() => figure('listeningImport.summary.stored').textContent(), { timeout: 30_000 }).toBe('5');
    await expect.poll(() => figure('listeningImport.summary.duplicates').textContent(), { timeout: 30_000 }).toBe('0');
    await expect(figure('listeningImport.summary.rowsRead').textContent()).resolves.toBe('7');
    await expect(figure('listeningImport.summary.rejected').textContent()).resolves.toBe('2');
    await page.getByText(`${tr('en', 'listeningImport.reasons.empty-text')}: 1`).waitFor();
    await page.getByText(`${tr('en', 'listeningImport.reasons.invalid-date')}: 1`).waitFor();
    await page.getByRole('table', { name: tr('en', 'listeningImport.recent.caption') }).getByText(tr('en', 'listeningImport.status.done'), { exact: true }).waitFor();
    await expectAccessible(page, 'summary');
    await shot(page, 'import-en-desktop-summary');

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: tr('en', 'listeningImport.summary.download') }).click()]);
    expect(download.suggestedFilename()).toBe('pantauan-media-rejected.csv');
    const report = fs.readFileSync((await download.path()) ?? '', 'utf8').replace(/^\uFEFF/, '').trim().split('\r\n');
    expect(report[0]).toBe('row,line,reason,detail,raw');
    expect(report.slice(1).map((l) => l.split(',').slice(0, 3).join(','))).toEqual(['3,4,empty-text', '4,5,invalid-date']);
  });

  it('opens the imported items in search', async () => {
    await page.getByRole('link', { name: tr('en', 'listeningImport.summary.search') }).click();
    await page.waitForURL(/\/listening\?sources=[0-9a-f-]{36}/);
    await page.getByRole('heading', { level: 1, name: tr('en', 'listening.title') }).waitFor();
    // The link carries the import's source and no period, so older items are found too.
    const results = page.locator('section[aria-labelledby="results-heading"] article');
    await expect.poll(() => results.count(), { timeout: 15_000 }).toBe(5);
    await page.getByRole('link', { name: 'Arsip: Bali Democracy Forum dibuka di Nusa Dua' }).waitFor();
    await page.getByRole('link', { name: 'Menlu RI bertemu Menlu Jepang, bahas kerja sama maritim' }).waitFor();
    await shot(page, 'import-en-desktop-search');
  });

  it('lists imports as imports: who, accepted and rejected rows, the report; an abandoned upload can be discarded; sources show sources only', async () => {
    await page.goto('/listening/import');
    await page.getByRole('heading', { level: 1, name: tr('en', 'listeningImport.title') }).waitFor();
    await chooseFile(page, 'en', 'ditinggal.csv');
    // The page is left without starting: the upload waits in the list, with its expiry and a way to discard it.
    await page.goto('/listening/import');
    const table = page.getByRole('table', { name: tr('en', 'listeningImport.recent.caption') });
    const abandoned = table.getByRole('row').filter({ hasText: 'ditinggal.csv' });
    await abandoned.getByText(tr('en', 'listeningImport.status.ready'), { exact: true }).waitFor();
    const [before = '', after = ''] = tr('en', 'listeningImport.recent.expires', { when: '§' }).split('§');
    await abandoned.getByText(new RegExp(`^${before}\\d.+${after}$`)).waitFor();
    const done = table.getByRole('row').filter({ hasText: fileName });
    await expect(done.getByRole('cell').allTextContents()).resolves.toEqual(expect.arrayContaining(['5', 'Sari Analyst']));
    await done.getByRole('link', { name: tr('en', 'listeningImport.recent.reportFor', { name: fileName }) }).waitFor();
    await expectAccessible(page, 'list-with-waiting');
    await shot(page, 'import-en-desktop-list-waiting');
    await abandoned.getByRole('button', { name: tr('en', 'listeningImport.recent.discardLabel', { name: 'ditinggal.csv' }) }).click();
    await abandoned.getByText(tr('en', 'listeningImport.status.cancelled'), { exact: true }).waitFor();

    // The sources page lists sources: the imported file is not a pausable card there.
    await page.goto('/listening/sources');
    await page.getByRole('heading', { level: 1, name: tr('en', 'listening.sources.title') }).waitFor();
    await page.getByRole('main').getByText(tr('en', 'listening.sources.importsElsewhere').trim(), { exact: false }).getByRole('link', { name: tr('en', 'listening.sources.importsLink'), exact: true }).waitFor();
    await page.getByRole('article').first().waitFor();
    await expect(page.getByRole('heading', { level: 3, name: `Import: ${fileName}` }).count()).resolves.toBe(0);
    await expectAccessible(page, 'sources-without-imports');
    await shot(page, 'import-en-desktop-sources');
  });

  it('reads well in Indonesian and at phone width', async () => {
    for (const [lang, width, label] of [
      ['id', 1280, 'desktop'],
      ['id', 375, 'phone'],
      ['en', 375, 'phone'],
    ] as const) {
      const context = await signedIn(analyst, lang, width);
      const p = await context.newPage();
      await p.goto('/listening/import');
      await p.getByRole('heading', { level: 1, name: tr(lang, 'listeningImport.title') }).waitFor();
      // On a phone the recent imports are a list, on a desktop a table.
      const recent = p.getByRole(width < 800 ? 'list' : 'table', { name: tr(lang, 'listeningImport.recent.caption') });
      await recent.getByText(tr(lang, 'listeningImport.status.done'), { exact: true }).first().waitFor();
      await expectAccessible(p, `${lang}-${label}-upload`);
      await shot(p, `import-${lang}-${label}-upload`);

      await chooseFile(p, lang, `ulang-${lang}-${label}.csv`);
      await expect.poll(() => rejectedBadges(p, lang).count()).toBe(2);
      await expectAccessible(p, `${lang}-${label}-review`);
      await shot(p, `import-${lang}-${label}-review`);
      if (width < 800) await p.screenshot({ path: path.join(screenshotDir, `import-${lang}-${label}-review-top.png`) });
      await p.getByRole('button', { name: tr(lang, 'listeningImport.review.discard') }).click();
      await p.getByRole('heading', { level: 2, name: tr(lang, 'listeningImport.upload.heading') }).waitFor();

      await p.goto(importPath);
      await p.getByRole('heading', { level: 2, name: tr(lang, 'listeningImport.summary.done') }).waitFor();
      await expectAccessible(p, `${lang}-${label}-summary`);
      await shot(p, `import-${lang}-${label}-summary`);
      const overflow = await p.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      expect(overflow, `${lang}-${label} horizontal overflow`).toBeLessThanOrEqual(0);
      await context.close();
    }
  });
});
