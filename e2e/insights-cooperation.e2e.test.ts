import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { admin, type E2E, newContext, seriousA11yViolations, shot, startE2E } from './harness.ts';
import { tr } from './i18n.ts';

// An administrator imports a small set of UN votes in the browser (the votes gzipped), sees the
// partners for human rights ranked with their reasons, and opens Malaysia's profile — in English
// and Indonesian. The votes are made up for the test and exist only in its data folder.

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

const csrfOf = async (context: BrowserContext) => (await context.cookies()).find((c) => c.name === 'dd_csrf')?.value ?? '';

async function signedIn(lang: 'en' | 'id'): Promise<Page> {
  const context = await newContext(e2e, { width: 1280, height: 900, locale: lang === 'id' ? 'id-ID' : 'en-GB' });
  contexts.push(context);
  expect((await context.request.post('/api/v1/auth/login', { data: admin })).status()).toBe(200);
  expect((await context.request.patch('/api/v1/me', { data: { locale: lang }, headers: { 'x-csrf-token': await csrfOf(context) } })).status()).toBe(200);
  return context.newPage();
}

async function accessible(p: Page, label: string) {
  const violations = await seriousA11yViolations(p);
  if (violations.length > 0) await shot(p, `a11y-failure-cooperation-${label}`);
  expect(violations, label).toEqual([]);
}

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'unvotes-e2e-'));
  fs.writeFileSync(path.join(dir, 'roll_calls.csv'), rollCalls);
  fs.writeFileSync(path.join(dir, 'issues.csv'), issues);
  fs.writeFileSync(path.join(dir, 'un_votes.csv.gz'), gzipSync(votes));
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
    const done = page.getByTestId('unvotes-done-votes');
    await done.waitFor({ timeout: 30_000 });
    expect(await done.textContent()).toContain('Votes: 24 rows read — 23 new, 0 changed, 0 unchanged.');
    await page.getByText('23 votes by 4 states on 6 roll calls, sessions 70–71.').waitFor();

    const partners = page.getByTestId('partners');
    await partners.waitFor();
    // Malaysia and Japan tie (1 + ½ + 1 over the three human-rights votes each); the United States agreed on none.
    await expect.poll(() => partners.locator('tbody tr td:nth-child(2)').allTextContents()).toEqual(['🇯🇵 Japan', '🇲🇾 Malaysia', '🇺🇸 United States']);
    const firstRow = partners.locator('tbody tr', { hasText: 'Malaysia' });
    expect(await firstRow.textContent()).toContain('agreed on 83% of human-rights votes in sessions 70–71 (3 votes)');
    expect(await partners.locator('tbody tr', { hasText: 'United States' }).textContent()).toContain('agreed on 0% of human-rights votes');
    await shot(page, 'cooperation-ranking-en');
    await accessible(page, 'ranking-en');

    await firstRow.getByRole('link', { name: /Malaysia/ }).click();
    await page.waitForURL(/\/insights\/countries\/MY\?topic=human-rights/);
    await page.getByRole('heading', { level: 1, name: /Malaysia/ }).waitFor();
    const issuesTable = page.getByTestId('issue-agreement');
    await expect.poll(() => issuesTable.getByRole('row', { name: /Human rights/ }).textContent()).toContain('83%');
    await page.getByTestId('profile-reasons').getByText(/agreed on 83% of human-rights votes/).waitFor();
    await page.getByRole('img', { name: tr('en', 'insightsCooperation.profile.trendDescription', { country: 'Malaysia', ours: 'Indonesia' }) }).waitFor();
    await shot(page, 'cooperation-profile-en');
    await accessible(page, 'profile-en');
  });

  it('shows the same in Indonesian', async () => {
    const page = await signedIn('id');
    await page.goto('/insights/cooperation');
    await page.getByRole('heading', { level: 1, name: tr('id', 'insightsCooperation.title') }).waitFor();
    const firstRow = page.getByTestId('partners').locator('tbody tr', { hasText: 'Malaysia' });
    await expect.poll(() => firstRow.textContent()).toContain('bersuara sama pada 83% pemungutan suara tentang hak asasi manusia di sidang 70–71 (3 suara)');
    await page.getByText('23 suara dari 4 negara pada 6 pemungutan suara, sidang 70–71.').waitFor();
    await shot(page, 'cooperation-ranking-id');
    await accessible(page, 'ranking-id');
    await firstRow.getByRole('link').click();
    await page.getByRole('heading', { level: 2, name: tr('id', 'insightsCooperation.profile.idealPoints') }).waitFor();
    await page.getByRole('heading', { level: 2, name: tr('id', 'insightsCooperation.profile.statements', { country: 'Malaysia' }) }).waitFor();
    await shot(page, 'cooperation-profile-id');
    await accessible(page, 'profile-id');
  });
});
