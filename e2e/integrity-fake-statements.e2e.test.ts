import { type FakeFeedServer, rss20Feed, startFakeFeedServer } from '@diplodesk/connector-rss/fake';
import type { BrowserContext, } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { admin, createUserWithOwnPassword, csrfOf, type E2E, expectAccessible, type Lang, shot, signedInContext, startE2E } from './harness.ts';
import { tr } from './i18n.ts';

// A statement is cleared, signed and published to the newsroom; a feed then carries an altered
// copy framed as the ministry's "Siaran Pers". The fake-statement finding opens beside the signed
// statement, with the word diff (removed and added words marked in words, not only in colour) and
// a link to the newsroom entry — in English and Indonesian, axe-clean, at desktop and phone widths.

const editorUser = { email: 'editor.fakes@e2e.diplodesk', password: 'fake statements editor 2026' };
const approverUser = { email: 'approver.fakes@e2e.diplodesk', password: 'fake statements approver 2026' };
const title = 'Indonesia menyambut kesepakatan kemitraan iklim regional';
const body =
  'Pemerintah Indonesia menyambut baik kesepakatan kemitraan iklim regional yang dicapai hari ini di Jakarta oleh sepuluh negara Asia Tenggara.\n\n' +
  'Kesepakatan ini mengikat para pihak untuk mengurangi emisi sebesar 40 persen sebelum tahun 2035 dan membentuk dana bersama untuk adaptasi pesisir.';
const altered = body.replace('sebesar 40 persen sebelum tahun 2035', 'sebesar 5 persen sebelum tahun 2060');

let feeds: FakeFeedServer;
let e2e: E2E;
let adminCtx: BrowserContext;
let unitId = '';
let findingPath = '';
let entryUrl = '';

const signedIn = (who: { email: string; password: string }, lang: Lang, width = 1280) => signedInContext(e2e, who, lang, { width });

async function api(context: BrowserContext, method: 'post' | 'patch', url: string, data: unknown) {
  const res = await context.request[method](url, { data, headers: { 'x-csrf-token': await csrfOf(context) } });
  expect(res.status(), `${method} ${url}: ${await res.text()}`).toBeLessThan(300);
  return res.json();
}

beforeAll(async () => {
  feeds = await startFakeFeedServer();
  e2e = await startE2E();
  adminCtx = await signedIn(admin, 'en');
  const units = (await (await adminCtx.request.get('/api/v1/units')).json()) as { items: { id: string; parentId: string | null }[] };
  unitId = units.items.find((u) => u.parentId === null)?.id ?? '';
  for (const [user, role, name] of [
    [editorUser, 'editor', 'Dewi Editor'],
    [approverUser, 'approver', 'Arif Approver'],
  ] as const) {
    await createUserWithOwnPassword(e2e, adminCtx, { email: user.email, displayName: name, password: user.password, locale: 'en', timeZone: 'Asia/Jakarta', memberships: [{ unitId, role }] });
  }
  // The statement goes through clearance and is signed and published, as the desk does it.
  const editorCtx = await signedIn(editorUser, 'en');
  const approverCtx = await signedIn(approverUser, 'en');
  const created = await api(editorCtx, 'post', '/api/v1/statements', { unitId, kind: 'press-release', primaryLanguage: 'id', audienceTimeZone: 'Asia/Jakarta', texts: [{ language: 'id', title, body }] });
  await api(editorCtx, 'post', `/api/v1/statements/${created.id}/submit`, { baseVersion: 1 });
  await api(approverCtx, 'post', `/api/v1/statements/${created.id}/decisions`, { baseVersion: 1, decision: 'approve' });
  await api(adminCtx, 'post', `/api/v1/statements/${created.id}/decisions`, { baseVersion: 1, decision: 'approve' });
  const published = await api(editorCtx, 'post', `/api/v1/statements/${created.id}/schedule`, { scheduledAt: null });
  expect(published.status).toBe('published');
  entryUrl = published.newsroom[0].url;
  await editorCtx.close();
  await approverCtx.close();
}, 180_000);

afterAll(async () => {
  await e2e?.close();
  await feeds?.close();
});

describe('fake official statements', () => {
  it('an altered copy framed as "Siaran Pers" becomes a finding', async () => {
    feeds.setFeed('/viral.xml', {
      body: rss20Feed({
        title: 'Viral posts',
        items: [{ guid: 'fs1', title: 'SIARAN PERS Kementerian Luar Negeri Republik Indonesia', description: altered, link: 'https://social.example/fs1', pubDate: new Date(Date.now() - 60_000).toUTCString() }],
      }),
    });
    await api(adminCtx, 'post', '/api/v1/listening/sources', { unitId, connector: 'rss', name: 'Viral posts', config: { url: feeds.url('/viral.xml') } });
    await expect
      .poll(
        async () => {
          const list = (await (await adminCtx.request.get('/api/v1/integrity/findings?detector=fake-statement')).json()) as { items: { id: string; type: string }[] };
          return list.items.map((f) => `${f.type}:${f.id}`);
        },
        { timeout: 60_000 },
      )
      .toEqual([expect.stringMatching(/^modified:/)]);
    const list = (await (await adminCtx.request.get('/api/v1/integrity/findings?detector=fake-statement')).json()) as { items: { id: string }[] };
    findingPath = `/integrity/findings/${list.items[0]?.id}`;
  });

  for (const lang of ['en', 'id'] as const) {
    it(`opens the finding beside the signed statement with the word diff (${lang})`, async () => {
      for (const width of [1280, 390]) {
        const ctx = await signedIn(admin, lang, width);
        const page = await ctx.newPage();
        await page.goto(findingPath);
        await page.getByRole('heading', { name: tr(lang, 'integrity.fakeStatement.verdict.modified') }).waitFor();
        await page.getByRole('heading', { name: tr(lang, 'integrity.fakeStatement.genuineTitle') }).waitFor();
        await page.getByText(title, { exact: true }).waitFor();
        // The diff names each change in words (for screen readers and without colour), not by colour alone.
        const diff = page.getByTestId('fake-statement-diff');
        await expect.poll(() => diff.locator('del').allInnerTexts()).toEqual([expect.stringMatching(/\b40\b/), expect.stringMatching(/\b2035\b/)]);
        expect(await diff.locator('ins').allInnerTexts()).toEqual([expect.stringMatching(/\b5\b/), expect.stringMatching(/\b2060\b/)]);
        expect(await diff.textContent()).toContain('persen sebelum tahun');
        expect(await diff.locator('del').first().textContent()).toContain(tr(lang, 'integrity.fakeStatement.removedMark'));
        expect(await diff.locator('ins').first().textContent()).toContain(tr(lang, 'integrity.fakeStatement.addedMark'));
        expect(await page.getByRole('link', { name: new RegExp(tr(lang, 'integrity.fakeStatement.openEntry')) }).getAttribute('href')).toBe(entryUrl);
        await shot(page, `integrity-fake-statement-${lang}-${width < 600 ? 'phone' : 'desktop'}`);
        await expectAccessible(page, `finding-${lang}-${width}`);
        await ctx.close();
      }
    });
  }

  it('filters the inbox by the detector', async () => {
    const ctx = await signedIn(admin, 'id');
    const page = await ctx.newPage();
    await page.goto('/integrity?detector=fake-statement');
    // The detector filter shows the detector's name, in the reader's language.
    const filter = page.getByLabel(tr('id', 'integrity.findings.detector')).first();
    await filter.waitFor();
    await expect.poll(() => filter.inputValue()).toBe(tr('id', 'integrity.detectors.fake-statement'));
    // The title is the reader's language too: an altered copy, named by the statement it alters.
    await page.getByRole('link', { name: /^Salinan pernyataan .* yang diubah, disajikan sebagai pernyataan resmi$/ }).first().waitFor();
    await shot(page, 'integrity-fake-statement-inbox-id');
    await expectAccessible(page, 'inbox-id');
    await ctx.close();
  });
});
