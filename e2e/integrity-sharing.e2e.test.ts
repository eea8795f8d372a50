import { type FakeFeedServer, type FakeRssItem, rss20Feed, startFakeFeedServer } from '@diplodesk/connector-rss/fake';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { admin, createUserWithOwnPassword, csrfOf, type E2E, expectAccessible, type Lang, shot, signedInContext, startE2E } from './harness.ts';
import { tr } from './i18n.ts';

// The integrity screens beyond the inbox: a press officer registers the ministry's official account
// and sees a look-alike's finding with both accounts side by side; a coordinated group planted in a
// feed among background posts shows as a network (graph, tables, timeline); findings are exported
// as a STIX 2.1 bundle; a partner gets a token and read access to a collection, and a bundle file
// is imported (a bad one refused object by object) — in English and Indonesian, axe-clean.

const officer = { email: 'officer.sharing@e2e.diplodesk', password: 'sharing e2e password 2026' };
const group = ['amplify_01', 'amplify_02', 'amplify_03', 'amplify_04', 'amplify_05'];

let feeds: FakeFeedServer;
let e2e: E2E;
let ctx: BrowserContext;
let page: Page;
let unitId = '';
let networkPath = '';
let lookAlikePath = '';
let bundleFile = '';
let tmp = '';

const signedIn = (who: { email: string; password: string }, lang: Lang, width = 1280) => signedInContext(e2e, who, lang, { width });

/** A form field by its label (a required one carries " *"). */
const field = (scope: Pick<Page, 'getByLabel'>, label: string) => scope.getByLabel(new RegExp(`^${label.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}( \\*)?$`)).first();

async function addSource(name: string, feedPath: string) {
  const res = await ctx.request.post('/api/v1/listening/sources', { data: { unitId, connector: 'rss', name, config: { url: feeds.url(feedPath) } }, headers: { 'x-csrf-token': await csrfOf(ctx) } });
  expect(res.status(), await res.text()).toBe(201);
}

/** The first finding of a detector once `ok` holds for it (the detectors run on listening's events). */
async function findingOf(detector: string, ok: (f: { accountKeys: string[] }) => boolean): Promise<{ id: string; accountKeys: string[] }> {
  let found: { id: string; accountKeys: string[] } | undefined;
  await expect
    .poll(
      async () => {
        const list = (await (await ctx.request.get(`/api/v1/integrity/findings?detector=${detector}`)).json()) as { items: { id: string; accountKeys: string[] }[] };
        found = list.items.find(ok);
        return found !== undefined;
      },
      { timeout: 30_000, interval: 250 },
    )
    .toBe(true);
  return found as { id: string; accountKeys: string[] };
}

/**
 * Background posts (forty accounts with their own news, and popular links shared hours apart) and a
 * planted group: five accounts sharing the same four links, each burst within about ten seconds.
 */
function plantedFeed(): FakeRssItem[] {
  const start = Date.now() - 3 * 3_600_000;
  const minute = 60_000;
  let seed = 11;
  const random = () => {
    seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
    return seed / 2_147_483_648;
  };
  const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)] as T;
  const subjects = ['harbour', 'rice harvest', 'rail line', 'school year', 'monsoon', 'coffee exports', 'film festival', 'city budget', 'power grid', 'night market'];
  const verbs = ['opens', 'is delayed again', 'breaks a record', 'draws crowds', 'gets new funding', 'faces criticism', 'ends early'];
  const places = ['in Surabaya', 'near Medan', 'across Bali', 'outside Makassar', 'in Bandung', 'on Lombok', 'in Pontianak'];
  const items: FakeRssItem[] = [];
  let n = 0;
  const post = (text: string, author: string, at: number) => items.push({ guid: `c${++n}`, title: text.slice(0, 40), description: text, link: `https://social.example/post/${n}`, author, pubDate: new Date(at).toUTCString() });
  for (let i = 0; i < 60; i++) post(`The ${pick(subjects)} ${pick(verbs)} ${pick(places)} (report ${i})`, `reader_${i % 30}_news`, start + random() * 170 * minute);
  for (let l = 0; l < 6; l++) for (let k = 0; k < 4; k++) post(`Worth reading https://news.example/story-${l}`, `reader_${(l * 7 + k * 11) % 30}_news`, start + random() * 170 * minute);
  for (let l = 0; l < 4; l++) {
    const at = start + (20 + l * 40) * minute;
    for (const [g, handle] of group.entries()) post(`${pick(['Must see', 'Share this', 'The truth'])} https://campaign.example/p/${l} #${g}`, handle, at + g * 2_000 + random() * 1_000);
  }
  return items;
}

beforeAll(async () => {
  feeds = await startFakeFeedServer();
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'diplodesk-integrity-sharing-'));
  e2e = await startE2E();
  const adminCtx = await signedIn(admin, 'en');
  const units = (await (await adminCtx.request.get('/api/v1/units')).json()) as { items: { id: string; parentId: string | null }[] };
  unitId = units.items.find((u) => u.parentId === null)?.id ?? '';
  await createUserWithOwnPassword(e2e, adminCtx, { email: officer.email, displayName: 'Raka Officer', password: officer.password, locale: 'en', timeZone: 'Asia/Jakarta', memberships: [{ unitId, role: 'admin' }] });
  await adminCtx.close();
  ctx = await signedIn(officer, 'en');
  page = await ctx.newPage();
}, 120_000);

afterAll(async () => {
  await e2e?.close();
  await feeds?.close();
  if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
});

describe('integrity: official accounts, networks and threat sharing', () => {
  it('registers an official account, and a look-alike raises a finding shown side by side', async () => {
    await page.goto('/integrity');
    await page.getByRole('navigation', { name: tr('en', 'integrity.nav.label') }).getByRole('link', { name: tr('en', 'integrity.nav.accounts') }).click();
    await page.getByRole('heading', { level: 1, name: tr('en', 'integrity.officialAccounts.title') }).waitFor();
    await page.getByText(tr('en', 'integrity.officialAccounts.none')).waitFor();
    await page.getByRole('button', { name: tr('en', 'integrity.officialAccounts.new') }).click();
    const dialog = page.getByRole('dialog');
    await field(dialog, tr('en', 'integrity.officialAccounts.platform')).fill('rss');
    await field(dialog, tr('en', 'integrity.officialAccounts.handle')).fill('@KemluRI');
    await field(dialog, tr('en', 'integrity.officialAccounts.displayName')).fill('Kementerian Luar Negeri RI');
    await expectAccessible(page, 'account-form-en');
    await dialog.getByRole('button', { name: tr('en', 'integrity.officialAccounts.add') }).click();
    await dialog.waitFor({ state: 'detached' });
    await page.getByRole('rowheader', { name: '@KemluRI' }).waitFor();
    await page.getByRole('button', { name: tr('en', 'integrity.officialAccounts.editOne', { handle: 'KemluRI', platform: 'rss' }) }).waitFor();
    await shot(page, 'integrity-accounts-en');
    await expectAccessible(page, 'accounts-en');

    // Both feeds at once: the look-alike (a capital I for the l) and the planted group.
    feeds.setFeed('/lookalike.xml', { body: rss20Feed({ title: 'Visa offers', items: [{ guid: 'v1', title: 'Visa gratis', description: 'Visa gratis untuk semua, daftar sekarang di tautan kami!', link: 'https://social.example/v1', author: 'KemIuRI', pubDate: new Date(Date.now() - 60_000).toUTCString() }] }) });
    feeds.setFeed('/campaign.xml', { body: rss20Feed({ title: 'Local voices', items: plantedFeed() }) });
    await addSource('Visa offers', '/lookalike.xml');
    await addSource('Local voices', '/campaign.xml');

    const lookAlike = await findingOf('impersonation', (f) => f.accountKeys.includes('rss:KemIuRI'));
    lookAlikePath = `/integrity/findings/${lookAlike.id}`;
    await page.goto(lookAlikePath);
    await page.getByText(tr('en', 'integrity.impersonation.official'), { exact: true }).waitFor();
    await page.getByText(tr('en', 'integrity.impersonation.lookAlike'), { exact: true }).waitFor();
    await page.getByText('@KemIuRI', { exact: true }).waitFor();
    await page.getByText('@KemluRI', { exact: true }).waitFor();
    await page.getByText(tr('en', 'integrity.impersonation.sameSkeleton')).waitFor();
    await shot(page, 'integrity-lookalike-en');
    await expectAccessible(page, 'lookalike-en');
  });

  it("opens a planted group's network: graph, accounts and pairs as tables, and the timeline", async () => {
    const network = await findingOf('coordination', (f) => f.accountKeys.length === group.length);
    expect([...network.accountKeys].sort()).toEqual(group.map((h) => `rss:${h}`));
    networkPath = `/integrity/findings/${network.id}`;
    await page.goto(networkPath);
    await page.getByRole('heading', { level: 2, name: tr('en', 'integrity.network.title') }).waitFor();
    const graph = page.getByRole('img', { name: /^Network graph\. 5 accounts are linked by/ });
    await graph.waitFor();
    // The graph is drawn: a node per account.
    await expect.poll(() => graph.locator('svg text').filter({ hasText: /^amplify_0\d$/ }).count()).toBe(group.length);
    const accounts = page.getByRole('table', { name: tr('en', 'integrity.network.accountsTitle') });
    for (const handle of group) await accounts.getByRole('rowheader', { name: handle }).waitFor();
    await page.getByRole('table', { name: tr('en', 'integrity.network.edgesTitle') }).getByText('campaign.example/p/0').first().waitFor();
    const timeline = page.getByRole('table', { name: tr('en', 'integrity.network.timelineTitle_other', { count: 20 }) });
    expect(await timeline.getByRole('row').count()).toBe(21);
    await shot(page, 'integrity-network-en');
    await expectAccessible(page, 'network-en');
  });

  it('exports the open findings as a STIX 2.1 bundle', async () => {
    await page.goto('/integrity/sharing');
    await page.getByRole('heading', { level: 1, name: tr('en', 'integrity.sharing.title') }).waitFor();
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: tr('en', 'integrity.sharing.download') }).click()]);
    bundleFile = path.join(tmp, download.suggestedFilename());
    await download.saveAs(bundleFile);
    const bundle = JSON.parse(fs.readFileSync(bundleFile, 'utf8')) as { type: string; id: string; objects: { type: string; name?: string }[] };
    expect(bundle.type).toBe('bundle');
    expect(download.suggestedFilename()).toBe(`${bundle.id}.json`);
    const types = new Set(bundle.objects.map((o) => o.type));
    for (const type of ['identity', 'report', 'indicator', 'relationship']) expect(types, type).toContain(type);
    expect(JSON.stringify(bundle)).toContain('amplify_01');
    expect(JSON.stringify(bundle)).toContain('KemIuRI');
    await page.getByRole('status').filter({ hasText: `${bundle.objects.length} STIX objects` }).waitFor();
  });

  it('adds a partner with a token shown once, a collection it may read, and imports bundle files', async () => {
    await field(page, tr('en', 'integrity.sharing.partnerName')).fill('CERT Nusantara');
    await field(page, tr('en', 'integrity.sharing.partnerContact')).fill('soc@cert.example');
    await page.getByRole('button', { name: tr('en', 'integrity.sharing.addPartner') }).click();
    await page.getByRole('heading', { level: 3, name: 'CERT Nusantara' }).waitFor();
    await field(page, tr('en', 'integrity.sharing.newTokenName', { name: 'CERT Nusantara' })).fill('taxii-prod');
    await page.getByRole('button', { name: tr('en', 'integrity.sharing.issue') }).click();
    const secret = page.getByLabel(tr('en', 'integrity.sharing.secretLabel'));
    await secret.waitFor();
    expect(((await secret.textContent()) ?? '').length).toBeGreaterThan(20);
    await page.getByRole('button', { name: tr('en', 'integrity.sharing.revokeOne', { name: 'taxii-prod' }) }).waitFor();

    await field(page, tr('en', 'integrity.sharing.collectionTitle')).fill('Coordinated campaigns');
    await field(page, tr('en', 'integrity.sharing.collectionAlias')).fill('campaigns');
    await page.getByRole('button', { name: tr('en', 'integrity.sharing.addCollection') }).click();
    await page.getByRole('heading', { level: 3, name: 'Coordinated campaigns' }).waitFor();
    const read = page.getByRole('checkbox', { name: tr('en', 'integrity.sharing.readAccess', { partner: 'CERT Nusantara', collection: 'Coordinated campaigns' }) });
    await read.click();
    await expect.poll(() => read.isChecked()).toBe(true);
    const partners = (await (await ctx.request.get('/api/v1/integrity/sharing/partners')).json()) as { items: { name: string; access: { canRead: boolean; canWrite: boolean }[] }[] };
    expect(partners.items.find((p) => p.name === 'CERT Nusantara')?.access).toEqual([expect.objectContaining({ canRead: true, canWrite: false })]);

    // A bad bundle is refused object by object; the exported one is stored.
    const bad = path.join(tmp, 'bad-bundle.json');
    fs.writeFileSync(bad, JSON.stringify({ type: 'bundle', id: 'bundle--5d0092c5-5f74-4287-9642-33f4c354e56d', objects: [{ type: 'indicator', spec_version: '2.1', id: 'indicator--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f' }] }));
    const upload = page.getByRole('button', { name: tr('en', 'integrity.sharing.importInto', { collection: 'Coordinated campaigns' }) });
    const [badChooser] = await Promise.all([page.waitForEvent('filechooser'), upload.click()]);
    await badChooser.setFiles(bad);
    await page.getByRole('list', { name: tr('en', 'integrity.sharing.problems') }).getByText(/^indicator--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f: /).waitFor();
    await shot(page, 'integrity-sharing-refused-en');
    await expectAccessible(page, 'sharing-refused-en');
    const [chooser] = await Promise.all([page.waitForEvent('filechooser'), upload.click()]);
    await chooser.setFiles(bundleFile);
    await page.getByRole('status').filter({ hasText: /^Imported: \d+ new/ }).waitFor();
    await shot(page, 'integrity-sharing-en');
    await expectAccessible(page, 'sharing-en');
  });

  it('reads the same screens in Indonesian', async () => {
    const idCtx = await signedIn(officer, 'id');
    const p = await idCtx.newPage();
    await p.goto('/integrity/accounts');
    await p.getByRole('heading', { level: 1, name: tr('id', 'integrity.officialAccounts.title') }).waitFor();
    await p.getByRole('rowheader', { name: '@KemluRI' }).waitFor();
    await shot(p, 'integrity-accounts-id');
    await expectAccessible(p, 'accounts-id');
    await p.goto(lookAlikePath);
    await p.getByText(tr('id', 'integrity.impersonation.lookAlike'), { exact: true }).waitFor();
    await shot(p, 'integrity-lookalike-id');
    await expectAccessible(p, 'lookalike-id');
    await p.goto(networkPath);
    await p.getByRole('heading', { level: 2, name: tr('id', 'integrity.network.title') }).waitFor();
    await p.getByRole('img', { name: /^Grafik jaringan\. 5 akun terhubung/ }).waitFor();
    await shot(p, 'integrity-network-id');
    await expectAccessible(p, 'network-id');
    await p.goto('/integrity/sharing');
    await p.getByRole('heading', { level: 3, name: 'CERT Nusantara' }).waitFor();
    await shot(p, 'integrity-sharing-id');
    await expectAccessible(p, 'sharing-id');
    await idCtx.close();
  });
});
