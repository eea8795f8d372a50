import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { admin, csrfOf, type E2E, expectAccessible, newContext, screenshotDir, shot, startE2E } from './harness.ts';
import { tr } from './i18n.ts';

// A desk officer opens the daily brief of the organisation for the day the demo sample was
// collected: the top stories (the sample's near-duplicate story first) and the alerts, the two
// sections still to come marked as not configured; downloads the PDF in each language (the
// sample's Chinese and Arabic stories in it as written) and looks at it as an image; sets the
// e-mail schedule — in English and Indonesian, checked with axe.

let e2e: E2E;
const contexts: BrowserContext[] = [];
let unitId = '';
let day = '';

async function adminPage(lang: 'en' | 'id'): Promise<Page> {
  const context = await newContext(e2e, { width: 1280, height: 900, locale: lang === 'id' ? 'id-ID' : 'en-GB' });
  contexts.push(context);
  expect((await context.request.post('/api/v1/auth/login', { data: admin })).status()).toBe(200);
  expect((await context.request.patch('/api/v1/me', { data: { locale: lang }, headers: { 'x-csrf-token': await csrfOf(context) } })).status()).toBe(200);
  return context.newPage();
}

/** Downloads the PDF from the page, checks it is one, and turns its first page into a PNG to look at. */
async function downloadPdf(page: Page, lang: 'en' | 'id'): Promise<string> {
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: tr(lang, 'insightsBrief.downloadPdf') }).click()]);
  const file = path.join(screenshotDir, `insights-brief-${lang}.pdf`);
  await download.saveAs(file);
  expect(download.suggestedFilename()).toMatch(/^brief-.*\.pdf$/);
  const bytes = fs.readFileSync(file);
  expect(bytes.subarray(0, 5).toString()).toBe('%PDF-');
  execFileSync('pdftoppm', ['-png', '-r', '60', '-f', '1', '-l', '1', file, path.join(screenshotDir, `insights-brief-pdf-${lang}`)]);
  expect(fs.readdirSync(screenshotDir).some((f) => f.startsWith(`insights-brief-pdf-${lang}`) && f.endsWith('.png'))).toBe(true);
  return execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
}

beforeAll(async () => {
  e2e = await startE2E();
  fs.mkdirSync(screenshotDir, { recursive: true });
  const page = await adminPage('en');
  const units = (await (await page.request.get('/api/v1/units')).json()) as { items: { id: string; parentId: string | null; timeZone: string }[] };
  const root = units.items.find((u) => u.parentId === null);
  unitId = root?.id ?? '';
  // The demo sample was collected 25–40 minutes before start-up: its day in the unit's zone.
  day = new Intl.DateTimeFormat('en-CA', { timeZone: root?.timeZone ?? 'UTC', year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date(Date.now() - 40 * 60_000));
}, 240_000);

afterAll(async () => {
  for (const c of contexts) await c.close();
  await e2e?.close();
});

describe('the daily brief', () => {
  it('shows the day’s top stories and alerts, marks the sections still to come, and downloads the PDF (English)', async () => {
    const page = await adminPage('en');
    await page.goto('/insights');
    await page.getByRole('navigation', { name: tr('en', 'insights.nav.label') }).getByRole('link', { name: tr('en', 'insightsBrief.nav') }).click();
    await page.getByRole('heading', { level: 1, name: tr('en', 'insightsBrief.title') }).waitFor();
    await page.goto(`/insights/brief?unit=${unitId}&date=${day}`);
    const stories = page.locator('section', { has: page.getByRole('heading', { name: tr('en', 'insightsBrief.sections.top-stories') }) });
    await stories.getByText(tr('en', 'insightsBrief.figures.items')).waitFor();
    // The sample's story told by several accounts is the day's biggest.
    const first = stories.getByRole('listitem').first();
    await expect.poll(() => first.getByRole('link').getAttribute('href')).toMatch(/^\/listening\/items\//);
    expect(await stories.getByRole('img').getAttribute('aria-label')).toContain('00:00');
    await page.getByRole('heading', { name: tr('en', 'insightsBrief.sections.alerts') }).waitFor();
    // The demo workspace's country is Indonesia: the day's image index is there, with its figures.
    const image = page.locator('section', { has: page.getByRole('heading', { name: tr('en', 'insightsBrief.sections.image-index') }) });
    await image.getByText(tr('en', 'insightsBrief.figures.imageItems')).waitFor();
    const threats = page.locator('section', { has: page.getByRole('heading', { name: tr('en', 'insightsBrief.sections.threat-changes') }) });
    await threats.getByText(tr('en', 'insightsBrief.figures.monitorsWarning')).waitFor();
    await expectAccessible(page, 'page-en');
    await shot(page, 'insights-brief-en');
    const text = await downloadPdf(page, 'en');
    expect(text).toContain('Daily brief');
    expect(text).toContain('Top stories');
    expect(text).toContain('Threat monitors that changed');
    expect(text).toMatch(/Page 1 of \d/);
    // The sample's stories in Chinese and Arabic come out as written (embedded Noto fonts).
    expect(text).toContain('印度尼西亚与太平洋岛国同意联合巡逻');
    expect(text).toContain('إندونيسيا ودول المحيط الهادئ تتفق على دوريات مشتركة');
    expect(text).not.toContain('?');
  });

  it('sets the e-mail schedule, which stays after a reload', async () => {
    const page = await adminPage('en');
    await page.goto(`/insights/brief?unit=${unitId}&date=${day}`);
    await page.getByRole('heading', { name: tr('en', 'insightsBrief.schedule.title') }).waitFor();
    await page.getByRole('switch', { name: tr('en', 'insightsBrief.schedule.enabled') }).check({ force: true });
    await page.getByLabel(tr('en', 'insightsBrief.schedule.timeOfDay')).fill('06:45');
    await page.getByRole('radiogroup', { name: tr('en', 'insightsBrief.schedule.language') }).getByText(tr('en', 'insightsBrief.languages.id')).click();
    const addresses = page.getByRole('combobox', { name: tr('en', 'insightsBrief.schedule.addresses') });
    await addresses.fill('desk@ministry.example');
    await addresses.press('Enter');
    await page.getByRole('button', { name: tr('en', 'insightsBrief.schedule.save') }).click();
    await page.getByRole('status').filter({ hasText: tr('en', 'insightsBrief.schedule.saved') }).waitFor();
    await expectAccessible(page, 'schedule-en');
    await page.reload();
    await expect.poll(() => page.getByLabel(tr('en', 'insightsBrief.schedule.timeOfDay')).inputValue()).toBe('06:45');
    expect(await page.getByRole('switch', { name: tr('en', 'insightsBrief.schedule.enabled') }).isChecked()).toBe(true);
    await page.getByText('desk@ministry.example').waitFor();
    const saved = (await (await page.request.get(`/api/v1/insights/brief/schedule?unit=${unitId}`)).json()) as { enabled: boolean; language: string; addresses: string[] };
    expect(saved).toMatchObject({ enabled: true, language: 'id', addresses: ['desk@ministry.example'] });
  });

  it('reads in Indonesian, the PDF too', async () => {
    const page = await adminPage('id');
    await page.goto(`/insights/brief?unit=${unitId}&date=${day}`);
    await page.getByRole('heading', { level: 1, name: tr('id', 'insightsBrief.title') }).waitFor();
    await page.getByRole('heading', { name: tr('id', 'insightsBrief.sections.top-stories') }).waitFor();
    await page.getByText(tr('id', 'insightsBrief.figures.imageItems')).waitFor();
    await page.getByRole('heading', { name: tr('id', 'insightsBrief.schedule.title') }).waitFor();
    await expectAccessible(page, 'page-id');
    await shot(page, 'insights-brief-id');
    const text = await downloadPdf(page, 'id');
    expect(text).toContain('Ringkasan harian');
    expect(text).toContain('Berita utama');
    expect(text).toContain('Pemantau ancaman yang berubah');
    expect(text).toMatch(/Halaman 1 dari \d/);
  });
});
