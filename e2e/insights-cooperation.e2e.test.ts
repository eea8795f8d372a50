import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { admin, type E2E, expectAccessible, type Lang, shot, signedInContext, startE2E } from './harness.ts';
import { tr } from './i18n.ts';

// An administrator imports a small set of UN votes in the browser (the votes gzipped), sees the
// partners for human rights ranked with their reasons, and opens Malaysia's profile — in English
// and Indonesian. Then a file with a bad line fails with its line, and a large votes file imports
// in the background with its progress drawn live, in both languages. The votes are made up for
// the test and exist only in its data folder.

let e2e: E2E;
let dir: string;
const contexts: BrowserContext[] = [];

const rollCalls = `rcid,session,importantvote,date,unres,amend,para,short,descr
1,70,0,2015-10-01,R/70/1,0,0,HUMAN RIGHTS DEFENDERS,NA
2,70,0,2015-11-02,R/70/2,0,0,HUMAN RIGHTS IN X,NA
3,70,0,2015-12-03,R/70/3,0,0,DISARMAMENT,NA
4,71,0,2016-10-04,R/71/1,0,0,HUMAN RIGHTS EDUCATION,NA
5,71,0,2016-11-05,R/71/2,0,0,DEVELOPMENT,NA
6,71,0,2016-12-06,R/71/3,0,0,PALESTINE,NA
`;
const issues = 'rcid,short_name,issue\n1,hr,Human rights\n2,hr,Human rights\n3,di,Arms control\n4,hr,Human rights\n5,ec,Economic development\n6,me,Palestinian conflict\n';
const table: Record<string, string> = { ID: 'yynyay', MY: 'yanyyy', US: 'nnynyn', JP: 'ay8yya' };
const word: Record<string, string> = { y: 'yes', n: 'no', a: 'abstain', '8': '8' };
const votes = [
  'rcid,country,country_code,vote',
  ...Object.entries(table).flatMap(([code, row]) => [...row].map((v, i) => `${i + 1},${code},${code},${word[v]}`)),
].join('\n');

/** 150,000 made-up votes on roll calls with no description (so the ranking above stays as it is). */
function largeVotes(firstRcid: number): string {
  const codes = Array.from({ length: 100 }, (_, i) => String.fromCharCode(65 + Math.floor(i / 26), 65 + (i % 26)));
  const lines = ['rcid,country_code,vote'];
  for (let r = 0; r < 1500; r++) for (const [i, code] of codes.entries()) lines.push(`${firstRcid + r},${code},${['yes', 'no', 'abstain'][(r + i) % 3]}`);
  return `${lines.join('\n')}\n`;
}
const largeRows = 150_000;

type Sample = { status: string | undefined; value: number | null };
/** The votes imports' cards as the page draws them: how many, the newest one's status and its bar's value. */
const sampleOf = (p: Page): Promise<Sample & { cards: number }> =>
  p.evaluate(() => {
    const cards = [...document.querySelectorAll<HTMLElement>('[data-testid="unvotes-import-votes"]')];
    const card = cards.at(-1);
    const bar = card?.querySelector('[role="progressbar"]');
    return { cards: cards.length, status: card?.dataset.status, value: bar ? Number(bar.getAttribute('aria-valuenow')) : null };
  });

/**
 * Watches the newest votes import (the `card`-th card, once its upload is answered) until it ends,
 * taking the screenshot of its progress while it stores its rows; returns every state the page drew.
 */
async function watchProgress(p: Page, label: string, card: number): Promise<Sample[]> {
  const samples: Sample[] = [];
  let pictured = false;
  const deadline = Date.now() + 120_000;
  for (;;) {
    const { cards, ...sample } = await sampleOf(p);
    if (cards < card) {
      if (Date.now() > deadline) throw new Error('the upload was not answered');
      await p.waitForTimeout(100);
      continue;
    }
    samples.push(sample);
    if (sample.status === 'done' || sample.status === 'failed') return samples;
    if (Date.now() > deadline) throw new Error(`the import did not end: ${JSON.stringify(samples.slice(-5))}`);
    if (!pictured && sample.status === 'storing' && sample.value !== null && sample.value > 15 && sample.value < 85) {
      pictured = true;
      await shot(p, `cooperation-import-progress-${label}`);
      await expectAccessible(p, `progress-${label}`);
    }
    await p.waitForTimeout(100);
  }
}

async function signedIn(lang: Lang): Promise<Page> {
  const context = await signedInContext(e2e, admin, lang);
  contexts.push(context);
  return context.newPage();
}

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'unvotes-e2e-'));
  fs.writeFileSync(path.join(dir, 'roll_calls.csv'), rollCalls);
  fs.writeFileSync(path.join(dir, 'issues.csv'), issues);
  fs.writeFileSync(path.join(dir, 'un_votes.csv.gz'), gzipSync(votes));
  fs.writeFileSync(path.join(dir, 'bad_votes.csv'), 'rcid,country_code,vote\n1,ID,yes\n2,MY,perhaps\n');
  fs.writeFileSync(path.join(dir, 'votes_1990s.csv'), largeVotes(100_001));
  fs.writeFileSync(path.join(dir, 'votes_2000s.csv.gz'), gzipSync(largeVotes(200_001)));
  e2e = await startE2E();
}, 120_000);

afterAll(async () => {
  for (const c of contexts) await c.close();
  await e2e?.close();
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

describe('cooperation finder', () => {
  it('imports UN votes in the browser and ranks partners with their reasons (English)', async () => {
    const page = await signedIn('en');
    await page.goto('/insights');
    await page.getByRole('navigation', { name: tr('en', 'insights.nav.label') }).getByRole('link', { name: tr('en', 'insightsCooperation.nav') }).click();
    await page.getByRole('heading', { level: 1, name: tr('en', 'insightsCooperation.title') }).waitFor();
    await page.getByText(tr('en', 'insightsCooperation.import.empty')).waitFor();
    await shot(page, 'cooperation-empty-en');
    const inputs = page.locator('input[type="file"]');
    await inputs.nth(0).setInputFiles(path.join(dir, 'roll_calls.csv'));
    await inputs.nth(1).setInputFiles(path.join(dir, 'issues.csv'));
    await inputs.nth(2).setInputFiles(path.join(dir, 'un_votes.csv.gz'));
    await page.getByRole('button', { name: tr('en', 'insightsCooperation.import.start') }).click();
    // Each file is answered at once and imports in the background, each with its own card.
    const done = page.getByTestId('unvotes-done-votes');
    await done.waitFor({ timeout: 30_000 });
    expect(await done.textContent()).toContain('Votes: 24 rows read — 23 new, 0 changed, 0 unchanged.');
    expect(await page.getByTestId('unvotes-done-roll-calls').textContent()).toContain('Roll calls: 6 rows read — 6 new');
    expect(await page.getByTestId('unvotes-done-issues').textContent()).toContain('Issue codes: 6 rows read — 6 new');
    await page.getByText('23 votes by 4 states on 6 roll calls, sessions 70–71.').waitFor();

    const partners = page.getByTestId('partners');
    await partners.waitFor();
    // Malaysia and Japan tie (1 + ½ + 1 over the three human-rights votes each); the United States agreed on none.
    await expect.poll(() => partners.locator('tbody tr td:nth-child(2)').allTextContents()).toEqual(['🇯🇵 Japan', '🇲🇾 Malaysia', '🇺🇸 United States']);
    const firstRow = partners.locator('tbody tr', { hasText: 'Malaysia' });
    expect(await firstRow.textContent()).toContain('agreed on 83% of human-rights votes in sessions 70–71 (3 votes)');
    expect(await partners.locator('tbody tr', { hasText: 'United States' }).textContent()).toContain('agreed on 0% of human-rights votes');
    await shot(page, 'cooperation-ranking-en');
    await expectAccessible(page, 'ranking-en');

    await firstRow.getByRole('link', { name: /Malaysia/ }).click();
    await page.waitForURL(/\/insights\/countries\/MY\?topic=human-rights/);
    await page.getByRole('heading', { level: 1, name: /Malaysia/ }).waitFor();
    const issuesTable = page.getByTestId('issue-agreement');
    await expect.poll(() => issuesTable.getByRole('row', { name: /Human rights/ }).textContent()).toContain('83%');
    await page.getByTestId('profile-reasons').getByText(/agreed on 83% of human-rights votes/).waitFor();
    await page.getByRole('img', { name: tr('en', 'insightsCooperation.profile.trendDescription', { country: 'Malaysia', ours: 'Indonesia' }) }).waitFor();
    await shot(page, 'cooperation-profile-en');
    await expectAccessible(page, 'profile-en');
  });

  it('shows the same in Indonesian', async () => {
    const page = await signedIn('id');
    await page.goto('/insights/cooperation');
    await page.getByRole('heading', { level: 1, name: tr('id', 'insightsCooperation.title') }).waitFor();
    const firstRow = page.getByTestId('partners').locator('tbody tr', { hasText: 'Malaysia' });
    await expect.poll(() => firstRow.textContent()).toContain('bersuara sama pada 83% pemungutan suara tentang hak asasi manusia di sidang 70–71 (3 suara)');
    await page.getByText('23 suara dari 4 negara pada 6 pemungutan suara, sidang 70–71.').waitFor();
    await shot(page, 'cooperation-ranking-id');
    await expectAccessible(page, 'ranking-id');
    await firstRow.getByRole('link').click();
    await page.getByRole('heading', { level: 2, name: tr('id', 'insightsCooperation.profile.idealPoints') }).waitFor();
    await page.getByRole('heading', { level: 2, name: tr('id', 'insightsCooperation.profile.statements', { country: 'Malaysia' }) }).waitFor();
    await shot(page, 'cooperation-profile-id');
    await expectAccessible(page, 'profile-id');
  });

  it('fails a file with a bad line, naming it, and shows a large file importing live until it is done (English)', async () => {
    const page = await signedIn('en');
    await page.goto('/insights/cooperation');
    await page.getByRole('heading', { level: 1, name: tr('en', 'insightsCooperation.title') }).waitFor();
    const votesInput = page.locator('input[type="file"]').nth(2);
    const start = page.getByRole('button', { name: tr('en', 'insightsCooperation.import.start') });

    await votesInput.setInputFiles(path.join(dir, 'bad_votes.csv'));
    await start.click();
    const failed = page.getByTestId('unvotes-failed-votes');
    await failed.waitFor({ timeout: 30_000 });
    expect(await failed.textContent()).toBe(tr('en', 'insightsCooperation.import.failedLine', { name: 'bad_votes.csv', line: 3, column: 'vote', value: 'perhaps' }));
    await page.getByText('23 votes by 4 states on 6 roll calls, sessions 70–71.').waitFor();

    await votesInput.setInputFiles(path.join(dir, 'votes_1990s.csv'));
    await start.click();
    const samples = await watchProgress(page, 'en', 2);
    // The bar was drawn part-way (storing, between the start and the end), and the import ended well.
    expect(samples.some((s) => s.status === 'storing' && s.value !== null && s.value > 15 && s.value < 90), JSON.stringify(samples)).toBe(true);
    expect(samples.at(-1)?.status).toBe('done');
    const n = new Intl.NumberFormat('en-GB').format(largeRows);
    expect(await page.getByTestId('unvotes-done-votes').last().textContent()).toContain(`Votes: ${n} rows read — ${n} new, 0 changed, 0 unchanged.`);
    await page.getByText(`${new Intl.NumberFormat('en-GB').format(largeRows + 23)} votes by 104 states`).waitFor();
    await shot(page, 'cooperation-import-done-en');
    await expectAccessible(page, 'done-en');
  }, 180_000);

  it('shows the progress and the result of a large import in Indonesian', async () => {
    const page = await signedIn('id');
    await page.goto('/insights/cooperation');
    await page.getByRole('heading', { level: 1, name: tr('id', 'insightsCooperation.title') }).waitFor();
    await page.locator('input[type="file"]').nth(2).setInputFiles(path.join(dir, 'votes_2000s.csv.gz'));
    await page.getByRole('button', { name: tr('id', 'insightsCooperation.import.start') }).click();
    const samples = await watchProgress(page, 'id', 1);
    expect(samples.some((s) => s.status === 'storing' && s.value !== null && s.value > 15 && s.value < 90), JSON.stringify(samples)).toBe(true);
    const n = new Intl.NumberFormat('id-ID').format(largeRows);
    expect(await page.getByTestId('unvotes-done-votes').textContent()).toContain(`Suara: ${n} baris dibaca — ${n} baru, 0 berubah, 0 tetap.`);
    expect(await page.getByTestId('unvotes-done-votes').textContent()).toContain('3.000 pemungutan suara punya suara tetapi belum punya keterangan');
    // What is stored is told again once the import is done.
    await page.getByText(`${new Intl.NumberFormat('id-ID').format(2 * largeRows + 23)} suara dari 104 negara`).waitFor();
    await shot(page, 'cooperation-import-done-id');
    await expectAccessible(page, 'done-id');
  }, 180_000);
});
