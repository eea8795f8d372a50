import { makeEventLine } from '@diplodesk/connector-gdelt/fake';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { admin, csrfOf, type E2E, expectAccessible, type Lang, shot, signedInContext, startE2E } from './harness.ts';
import { tr } from './i18n.ts';

// An analyst watches a threat monitor on Ukraine fed by GDELT events through the ingest path (a
// GDELT export file read by a `gdelt` source): four weeks of one to three clashes a day, then many today.
// The monitor warns on the list, the world map colours Ukraine and a click on it opens the listening
// search for Ukraine over the period; the monitor's page shows the forecast band, the warning and
// the events by kind — in English and Indonesian, checked with axe. A seeded monitor's warning reads
// in Indonesian in the Indonesian inbox (its seeded name in both languages), and its form names
// recipients and quiet hours with the alert rule's fields.

const DAY = 86_400_000;
const MONITOR = 'Ukraine watch';
const SEEDED = { en: 'Terrorism & violent extremism', id: 'Terorisme & ekstremisme kekerasan' };
let e2e: E2E;
let importDir: string;
let monitorId: string;
let ctx: BrowserContext;
let page: Page;

const stamp = (at: Date) => at.toISOString().replace(/[-:T]/g, '').slice(0, 14);

const signedIn = (lang: Lang) => signedInContext(e2e, admin, lang, { height: 1000 });

/** Events in Ukraine (FIPS UP): one to three a day for four weeks, fourteen today; two protests in Indonesia today. */
function exportFile(): string {
  const now = Date.now();
  const today = Math.floor(now / DAY) * DAY;
  const todayAt = (i: number) => new Date(Math.max(today + 60_000 * (i + 1), now - 3_600_000 + i * 60_000));
  const lines: string[] = [];
  let n = 0;
  const event = (at: Date, root: '14' | '18' | '19', goldstein: string, fips: 'UP' | 'ID', place: string) => {
    n++;
    lines.push(
      makeEventLine({
        GLOBALEVENTID: String(1_300_000_000 + n),
        SQLDATE: stamp(at).slice(0, 8),
        Actor1Code: fips === 'UP' ? 'UKRMIL' : 'IDNCVL',
        Actor1Name: `GROUP ${n}`,
        Actor1CountryCode: fips === 'UP' ? 'UKR' : 'IDN',
        Actor2Code: '',
        Actor2Name: '',
        Actor2CountryCode: '',
        EventCode: `${root}0`,
        EventBaseCode: `${root}0`,
        EventRootCode: root,
        QuadClass: '4',
        GoldsteinScale: goldstein,
        ActionGeo_Type: '4',
        ActionGeo_FullName: place,
        ActionGeo_CountryCode: fips,
        ActionGeo_ADM1Code: fips,
        DATEADDED: stamp(at),
        SOURCEURL: `https://news.example.org/events/${n}`,
      }),
    );
  };
  // One to three a day, irregularly: a history with some spread, so the band has a width.
  const perDay = [2, 1, 3, 2, 2, 1, 3, 1, 2, 3, 1, 2, 2, 3, 1, 1, 2, 3, 2, 1, 2, 3, 1, 2, 1, 3, 2];
  for (let d = 27; d >= 1; d--) {
    for (let k = 0; k < (perDay[d - 1] ?? 1); k++) event(new Date(today - d * DAY + (9 + 3 * k) * 3_600_000), k % 2 ? '18' : '19', k % 2 ? '-9' : '-10', 'UP', k % 2 ? 'Kharkiv, Ukraine' : 'Donetsk, Ukraine');
  }
  for (let i = 0; i < 14; i++) event(todayAt(i), '19', '-10', 'UP', 'Donetsk, Ukraine');
  for (let i = 0; i < 2; i++) event(todayAt(20 + i), '14', '-6.5', 'ID', 'Jakarta, Indonesia');
  return `${lines.join('\n')}\n`;
}

beforeAll(async () => {
  importDir = fs.mkdtempSync(path.join(os.tmpdir(), 'diplodesk-gdelt-'));
  fs.writeFileSync(path.join(importDir, 'conflict.export.CSV'), exportFile());
  e2e = await startE2E({ env: { GDELT_IMPORT_DIR: importDir } });
  const adminCtx = await signedIn('en');
  const headers = { 'x-csrf-token': await csrfOf(adminCtx) };
  const units = (await (await adminCtx.request.get('/api/v1/units')).json()) as { items: { id: string; parentId: string | null }[] };
  const unitId = units.items.find((u) => u.parentId === null)?.id ?? '';
  const created = await adminCtx.request.post('/api/v1/insights/monitors', { data: { unitId, name: MONITOR, countries: ['UA'] }, headers });
  expect(created.status(), await created.text()).toBe(201);
  monitorId = ((await created.json()) as { id: string }).id;
  const source = await adminCtx.request.post('/api/v1/listening/sources', { data: { unitId, connector: 'gdelt', name: 'GDELT conflict file', config: { mode: 'file', path: 'conflict.export.CSV' }, intervalSeconds: 60 }, headers });
  expect(source.status(), await source.text()).toBe(201);
  // The worker reads the file; the rollups count the events; the monitor is evaluated after the batch or within the minute.
  // The seeded terrorism monitor watches conflict events the world over: it warns on the same file.
  const deadline = Date.now() + 120_000;
  for (;;) {
    const list = (await (await adminCtx.request.get('/api/v1/insights/monitors')).json()) as { items: { id: string; key: string | null; warning: unknown }[] };
    if (list.items.find((m) => m.id === monitorId)?.warning && list.items.find((m) => m.key === 'terrorism-extremism')?.warning) break;
    if (Date.now() > deadline) throw new Error('the monitor did not warn within two minutes');
    await new Promise((r) => setTimeout(r, 1000));
  }
  await adminCtx.close();
  ctx = await signedIn('en');
  page = await ctx.newPage();
}, 240_000);

afterAll(async () => {
  await e2e?.close();
  if (importDir) fs.rmSync(importDir, { recursive: true, force: true });
});

/** Clicks the middle of the country drawn in the map's darkest colour (the one with the most). */
async function clickTopCountry(p: Page) {
  const map = p.locator('[data-map-ready="true"]');
  await map.waitFor();
  // Coordinates are the viewport's: the map must be on screen.
  await map.scrollIntoViewIfNeeded();
  const centre = () =>
    map.evaluate((el) => {
      // The largest shape in that colour: the country, not a legend mark.
      const rects = [...el.querySelectorAll('path')].filter((path) => getComputedStyle(path).fill === 'rgb(48, 83, 159)').map((path) => path.getBoundingClientRect());
      const r = rects.sort((x, y) => y.width * y.height - x.width * x.height)[0];
      return r ? { x: r.x + r.width / 2, y: r.y + r.height / 2 } : null;
    });
  await expect.poll(centre).not.toBeNull();
  const box = await centre();
  if (!box) throw new Error('no country coloured');
  await p.mouse.click(box.x, box.y);
}

describe('threat monitors', () => {
  it('list the monitor as warning, and colour its country on the world map', async () => {
    await page.goto('/insights');
    await page.getByRole('navigation', { name: tr('en', 'insights.nav.label') }).getByRole('link', { name: tr('en', 'insightsMonitors.nav') }).click();
    await page.getByRole('heading', { level: 1, name: tr('en', 'insightsMonitors.title') }).waitFor();
    const row = page.getByRole('row', { name: new RegExp(MONITOR) });
    await row.getByText(tr('en', 'insightsMonitors.state.warning'), { exact: true }).waitFor();
    await expect(row.getByRole('img', { name: new RegExp(`^${MONITOR}: \\d+ items in the last 14 days$`) }).count()).resolves.toBe(1);
    // Default monitors of the workspace are there too.
    await page.getByRole('row', { name: /Terrorism & violent extremism/ }).waitFor();
    await page.getByLabel(tr('en', 'insightsMonitors.map.monitor')).first().click();
    await page.getByRole('option', { name: MONITOR }).click();
    await page.locator('[data-map-ready="true"]').waitFor();
    await page.getByRole('table', { name: tr('en', 'insightsMonitors.map.tableLabel') }).getByRole('link', { name: /Ukraine/ }).waitFor();
    await shot(page, 'insights-monitors-en');
    await expectAccessible(page, 'list-en');
  });

  it('opens the listening search for the country clicked on the map', async () => {
    await clickTopCountry(page);
    await page.waitForURL(/\/listening\?countries=UA&from=.*&to=/);
    const url = new URL(page.url());
    expect(url.searchParams.has('topics')).toBe(false);
    const from = new Date(url.searchParams.get('from') ?? '');
    const to = new Date(url.searchParams.get('to') ?? '');
    expect(Math.round((to.getTime() - from.getTime()) / DAY)).toBe(28);
    await page.getByText(/opened from a chart/).waitFor();
    await shot(page, 'insights-monitors-drilldown-en');
    const results = page.locator('section[aria-labelledby="results-heading"] article');
    await expect.poll(() => results.count()).toBeGreaterThan(0);
  });

  it("shows the monitor's forecast band, its warning and the events by kind", async () => {
    await page.goto(`/insights/monitors/${monitorId}`);
    await page.getByRole('heading', { level: 1, name: MONITOR }).waitFor();
    await page.getByRole('alert').filter({ hasText: tr('en', 'insightsMonitors.state.warning') }).waitFor();
    const chart = page.getByRole('img', { name: tr('en', 'insightsMonitors.chart.itemsDescription', { name: MONITOR }) });
    await chart.waitFor();
    // The band: the shaded 80 % interval (orange) is drawn over yesterday, today and the week ahead.
    await expect.poll(() => chart.evaluate((el) => [...el.querySelectorAll('path')].filter((p) => getComputedStyle(p).fill === 'rgb(230, 159, 0)').length)).toBeGreaterThan(0);
    await expect.poll(() => chart.evaluate((el) => el.textContent ?? '')).toContain(tr('en', 'insightsMonitors.chart.band'));
    const events = page.getByRole('region', { name: tr('en', 'insightsMonitors.events.title') });
    await events.getByRole('row', { name: /Fighting \(19\).*Ukraine/ }).waitFor();
    await events.getByRole('row', { name: /Assault \(18\).*Ukraine/ }).waitFor();
    expect(await events.getByText(/Indonesia/).count()).toBe(0);
    await page.locator('[data-map-ready="true"]').waitFor();
    await shot(page, 'insights-monitor-detail-en');
    await expectAccessible(page, 'detail-en');
  });

  it('reads in Indonesian, and the warning is in the alerts inbox', async () => {
    const idCtx = await signedIn('id');
    const p = await idCtx.newPage();
    await p.goto('/insights/monitors');
    await p.getByRole('heading', { level: 1, name: tr('id', 'insightsMonitors.title') }).waitFor();
    await p.getByRole('row', { name: new RegExp(MONITOR) }).getByText(tr('id', 'insightsMonitors.state.warning'), { exact: true }).waitFor();
    await p.getByRole('row', { name: /Terorisme & ekstremisme kekerasan/ }).waitFor();
    await p.locator('[data-map-ready="true"]').waitFor();
    await shot(p, 'insights-monitors-id');
    await expectAccessible(p, 'list-id');
    await p.goto(`/insights/monitors/${monitorId}`);
    await p.getByRole('img', { name: tr('id', 'insightsMonitors.chart.itemsDescription', { name: MONITOR }) }).waitFor();
    await p.getByRole('region', { name: tr('id', 'insightsMonitors.events.title') }).getByRole('row', { name: /Pertempuran \(19\)/ }).waitFor();
    await shot(p, 'insights-monitor-detail-id');
    await expectAccessible(p, 'detail-id');
    await p.goto('/insights/alerts');
    await p.getByText(tr('id', 'insights.rules.kinds.forecast-band')).first().waitFor();
    await p.getByRole('link', { name: tr('id', 'insightsMonitors.openMonitor') }).first().waitFor();
    // The seeded monitor's warning: its Indonesian name, what raised it, and why as the monitors page says it.
    const seeded = p.getByRole('article', { name: SEEDED.id });
    await seeded.waitFor();
    await seeded.getByText(`${tr('id', 'insightsMonitors.alertSource')} · ${tr('id', 'insights.rules.kinds.forecast-band')}`).waitFor();
    await seeded.getByText(new RegExp(`^${tr('id', 'insightsMonitors.warning.metric.intensity')} pada .+: .+, di atas pita prakiraan \\(`)).waitFor();
    expect(await p.getByRole('article', { name: SEEDED.en }).count()).toBe(0);
    await shot(p, 'insights-monitor-alert-id');
    await expectAccessible(p, 'inbox-id');
    await idCtx.close();
  });

  it("names a monitor's recipients and quiet hours with the rule form's fields", async () => {
    const idCtx = await signedIn('id');
    const p = await idCtx.newPage();
    await p.goto('/insights/monitors');
    await p.getByRole('button', { name: tr('id', 'insightsMonitors.edit', { name: SEEDED.id }) }).click();
    const dialog = p.getByRole('dialog', { name: tr('id', 'insightsMonitors.editTitle') });
    await expect.poll(() => dialog.getByLabel(tr('id', 'insightsMonitors.form.name')).inputValue()).toBe(SEEDED.id);
    await dialog.getByText(tr('id', 'insights.rules.form.delivery'), { exact: true }).waitFor();
    const addresses = dialog.getByLabel(tr('id', 'insights.rules.form.emailAddresses'), { exact: true });
    await addresses.fill('meja@kemlu.example');
    await addresses.press('Enter');
    await dialog.getByLabel(tr('id', 'insights.rules.form.notifyWebhooks')).check();
    await dialog.getByLabel(tr('id', 'insights.rules.form.quiet')).check();
    await dialog.getByText(tr('id', 'insights.rules.form.quietHelp', { zone: 'UTC' })).waitFor();
    await shot(p, 'insights-monitor-form-id');
    await expectAccessible(p, 'form-id');
    await dialog.getByRole('button', { name: tr('id', 'insightsMonitors.form.save') }).click();
    await dialog.waitFor({ state: 'hidden' });
    const list = (await (await idCtx.request.get('/api/v1/insights/monitors')).json()) as { items: { key: string | null; labels: unknown; emailAddresses: string[]; notifyWebhooks: boolean; quietFrom: string | null; quietTo: string | null }[] };
    // Saved without renaming: the seeded name in both languages stays.
    expect(list.items.find((m) => m.key === 'terrorism-extremism')).toMatchObject({ labels: SEEDED, emailAddresses: ['meja@kemlu.example'], notifyWebhooks: true, quietFrom: '22:00', quietTo: '07:00' });
    await idCtx.close();
  });
});
