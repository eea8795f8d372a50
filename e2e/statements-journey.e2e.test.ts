import type { FakePlatform } from '@diplodesk/connector-sdk/testing';
import { startFake as startBluesky } from '@diplodesk/connector-bluesky/fake';
import { startFake as startMastodon } from '@diplodesk/connector-mastodon/fake';
import { startFake as startTelegram } from '@diplodesk/connector-telegram/fake';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { admin, createUserWithOwnPassword, csrfOf, type E2E, type Lang, newContext, seriousA11yViolations, shot, signedInContext, startE2E } from './harness.ts';
import { tr } from './i18n.ts';

// The journey, end to end in Chromium against a real server and three fake platforms:
// an editor drafts in Indonesian and English with per-channel texts, an approver and the
// administrator clear it, it is signed and published to Mastodon, Bluesky and Telegram (the
// fakes' ledgers hold exactly one post each); the newsroom page shows it with its signature; the
// public verify page says "genuine" for the text and "modified" for an edited copy; the calendar
// shows the posts.

const password = 'statements journey e2e 2026';
const editorUser = { email: 'editor.journey@e2e.diplodesk', password };
const approverUser = { email: 'approver.journey@e2e.diplodesk', password };
const titleId = 'Indonesia menyambut kesepakatan perikanan regional';
const bodyId = 'Indonesia menyambut baik kesepakatan perikanan regional yang ditandatangani hari ini.\n\nKesepakatan ini melindungi nelayan kecil dan laut kita.';
const titleEn = 'Indonesia welcomes the regional fisheries agreement';
const bodyEn = 'Indonesia welcomes the regional fisheries agreement signed today.\n\nThe agreement protects small-scale fishers and our seas.';

let e2e: E2E;
let adminCtx: BrowserContext;
let unitId = '';
const fakes: FakePlatform[] = [];

const signedIn = (who: { email: string; password: string }, lang: Lang, width = 1280) => signedInContext(e2e, who, lang, { width });

async function api(context: BrowserContext, method: 'post' | 'patch', url: string, data: unknown) {
  const res = await context.request[method](url, { data, headers: { 'x-csrf-token': await csrfOf(context) } });
  expect(res.status(), `${method} ${url}: ${await res.text()}`).toBeLessThan(300);
  return res.json();
}

async function accessible(page: Page, label: string) {
  await page.evaluate(async () => {
    await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
    await Promise.all(document.getAnimations().map((a) => a.finished.catch(() => undefined)));
  });
  const violations = await seriousA11yViolations(page);
  if (violations.length > 0) await shot(page, `a11y-failure-journey-${label}`);
  expect(violations, label).toEqual([]);
}

beforeAll(async () => {
  const env: Record<string, string> = {};
  for (const start of [startMastodon, startBluesky, startTelegram]) {
    const fake = await start();
    fakes.push(fake);
    Object.assign(env, fake.env);
  }
  e2e = await startE2E({ env });
  adminCtx = await signedIn(admin, 'en');
  const units = (await (await adminCtx.request.get('/api/v1/units')).json()) as { items: { id: string; parentId: string | null }[] };
  unitId = units.items.find((u) => u.parentId === null)?.id ?? '';
  for (const [user, role, name] of [
    [editorUser, 'editor', 'Dewi Editor'],
    [approverUser, 'approver', 'Arif Approver'],
  ] as const) {
    await createUserWithOwnPassword(e2e, adminCtx, { email: user.email, displayName: name, password: user.password, locale: 'en', timeZone: 'Asia/Jakarta', memberships: [{ unitId, role }] });
  }
  // The ministry's accounts, connected with their app password / access token / bot token forms.
  for (const fake of fakes) {
    await api(adminCtx, 'post', '/api/v1/channel-accounts/connect/form', { unitId, platform: fake.platform, values: fake.connectFormValues() });
  }
}, 90_000);

afterAll(async () => {
  await e2e?.close();
  for (const fake of fakes) await fake.close();
});

describe('statements journey', () => {
  it('drafts in two languages, clears, signs, publishes once to each channel, and verifies', async () => {
    const editorCtx = await signedIn(editorUser, 'id');
    const editor = await editorCtx.newPage();
    // Drafting starts in the API (the editor screens are walked through in statements-desk); the
    // channel texts, clearance and publishing are done in the browser.
    const created = await api(editorCtx, 'post', '/api/v1/statements', {
      unitId,
      kind: 'press-release',
      primaryLanguage: 'id',
      audienceTimeZone: 'Asia/Jakarta',
      texts: [
        { language: 'id', title: titleId, body: bodyId },
        { language: 'en', title: titleEn, body: bodyEn },
      ],
    });
    const id = created.id as string;

    await editor.goto(`/statements/${id}`);
    await editor.getByRole('heading', { name: titleId, level: 1 }).waitFor();
    for (const fake of fakes) {
      const box = editor.getByTestId(`variant-${fake.platform}`);
      await box.getByRole('switch', { name: tr('id', 'statements.variants.postHere') }).check();
      await box.getByTestId('variant-counter').first().waitFor();
    }
    // The Bluesky text is the English one, counted in graphemes against 300.
    const bluesky = editor.getByTestId('variant-bluesky');
    await bluesky.getByRole('textbox').fill(`${titleEn}. ${bodyEn.split('\n')[0]}`);
    await expect.poll(() => bluesky.getByTestId('variant-counter').textContent()).toMatch(/^\d+ \/ 300$/);
    await accessible(editor, 'variants');
    await shot(editor, 'journey-variants-id-desktop');
    await editor.getByRole('button', { name: tr('id', 'statements.editor.save'), exact: true }).click();
    await editor.getByText(tr('id', 'statements.editor.saved', { version: 2 })).waitFor();
    await editor.getByRole('button', { name: tr('id', 'statements.actions.submit') }).click();
    await editor.getByRole('dialog').getByRole('button', { name: tr('id', 'statements.actions.submit') }).click();
    await editor.getByText(tr('id', 'statements.status.in-clearance')).first().waitFor();

    // The approver (English) and the administrator clear it.
    for (const who of [approverUser, admin]) {
      const page = await (await signedIn(who, 'en')).newPage();
      await page.goto(`/statements/${id}`);
      await page.getByRole('heading', { name: titleId, level: 1 }).waitFor();
      await page.getByRole('button', { name: tr('en', 'statements.actions.approve'), exact: true }).click();
      await page.getByRole('dialog').getByRole('button', { name: tr('en', 'statements.actions.approve'), exact: true }).click();
      await page.getByRole('dialog').waitFor({ state: 'detached' });
      await page.close();
    }

    // Publish now: signed, newsroom live, one post per channel.
    await editor.getByText(tr('id', 'statements.status.cleared')).first().waitFor({ timeout: 15_000 });
    await editor.getByRole('button', { name: tr('id', 'statements.actions.publish') }).click();
    await editor.getByRole('dialog').getByRole('button', { name: tr('id', 'statements.actions.publishNow') }).click();
    await editor.getByText(tr('id', 'statements.status.published')).first().waitFor({ timeout: 15_000 });
    await expect.poll(() => fakes.map((f) => f.ledger().filter((e) => !e.deleted).length), { timeout: 30_000 }).toEqual([1, 1, 1]);
    const posted = fakes.map((f) => f.ledger()[0]?.text ?? '');
    expect(posted[0]).toContain(bodyId.split('\n')[0]);
    expect(posted[1]).toContain(titleEn);
    // Every post links back to its signed newsroom page.
    for (const text of posted) expect(text).toMatch(/\/newsroom\/(id|en)\//);
    await editor.getByRole('tab', { name: tr('id', 'statements.detail.tabs.publication') }).click();
    await expect.poll(async () => editor.getByText(tr('id', 'statements.publicationStates.published')).count(), { timeout: 20_000 }).toBeGreaterThanOrEqual(3);
    await accessible(editor, 'publication');
    await shot(editor, 'journey-published-id-desktop');

    // The public newsroom page (no sign-in) in English, with its signature.
    const reader = await (await newContext(e2e, { locale: 'en-GB' })).newPage();
    const enUrl = (await editor.getByTestId('newsroom-link').evaluateAll((links) => links.map((a) => (a as HTMLAnchorElement).href))).find((href) => href.includes('/newsroom/en/'));
    expect(enUrl).toBeTruthy();
    await reader.goto(enUrl as string);
    await reader.getByRole('heading', { name: titleEn, level: 1 }).waitFor();
    await reader.getByRole('heading', { name: tr('en', 'newsroom.entry.signatureTitle') }).waitFor();
    await accessible(reader, 'newsroom');
    await shot(reader, 'journey-newsroom-en-desktop');

    // Verify: the text as published is genuine; an edited copy is modified, with the change shown.
    await reader.getByRole('link', { name: tr('en', 'newsroom.entry.verifyLink') }).click();
    await reader.getByLabel(tr('en', 'newsroom.verify.textLabel')).fill(bodyEn);
    await reader.getByRole('button', { name: tr('en', 'newsroom.verify.submit') }).click();
    await reader.getByRole('status').getByText(tr('en', 'newsroom.verify.genuineTitle'), { exact: true }).waitFor();
    expect(await reader.locator('[data-verdict]').getAttribute('data-verdict')).toBe('genuine');
    await accessible(reader, 'verify-genuine');
    await shot(reader, 'journey-verify-genuine-en');
    await reader.goto('/verify?ui=id');
    await reader.getByLabel(tr('id', 'newsroom.verify.textLabel')).fill(bodyEn.replace('protects small-scale fishers', 'abandons small-scale fishers'));
    await reader.getByRole('button', { name: tr('id', 'newsroom.verify.submit') }).click();
    await reader.getByRole('status').getByText(tr('id', 'newsroom.verify.modifiedTitle'), { exact: true }).waitFor();
    expect(await reader.locator('[data-verdict]').getAttribute('data-verdict')).toBe('modified');
    await expect.poll(() => reader.locator('ins').allTextContents()).toEqual(expect.arrayContaining([expect.stringContaining('abandons')]));
    await accessible(reader, 'verify-modified');
    await shot(reader, 'journey-verify-modified-id');

    // The calendar shows the three posts.
    await editor.goto('/statements/calendar');
    await editor.getByRole('heading', { name: tr('id', 'channels.calendar.title'), level: 1 }).waitFor();
    await expect.poll(() => editor.getByRole('link', { name: titleId }).count(), { timeout: 15_000 }).toBeGreaterThanOrEqual(3);
    await accessible(editor, 'calendar');
    await shot(editor, 'journey-calendar-id-desktop');
  }, 180_000);
});
