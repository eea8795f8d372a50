import path from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { admin, createUserWithOwnPassword, type E2E, expectAccessible, type Lang, screenshotDir, shot, signedInContext, startE2E } from './harness.ts';
import { tr } from './i18n.ts';

// The ministry's topic taxonomy in Chromium against a real server with the demo sample: an analyst
// adds Indonesian keywords to "Maritime & security" and tries a text before saving, adds a topic,
// re-applies topics so the search page shows the new topic's own label, archives it and moves a
// topic; a reader who does not manage listening sees the list without any edit control. In English
// and Indonesian, at desktop and phone width.

// The default taxonomy's topics (packages/analysis DEFAULT_TAXONOMY): nine, then the six UN issues less human rights.
const seededTopics = 14;
const analyst = { email: 'analyst.topics@e2e.diplodesk', password: 'topics e2e password 2026' };
const reader = { email: 'reader.topics@e2e.diplodesk', password: 'topics e2e reader 2026' };
const sample = 'Nelayan tradisional di Natuna mengeluhkan penangkapan ikan ilegal oleh kapal asing di perairan mereka.';

type Topic = { id: string; key: string; labels: { en: string; id: string }; keywords: Record<string, string[]>; archivedAt: string | null };

let e2e: E2E;
let ctx: BrowserContext;
let page: Page;

const signedIn = (who: { email: string; password: string }, lang: Lang, width = 1280) => signedInContext(e2e, who, lang, { width });

const topicsOf = async (context: BrowserContext) => ((await (await context.request.get('/api/v1/listening/topics')).json()) as { items: Topic[] }).items;
const topicCard = (p: Page, name: string) => p.getByRole('article', { name, exact: true });

beforeAll(async () => {
  e2e = await startE2E();
  const adminCtx = await signedIn(admin, 'en');
  const units = (await (await adminCtx.request.get('/api/v1/units')).json()) as { items: { id: string; parentId: string | null }[] };
  const unitId = units.items.find((u) => u.parentId === null)?.id ?? '';
  for (const [who, name, role] of [
    [analyst, 'Tari Analyst', 'analyst'],
    [reader, 'Rudi Reader', 'editor'],
  ] as const) {
    await createUserWithOwnPassword(e2e, adminCtx, { email: who.email, displayName: name, password: who.password, locale: 'en', timeZone: 'Asia/Jakarta', memberships: [{ unitId, role }] });
  }
  await adminCtx.close();
  ctx = await signedIn(analyst, 'en');
  page = await ctx.newPage();
}, 90_000);

afterAll(async () => {
  await e2e?.close();
});

describe('listening topics', () => {
  it('lists the fourteen seeded topics', async () => {
    await page.goto('/listening/topics');
    await page.getByRole('heading', { level: 1, name: tr('en', 'listeningTopics.title') }).waitFor();
    await page.getByRole('heading', { level: 2, name: tr('en', 'listeningTopics.list.active_other', { count: seededTopics }) }).waitFor();
    for (const label of ['Maritime & security', 'Health', 'Diplomacy & cooperation']) await topicCard(page, label).waitFor();
    await expectAccessible(page, 'list');
    await shot(page, 'listening-topics-en-desktop-list');
  });

  it('adds Indonesian keywords to "Maritime & security", tries a text, and saves', async () => {
    await page.getByRole('button', { name: tr('en', 'listeningTopics.list.editNamed', { name: 'Maritime & security' }) }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByRole('heading', { name: tr('en', 'listeningTopics.editor.editTitle', { name: 'Maritime & security' }) }).waitFor();
    const indonesian = dialog.getByLabel('Indonesian (id)', { exact: true });
    // A lone * is refused with its reason.
    await indonesian.fill('*');
    await indonesian.press('Enter');
    await dialog.getByText(tr('en', 'listeningTopics.keywordProblems.lone-wildcard', { keyword: '*' })).waitFor();
    for (const keyword of ['nelayan', 'penangkapan ikan']) {
      await indonesian.fill(keyword);
      await indonesian.press('Enter');
    }

    // The unsaved draft already scores the sample, naming the keywords it found.
    await dialog.getByLabel(tr('en', 'listeningTopics.tester.text')).fill(sample);
    await dialog.getByLabel(tr('en', 'listeningTopics.tester.language'), { exact: true }).first().click();
    await page.getByRole('option', { name: 'Indonesian (id)' }).click();
    const found = dialog.locator('[aria-live="polite"]');
    await found.getByText('Maritime & security').waitFor();
    for (const keyword of ['nelayan', 'penangkapan ikan', 'natuna', 'kapal']) await found.getByText(keyword, { exact: true }).waitFor();
    await found.getByText(tr('en', 'listeningTopics.tester.assigned')).first().waitFor();
    await expectAccessible(page, 'editor');
    await found.scrollIntoViewIfNeeded();
    await page.screenshot({ path: path.join(screenshotDir, 'listening-topics-en-desktop-editor.png') });

    await dialog.getByRole('button', { name: tr('en', 'listeningTopics.editor.save') }).click();
    await page.getByRole('dialog').waitFor({ state: 'detached' });
    const maritime = (await topicsOf(ctx)).find((t) => t.key === 'maritime-security');
    expect(maritime?.keywords.id).toEqual(expect.arrayContaining(['nelayan', 'penangkapan ikan']));
    expect(maritime?.keywords.id).not.toContain('*');
  });

  it('creates a topic, re-applies topics, and the search page shows its own label', async () => {
    await page.getByRole('button', { name: tr('en', 'listeningTopics.add') }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel(tr('en', 'listeningTopics.editor.labelEn'), { exact: false }).fill('Fisheries');
    await dialog.getByLabel(tr('en', 'listeningTopics.editor.labelId'), { exact: false }).fill('Perikanan');
    await dialog.getByLabel('Indonesian (id)', { exact: true }).fill('ikan, nelayan');
    await dialog.getByLabel('Indonesian (id)', { exact: true }).press('Enter');
    await dialog.getByLabel('English (en)', { exact: true }).fill('fish*');
    await dialog.getByLabel('English (en)', { exact: true }).press('Enter');
    await dialog.getByRole('button', { name: tr('en', 'listeningTopics.editor.create') }).click();
    await page.getByRole('dialog').waitFor({ state: 'detached' });
    await topicCard(page, 'Fisheries').waitFor();
    expect((await topicsOf(ctx)).find((t) => t.key === 'fisheries')?.keywords).toEqual({ en: ['fish*'], id: ['ikan', 'nelayan'] });

    // Re-apply over the last 7 days: the demo sample's fishing story gets the new topic.
    // The segmented control's radios are visually hidden behind their labels.
    await page.locator('label', { hasText: tr('en', 'listeningTopics.reapply.periods.7d') }).click();
    await expect.poll(() => page.getByRole('radio', { name: tr('en', 'listeningTopics.reapply.periods.7d') }).isChecked()).toBe(true);
    await page.getByRole('button', { name: tr('en', 'listeningTopics.reapply.start') }).click();
    await page.getByText(/^Finished /).waitFor({ timeout: 30_000 });
    await expect.poll(async () => (await topicsOf(ctx)).length).toBe(seededTopics + 1);
    await expectAccessible(page, 'reapplied');
    await shot(page, 'listening-topics-en-desktop-reapplied');

    await page.goto('/listening');
    const topicFacet = page.getByRole('group', { name: tr('en', 'listening.facets.topic') });
    await topicFacet.getByRole('checkbox', { name: /^Fisheries/ }).waitFor({ timeout: 15_000 });
    await shot(page, 'listening-topics-en-desktop-search-facet');
  });

  it('archives the new topic and moves another one up', async () => {
    await page.goto('/listening/topics');
    await page.getByRole('button', { name: tr('en', 'listeningTopics.list.archiveNamed', { name: 'Fisheries' }) }).click();
    const confirm = page.getByRole('dialog');
    await confirm.getByText(tr('en', 'listeningTopics.archiveConfirm.message')).waitFor();
    await confirm.getByRole('button', { name: tr('en', 'listeningTopics.list.archive') }).click();
    await page.getByRole('heading', { level: 2, name: tr('en', 'listeningTopics.list.archived_one', { count: 1 }) }).waitFor();
    await topicCard(page, 'Fisheries').getByText(tr('en', 'listeningTopics.list.archivedBadge')).waitFor();
    await page.getByRole('button', { name: tr('en', 'listeningTopics.list.restoreNamed', { name: 'Fisheries' }) }).waitFor();
    expect((await topicsOf(ctx)).find((t) => t.key === 'fisheries')?.archivedAt).toBeTruthy();

    await page.getByRole('button', { name: tr('en', 'listeningTopics.list.moveUpNamed', { name: 'Health' }) }).click();
    await expect.poll(async () => (await topicsOf(ctx)).findIndex((t) => t.key === 'health')).toBe(2);
    await expectAccessible(page, 'archived');
    await shot(page, 'listening-topics-en-desktop-archived');

    // The archived topic still has its label where items carry it.
    await page.goto('/listening');
    await page.getByRole('group', { name: tr('en', 'listening.facets.topic') }).getByRole('checkbox', { name: /^Fisheries/ }).waitFor({ timeout: 15_000 });
  });

  it('shows a reader who does not manage listening no edit control', async () => {
    const context = await signedIn(reader, 'en');
    const p = await context.newPage();
    await p.goto('/listening/topics');
    await p.getByRole('heading', { level: 1, name: tr('en', 'listeningTopics.title') }).waitFor();
    await topicCard(p, 'Maritime & security').waitFor();
    await p.getByText(tr('en', 'listeningTopics.introReadOnly')).waitFor();
    expect(await p.getByRole('button', { name: tr('en', 'listeningTopics.add') }).count()).toBe(0);
    expect(await p.getByRole('button', { name: /^Edit |^Archive |^Restore |^Move / }).count()).toBe(0);
    expect(await p.getByRole('button', { name: tr('en', 'listeningTopics.reapply.start') }).count()).toBe(0);
    // Reading the keywords and trying a text remain open to them.
    await p.getByRole('button', { name: tr('en', 'listeningTopics.list.showKeywordsNamed', { name: 'Maritime & security' }) }).click();
    await topicCard(p, 'Maritime & security').getByText('nelayan', { exact: true }).waitFor();
    await p.getByLabel(tr('en', 'listeningTopics.tester.text')).fill('Vaccine doses arrived at hospitals across the Pacific islands this week, health officials said.');
    await p.locator('[aria-live="polite"]').getByText('Health', { exact: true }).waitFor();
    await expectAccessible(p, 'reader');
    await shot(p, 'listening-topics-en-desktop-reader');
    await context.close();
  });

  it('reads well in Indonesian and at phone width', async () => {
    for (const [lang, width, label] of [
      ['id', 1280, 'desktop'],
      ['id', 375, 'phone'],
      ['en', 375, 'phone'],
    ] as const) {
      const context = await signedIn(analyst, lang, width);
      const p = await context.newPage();
      await p.goto('/listening/topics');
      await p.getByRole('heading', { level: 1, name: tr(lang, 'listeningTopics.title') }).waitFor();
      await topicCard(p, lang === 'id' ? 'Maritim & keamanan' : 'Maritime & security').waitFor();
      await p.getByLabel(tr(lang, 'listeningTopics.tester.text')).fill(sample);
      await p.locator('[aria-live="polite"]').getByText('nelayan', { exact: true }).waitFor();
      await expectAccessible(p, `${lang}-${label}-list`);
      await shot(p, `listening-topics-${lang}-${label}-list`);
      if (width < 800) await p.screenshot({ path: path.join(screenshotDir, `listening-topics-${lang}-${label}-list-top.png`) });
      await p.getByRole('button', { name: tr(lang, 'listeningTopics.list.editNamed', { name: lang === 'id' ? 'Kesehatan' : 'Health' }) }).click();
      const dialog = p.getByRole('dialog');
      await dialog.getByLabel(tr(lang, 'listeningTopics.editor.labelId'), { exact: false }).waitFor();
      await expectAccessible(p, `${lang}-${label}-editor`);
      await p.screenshot({ path: path.join(screenshotDir, `listening-topics-${lang}-${label}-editor.png`) });
      await dialog.getByRole('button', { name: tr(lang, 'common.cancel') }).click();
      // Nothing may push the page wider than the screen.
      const overflow = await p.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      expect(overflow, `${lang}-${label} horizontal overflow`).toBeLessThanOrEqual(0);
      await context.close();
    }
  });
});
