import fs from 'node:fs';
import path from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { repoRoot } from '../server/src/test/cli-process.ts';
import { admin, createUserWithOwnPassword, type E2E, type Lang, screenshotDir, seriousA11yViolations, shot, signedInContext, startE2E } from './harness.ts';
import { tr } from './i18n.ts';

// The Statements desk end to end: an editor drafts in Indonesian and English, submits, two
// approvers clear it through the organisation's default two-step chain, the editor publishes and
// finds the newsroom page and the word diff — in Chromium against a real server.

type Tree = { [key: string]: string | Tree };
const catalogues: Record<Lang, Tree> = {
  en: JSON.parse(fs.readFileSync(path.join(repoRoot, 'web/src/locales/en/statements.json'), 'utf8')) as Tree,
  id: JSON.parse(fs.readFileSync(path.join(repoRoot, 'web/src/locales/id/statements.json'), 'utf8')) as Tree,
};
/** A Statements desk text in the given language (keys without the `statements.` prefix). */
function st(lang: Lang, key: string, vars: Record<string, string | number> = {}): string {
  let node: string | Tree | undefined = catalogues[lang];
  for (const part of key.split('.')) node = typeof node === 'object' ? node[part] : undefined;
  if (typeof node !== 'string') throw new Error(`no ${lang} text for statements.${key}`);
  return node.replace(/\{\{(\w+)\}\}/g, (_, v: string) => String(vars[v] ?? ''));
}

const password = 'statements desk e2e 2026';
const editorUser = { email: 'editor.desk@e2e.diplodesk', password };
const approverUser = { email: 'approver.desk@e2e.diplodesk', password };

let e2e: E2E;
let adminCtx: BrowserContext;
let statementId = '';

const signedIn = (who: { email: string; password: string }, lang: Lang, width: number) => signedInContext(e2e, who, lang, { width });

async function settle(page: Page) {
  await page.evaluate(async () => {
    await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
    await Promise.all(document.getAnimations().map((a) => a.finished.catch(() => undefined)));
  });
}

async function accessible(page: Page, label: string) {
  await settle(page);
  const violations = await seriousA11yViolations(page);
  if (violations.length > 0) await shot(page, `a11y-failure-statements-${label}`);
  expect(violations, label).toEqual([]);
}

async function snap(page: Page, name: string) {
  await settle(page);
  await shot(page, `statements-${name}`);
}

beforeAll(async () => {
  e2e = await startE2E();
  adminCtx = await signedIn(admin, 'en', 1280);
  const units = (await (await adminCtx.request.get('/api/v1/units')).json()) as { items: { id: string; parentId: string | null }[] };
  const root = units.items.find((u) => u.parentId === null);
  if (!root) throw new Error('no root unit');
  for (const [user, role, name, locale] of [
    [editorUser, 'editor', 'Rina Editor', 'en'],
    [approverUser, 'approver', 'Bima Approver', 'id'],
  ] as const) {
    await createUserWithOwnPassword(e2e, adminCtx, { email: user.email, displayName: name, password: user.password, locale, timeZone: 'Asia/Jakarta', memberships: [{ unitId: root.id, role }] });
  }
}, 60_000);
afterAll(() => e2e?.close());

describe('statements desk', () => {
  it('drafts in Indonesian and English, clears through two steps, publishes and shows the diff', async () => {
    const editor = await (await signedIn(editorUser, 'en', 1280)).newPage();

    // New statement, Indonesian first.
    await editor.goto('/statements/new');
    await editor.getByRole('heading', { name: st('en', 'new.title'), level: 1 }).waitFor();
    await editor.getByRole('link', { name: st('en', 'areaNav.inbox') }).waitFor();
    await accessible(editor, 'new');
    await snap(editor, 'new-en-desktop');
    const language = editor.getByLabel(new RegExp(`^${st('en', 'fields.primaryLanguage')}( \\*)?$`)).first();
    await language.click();
    await editor.getByRole('option', { name: /\(id\)$/ }).click();
    // Without a title nothing is created; the limits are shown before saving.
    const title = editor.getByLabel(new RegExp(`^${st('en', 'fields.title')}( \\*)?$`));
    await editor.getByRole('button', { name: st('en', 'new.create') }).click();
    await editor.getByText(tr('en', 'common.required')).waitFor();
    expect(editor.url()).toMatch(/\/statements\/new$/);
    await editor.getByText(tr('en', 'common.characterCount', { count: 0, max: '300' })).waitFor();
    await title.fill('T'.repeat(301));
    await editor.getByText(tr('en', 'common.tooLong', { max: '300' })).waitFor();
    await title.fill('Pernyataan tentang kerja sama maritim');
    await editor.getByText(tr('en', 'common.characterCount', { count: 37, max: '300' })).waitFor();
    await editor.getByLabel(st('en', 'fields.body'), { exact: true }).fill('Indonesia menyambut baik kesepakatan kerja sama maritim.\n\nKami berkomitmen pada laut yang aman.');
    await editor.getByRole('button', { name: st('en', 'new.create') }).click();
    await editor.waitForURL(/\/statements\/[0-9a-f-]{36}$/);
    statementId = editor.url().split('/').pop() ?? '';

    // Add English and save: version 2.
    await editor.getByRole('combobox', { name: st('en', 'editor.addLanguage') }).fill('en');
    await editor.getByRole('button', { name: st('en', 'editor.add'), exact: true }).click();
    await editor.getByLabel(st('en', 'fields.titleIn', { language: 'English' })).fill('Statement on maritime cooperation');
    await editor.getByLabel(st('en', 'fields.bodyIn', { language: 'English' })).fill('Indonesia welcomes the maritime cooperation agreement.\n\nWe are committed to safe and open seas.');
    // No account is connected, yet a text for X can be prepared: counted as X counts, previewed as X shows it.
    await editor.getByRole('switch', { name: st('en', 'variants.prepareHere', { platform: 'X' }) }).check();
    await editor.getByText(st('en', 'variants.notConnected', { platform: 'X' })).waitFor();
    const xText = editor.getByLabel(st('en', 'variants.text', { account: st('en', 'variants.platformLabel', { platform: 'X' }) }));
    await xText.fill('Indonesia menyambut baik kesepakatan kerja sama maritim. #LautAman');
    await editor.getByTestId('variant-x').getByTestId('variant-counter').filter({ hasText: '/ 280' }).waitFor();
    const preview = editor.getByRole('figure', { name: st('en', 'variants.preview', { platform: 'X' }) });
    await preview.getByText('#LautAman').waitFor();
    await preview.getByText(st('en', 'variants.handlePlaceholder')).waitFor();
    await preview.getByText(st('en', 'variants.previewLinkReply')).waitFor();
    await editor.getByLabel(st('en', 'editor.note')).fill('English added');
    await editor.getByRole('button', { name: st('en', 'editor.save'), exact: true }).click();
    await editor.getByText(st('en', 'editor.saved', { version: 2 })).waitFor();
    await accessible(editor, 'editor');
    await snap(editor, 'editor-en-desktop');

    // Submit for clearance.
    await editor.getByRole('button', { name: st('en', 'actions.submit') }).click();
    const dialog = editor.getByRole('dialog');
    await dialog.getByRole('button', { name: st('en', 'actions.submit') }).click();
    await editor.getByText(st('en', 'status.in-clearance')).first().waitFor();

    // Step 1 "Desk review": the approver, in Indonesian, from the inbox.
    const approver = await (await signedIn(approverUser, 'id', 1280)).newPage();
    await approver.goto('/statements?view=inbox');
    await approver.getByRole('heading', { name: st('id', 'inbox.title'), level: 1 }).waitFor();
    await approver.getByRole('link', { name: 'Pernyataan tentang kerja sama maritim' }).waitFor();
    await accessible(approver, 'inbox');
    await snap(approver, 'inbox-id-desktop');
    await approver.getByRole('link', { name: 'Pernyataan tentang kerja sama maritim' }).click();
    // At approval, the approver is told the X text will not go out (no account), and that it is kept.
    await approver.getByText(st('id', 'variants.notPostedTitle')).waitFor();
    // The decision buttons themselves pass (the filled green Approve button once had 3.4:1 contrast).
    await accessible(approver, 'statement-to-approve');
    await approver.getByRole('button', { name: st('id', 'actions.approve') }).click();
    await approver.getByRole('dialog').getByRole('button', { name: st('id', 'actions.approve') }).click();
    await approver.getByRole('dialog').waitFor({ state: 'detached' });
    await approver.getByText(st('id', 'variants.notPostedTitle')).waitFor();
    await accessible(approver, 'statement-not-posted');
    await snap(approver, 'statement-not-posted-id-desktop');
    await approver.getByRole('tab', { name: st('id', 'detail.tabs.clearance') }).click();
    await approver.getByText(st('id', 'clearance.decision.approve', { name: 'Bima Approver' }), { exact: false }).waitFor();
    await accessible(approver, 'clearance');
    await snap(approver, 'clearance-id-desktop');

    // The editor's open page learns of it live.
    await editor.getByText(st('en', 'live.approvedBy', { name: 'Bima Approver' }), { exact: false }).waitFor({ timeout: 10_000 });
    await snap(editor, 'live-notice-en-desktop');

    // Step 2 "Final sign-off": the administrator, on a phone.
    const adminPhone = await (await signedIn(admin, 'en', 375)).newPage();
    await adminPhone.goto(`/statements/${statementId}`);
    await adminPhone.getByRole('button', { name: st('en', 'actions.approve') }).click();
    await adminPhone.getByRole('dialog').getByRole('button', { name: st('en', 'actions.approve') }).click();
    await adminPhone.getByText(st('en', 'status.cleared')).first().waitFor();
    await adminPhone.getByRole('tab', { name: st('en', 'detail.tabs.clearance') }).click();
    await snap(adminPhone, 'clearance-en-phone');

    // Publish now; the newsroom link appears.
    await editor.getByText(st('en', 'status.cleared')).first().waitFor({ timeout: 10_000 });
    await editor.getByRole('button', { name: st('en', 'actions.publish') }).click();
    await editor.getByRole('dialog').getByRole('button', { name: st('en', 'actions.publishNow') }).click();
    await editor.getByText(st('en', 'status.published')).first().waitFor({ timeout: 15_000 });
    // Once out, the time is told in the past tense.
    await editor.getByText(/^Went out /).waitFor({ timeout: 15_000 });
    expect(await editor.getByText(/^Goes out /).count()).toBe(0);
    await editor.getByRole('tab', { name: st('en', 'detail.tabs.publication') }).click();
    const newsroom = editor.getByTestId('newsroom-link').first();
    await newsroom.waitFor({ timeout: 15_000 });
    const href = (await newsroom.getAttribute('href')) ?? '';
    expect((await editor.request.get(href)).status()).toBe(200);
    await snap(editor, 'publication-en-desktop');

    // Versions and the word diff between 1 and 2.
    await editor.getByRole('tab', { name: st('en', 'detail.tabs.versions') }).click();
    await editor.getByRole('heading', { name: st('en', 'versions.diffTitle', { from: 1, to: 2 }) }).waitFor();
    await expect.poll(() => editor.locator('[data-testid="diff"] ins').count()).toBeGreaterThan(0);
    expect(await editor.locator('[data-testid="diff"] ins').first().textContent()).toContain(st('en', 'versions.added'));
    await editor.getByLabel(st('en', 'comments.add', { version: 2 })).fill('Siap terbit.');
    await editor.getByRole('button', { name: st('en', 'comments.post') }).click();
    await editor.getByText('Siap terbit.').waitFor();
    await accessible(editor, 'versions');
    await snap(editor, 'versions-en-desktop');

    // The list, in both languages, desktop and phone.
    await editor.goto('/statements');
    await editor.getByRole('link', { name: 'Pernyataan tentang kerja sama maritim' }).waitFor();
    await accessible(editor, 'list');
    await snap(editor, 'list-en-desktop');
    await approver.setViewportSize({ width: 375, height: 800 });
    await approver.goto('/statements');
    await approver.getByRole('link', { name: 'Pernyataan tentang kerja sama maritim' }).waitFor();
    await accessible(approver, 'list-phone');
    await snap(approver, 'list-id-phone');
    await approver.goto(`/statements/${statementId}`);
    await approver.getByRole('tab', { name: st('id', 'detail.tabs.content') }).waitFor();
    await snap(approver, 'detail-id-phone');
    // The X preview as an Indonesian reader sees it on a phone (an element capture: nothing sticky over it).
    const previewId = approver.getByRole('figure', { name: st('id', 'variants.preview', { platform: 'X' }) });
    await previewId.scrollIntoViewIfNeeded();
    await previewId.getByText('#LautAman').waitFor();
    await previewId.getByText(st('id', 'variants.handlePlaceholder')).waitFor();
    await accessible(approver, 'preview-id-phone');
    await previewId.screenshot({ path: path.join(screenshotDir, 'statements-preview-x-id-phone.png') });
    await adminPhone.goto('/statements/new');
    await adminPhone.getByRole('heading', { name: st('en', 'new.title'), level: 1 }).waitFor();
    await snap(adminPhone, 'new-en-phone');
  }, 120_000);
});
