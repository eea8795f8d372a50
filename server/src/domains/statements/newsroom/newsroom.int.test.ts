import { createHash } from 'node:crypto';
import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemActor } from '../../../platform/audit/audit.ts';
import { inTransaction } from '../../../platform/context.ts';
import { getOrCreateActiveKey, listPublicKeys, rotateSigningKey } from '../../../platform/crypto/signing/key-store.ts';
import { verifyStatement } from '../../../platform/crypto/signing/sign-statement.ts';
import type { Jwks } from '../../../platform/crypto/signing/signing-keys.ts';
import { signingKeys } from '../../../platform/crypto/signing/signing.tables.ts';
import { newIdFor } from '../../../platform/db/index.ts';
import { auditLog } from '../../../platform/db/platform.tables.ts';
import { createNewsroomTestApp, type NewsroomTestApp, publishTestStatement } from './newsroom-test-app.ts';
import { discardUnpublishedEntries, newsroomEntriesFor, recordSignedStatement, verifyRatePerMinute, withdrawSignedStatement } from './index.ts';
import type { VerificationResult } from './verification.ts';

let t: NewsroomTestApp;

const withdrawForTest = (statementId: string, reason: string) => inTransaction(t.ctx, (tx) => withdrawSignedStatement(tx, { secretBox: t.ctx.secretBox, config: t.config }, { statementId, reason, at: new Date() }));

beforeAll(async () => {
  t = await createNewsroomTestApp();
});
afterAll(async () => {
  await t?.close();
});

// Each test gets its own client address so the verify endpoints' per-IP limit never interferes.
let ipCounter = 1;
const nextIp = () => `10.0.${Math.floor(ipCounter / 250)}.${(ipCounter++ % 250) + 1}`;

async function verify(payload: Record<string, unknown>, ip = nextIp()): Promise<{ status: number; body: VerificationResult & { error?: { code: string; details?: { reason?: string } } } }> {
  const res = await t.app.inject({ method: 'POST', url: '/api/v1/public/verify', payload, remoteAddress: ip });
  return { status: res.statusCode, body: res.json() };
}

async function jwks(): Promise<Jwks> {
  return (await t.app.inject({ method: 'GET', url: '/.well-known/jwks.json' })).json();
}

/** Minimal well-formedness check: every element closed in order, no bare "&" or "<" in text. */
function assertWellFormedXml(xml: string): string[] {
  expect(xml.startsWith('<?xml version="1.0" encoding="UTF-8"?>')).toBe(true);
  const body = xml.replace(/^<\?xml[^>]*\?>/, '');
  const stack: string[] = [];
  const names: string[] = [];
  for (const token of body.matchAll(/<[^>]*>|[^<]+/g)) {
    const text = token[0];
    if (!text.startsWith('<')) {
      expect(text).not.toMatch(/&(?!(amp|lt|gt|quot|apos|#\d+);)/);
      continue;
    }
    const m = /^<(\/?)([A-Za-z][\w:.-]*)((?:\s+[\w:.-]+="[^"<]*")*)\s*(\/?)>$/.exec(text);
    expect(m, `malformed tag ${text}`).not.toBeNull();
    const [, closing, name = '', , selfClosing] = m ?? [];
    if (closing) expect(stack.pop()).toBe(name);
    else {
      names.push(name);
      if (!selfClosing) stack.push(name);
    }
  }
  expect(stack).toEqual([]);
  return names;
}

describe('signing and the public statement API', () => {
  it('round-trips: recordSignedStatement → public JSON → verifies with the served JWKS', async () => {
    const published = await publishTestStatement(t, { title: 'Pernyataan Pers', language: 'id', body: 'Indonesia menyambut baik kesepakatan ini — café, naïve.' });
    expect(published.url).toMatch(/^https:\/\/news\.example\.go\.id\/newsroom\/id\/pernyataan-pers-[0-9a-f]{8}$/);
    const res = await t.app.inject({ method: 'GET', url: `/api/v1/public/statements/${published.entryId}` });
    expect(res.statusCode).toBe(200);
    expect(res.headers['access-control-allow-origin']).toBe('*');
    const bundle = res.json();
    expect(bundle).toMatchObject({ entryId: published.entryId, kid: published.kid, jws: published.jws, url: published.url, withdrawn: false });
    expect(JSON.parse(bundle.canonical)).toMatchObject({ id: published.entryId, organisation: 'news.example.go.id', language: 'id', title: 'Pernyataan Pers' });

    const keysRes = await t.app.inject({ method: 'GET', url: '/.well-known/jwks.json' });
    expect(keysRes.headers['access-control-allow-origin']).toBe('*');
    expect(keysRes.headers['cache-control']).toMatch(/public, max-age=\d+/);
    expect(keysRes.headers['content-type']).toContain('application/jwk-set+json');
    expect(keysRes.body).not.toMatch(/"d"|sealed|PRIVATE/);
    expect(await verifyStatement(keysRes.json(), bundle.canonical, bundle.jws)).toEqual({ valid: true, kid: published.kid });

    // The bundle itself, handed to the verify API, is genuine; tampering with it is not.
    expect((await verify({ signedJson: bundle })).body.verdict).toBe('genuine');
    const tampered = { ...bundle, canonical: bundle.canonical.replace('baik', 'buruk') };
    const bad = (await verify({ signedJson: JSON.stringify(tampered) })).body;
    expect(bad.verdict).toBe('modified');
    expect(bad.signature).toMatchObject({ valid: false, reason: 'signature' });
    expect(bad.diff).toEqual(expect.arrayContaining([{ op: 'removed', text: 'baik' }, { op: 'added', text: 'buruk' }]));
  });

  it('answers 404 for an unknown or not yet public entry, and keeps it out of pages, feeds and verification', async () => {
    expect((await t.app.inject({ method: 'GET', url: `/api/v1/public/statements/${newIdFor()}` })).statusCode).toBe(404);
    const future = await publishTestStatement(t, { title: 'Embargoed until tomorrow', body: 'Embargoed text about a secret summit in Jakarta.', publishedAt: new Date(Date.now() + 86_400_000) });
    expect((await t.app.inject({ method: 'GET', url: `/api/v1/public/statements/${future.entryId}` })).statusCode).toBe(404);
    expect((await t.app.inject({ method: 'GET', url: new URL(future.url).pathname })).statusCode).toBe(404);
    expect((await t.app.inject({ method: 'GET', url: '/newsroom/en/rss.xml' })).body).not.toContain('Embargoed');
    expect((await verify({ text: 'Embargoed text about a secret summit in Jakarta.' })).body.verdict).toBe('no-match');
    expect((await verify({ url: future.url })).status).toBe(400);
  });

  it('re-signing replaces an entry not yet public, refuses a public one, and discard removes only unpublished entries', async () => {
    const statementId = newIdFor();
    const first = await publishTestStatement(t, { statementId, body: 'Draft one of the communiqué.', publishedAt: new Date(Date.now() + 3_600_000) });
    const again = await publishTestStatement(t, { statementId, body: 'Draft two of the communiqué.', publishedAt: new Date(Date.now() + 7_200_000) });
    expect(again.entryId).toBe(first.entryId);
    expect(again.jws).not.toBe(first.jws);
    const fr = await publishTestStatement(t, { statementId, language: 'fr', title: 'Communiqué', body: 'Deuxième version.', publishedAt: new Date(Date.now() - 1000) });
    expect((await newsroomEntriesFor(t.ctx.db, statementId, t.config)).map((e) => e.language)).toEqual(['en', 'fr']);
    await expect(publishTestStatement(t, { statementId, language: 'fr', title: 'Communiqué', body: 'Troisième version.' })).rejects.toMatchObject({ code: 'statement.invalid-state' });
    await inTransaction(t.ctx, (tx) => discardUnpublishedEntries(tx, statementId));
    const left = await newsroomEntriesFor(t.ctx.db, statementId, t.config);
    expect(left).toEqual([{ language: 'fr', url: fr.url, kid: fr.kid, publishedAt: expect.any(Date), withdrawnAt: null }]);
  });
});

describe('verify', () => {
  it('says genuine for the exact text, also when pasted with its title and other spacing, NFD accents or CRLF', async () => {
    const p = await publishTestStatement(t, { title: 'Joint communiqué on maritime safety', body: 'Both delegations reaffirmed the freedom of navigation.\n\nThey agreed to hold naval exercises in the Arafura Sea in March.' });
    for (const text of [
      p.input.body,
      `  Both delegations reaffirmed the freedom\nof navigation.\r\n\r\n\r\nThey agreed to hold naval exercises in the Arafura   Sea in March. `,
      `${p.input.title}\n\n${p.input.body}`,
      `${p.input.title.normalize('NFD')}\n\n${p.input.body}`,
    ]) {
      const { status, body } = await verify({ text });
      expect(status).toBe(200);
      expect(body, text).toMatchObject({ verdict: 'genuine', withdrawn: false, entry: { id: p.entryId, url: p.url, kid: p.kid }, signature: { valid: true, kid: p.kid } });
    }
  });

  it('says modified when one character changed, with a word diff naming it', async () => {
    const p = await publishTestStatement(t, { title: 'Statement on the fisheries dispute', body: 'The Government rejects the claim that 12 vessels entered the zone.\n\nWe remain open to dialogue with all neighbours.' });
    const { body } = await verify({ text: p.input.body.replace('12 vessels', '13 vessels') });
    expect(body.verdict).toBe('modified');
    expect(body.entry?.id).toBe(p.entryId);
    expect(body.diff?.filter((d) => d.op !== 'equal')).toEqual([
      { op: 'removed', text: '12' },
      { op: 'added', text: '13' },
    ]);
    expect(body.similarity).toBeGreaterThan(0.5);
  });

  it('says no-match for an unrelated text, and refuses an empty one', async () => {
    expect((await verify({ text: 'Breaking: the moon has been sold to a private consortium of penguins.' })).body).toMatchObject({ verdict: 'no-match', entry: null, diff: null });
    const empty = await verify({ text: ' \n ' });
    expect(empty.status).toBe(400);
    expect(empty.body.error).toMatchObject({ code: 'request.invalid', details: { reason: 'empty' } });
    expect((await verify({ text: 'a', url: 'b' })).status).toBe(400);
  });

  it('resolves this newsroom\'s own URLs from the database and rejects foreign origins without fetching them', async () => {
    const p = await publishTestStatement(t, { title: 'Condolences', body: 'We extend our deepest condolences to the people affected by the earthquake.' });
    expect((await verify({ url: p.url })).body).toMatchObject({ verdict: 'genuine', entry: { id: p.entryId } });
    expect((await verify({ url: `${t.url}/verify?entry=${p.entryId}` })).body.verdict).toBe('genuine');
    expect((await verify({ url: `${t.url}/api/v1/public/statements/${p.entryId}` })).body.verdict).toBe('genuine');
    for (const foreign of [p.url.replace('news.example.go.id', 'evil.example'), p.url.replace('https:', 'http:'), `https://news.example.go.id:8443${new URL(p.url).pathname}`, 'http://127.0.0.1:5432/', 'file:///etc/passwd']) {
      const res = await verify({ url: foreign });
      expect(res.status, foreign).toBe(400);
      expect(res.body.error?.details?.reason, foreign).toBe('foreign-url');
    }
    const notOurs = await verify({ url: `${t.url}/newsroom/en/no-such-statement` });
    expect(notOurs.body.error?.details?.reason).toBe('bad-url');
    expect((await verify({ url: 'not a url' })).body.error?.details?.reason).toBe('bad-url');
  });

  it('flags a withdrawn statement on the page (banner with reason) and in verification', async () => {
    const p = await publishTestStatement(t, { title: 'Travel advisory for the northern provinces', body: 'Citizens are advised to postpone non-essential travel to the northern provinces.' });
    await withdrawForTest(p.input.statementId, 'Superseded by the advisory of 3 March <b>');
    const page = await t.app.inject({ method: 'GET', url: new URL(p.url).pathname });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('This statement has been withdrawn');
    expect(page.body).toContain('Superseded by the advisory of 3 March &lt;b&gt;');
    expect(page.body).toContain('Citizens are advised');
    const { body } = await verify({ text: p.input.body });
    expect(body).toMatchObject({ verdict: 'genuine', withdrawn: true, withdrawReason: 'Superseded by the advisory of 3 March <b>' });
    expect((await t.app.inject({ method: 'GET', url: `/api/v1/public/statements/${p.entryId}` })).json()).toMatchObject({ withdrawn: true });
    expect((await t.app.inject({ method: 'GET', url: '/newsroom/en/feed.json' })).json().items.find((i: { url: string }) => i.url === p.url)).toMatchObject({ title: '[Withdrawn] Travel advisory for the northern provinces', _diplodesk: { withdrawn: true } });
  });

  it('signs the withdrawal: the bundle carries it, verification checks it and reports a forged one', async () => {
    const p = await publishTestStatement(t, { title: 'Statement on the fisheries talks', body: 'The talks on fisheries will resume next month in Jakarta.' });
    const reason = 'Superseded by the joint statement of 4 March.';
    await withdrawForTest(p.input.statementId, reason);
    const bundle = (await t.app.inject({ method: 'GET', url: `/api/v1/public/statements/${p.entryId}` })).json();
    expect(bundle.withdrawal, 'the bundle carries a signed withdrawal').toMatchObject({ canonical: expect.any(String), jws: expect.any(String) });
    const record = JSON.parse(bundle.withdrawal.canonical);
    expect(record).toMatchObject({ type: 'withdrawal', entry: p.entryId, organisation: 'news.example.go.id', reason, signatureSha256: createHash('sha256').update(p.jws).digest('hex') });
    expect(await verifyStatement(await jwks(), bundle.withdrawal.canonical, bundle.withdrawal.jws)).toMatchObject({ valid: true });
    // The statement's own signature stays valid (it was genuine); the withdrawal is what says it no longer stands.
    const checked = await verify({ signedJson: JSON.stringify(bundle) });
    expect(checked.body).toMatchObject({ verdict: 'genuine', withdrawn: true, withdrawal: { valid: true, reason, withdrawnAt: record.withdrawnAt } });
    expect((await verify({ url: p.url })).body).toMatchObject({ verdict: 'genuine', withdrawal: { valid: true, reason } });
    const html = await t.app.inject({ method: 'POST', url: '/verify', payload: { text: JSON.stringify(bundle) }, remoteAddress: nextIp() });
    expect(html.body).toContain('by a signed withdrawal');
    // A withdrawal whose words were changed, or one taken from another statement, is reported as forged.
    const forged = { ...bundle, withdrawal: { ...bundle.withdrawal, canonical: bundle.withdrawal.canonical.replace('Superseded', 'Retracted') } };
    expect((await verify({ signedJson: JSON.stringify(forged) })).body).toMatchObject({ verdict: 'genuine', withdrawal: { valid: false, failure: 'signature' } });
    const other = await publishTestStatement(t, { title: 'Another statement', body: 'A different statement on a different day.' });
    const otherBundle = (await t.app.inject({ method: 'GET', url: `/api/v1/public/statements/${other.entryId}` })).json();
    expect((await verify({ signedJson: JSON.stringify({ ...otherBundle, withdrawal: bundle.withdrawal }) })).body).toMatchObject({ withdrawal: { valid: false, failure: 'other-statement' } });
    const page = await t.app.inject({ method: 'POST', url: '/verify', payload: { text: JSON.stringify(forged) }, remoteAddress: nextIp() });
    expect(page.body).toContain('withdrawal does not verify');
  });

  it('rate-limits the public verify endpoint per client address', async () => {
    const ip = '203.0.113.77';
    const statuses: number[] = [];
    for (let i = 0; i <= verifyRatePerMinute; i++) statuses.push((await verify({}, ip)).status);
    expect(statuses.slice(0, verifyRatePerMinute).every((s) => s === 400)).toBe(true);
    expect(statuses[verifyRatePerMinute]).toBe(429);
    expect((await verify({}, '203.0.113.78')).status).toBe(400);
  });
});

describe('signing keys', () => {
  it('rotation keeps old signatures verifiable, new ones use the new kid, and is audited', async () => {
    const before = await publishTestStatement(t, { title: 'Before rotation', body: 'Signed before the key rotation of this test.' });
    const rotated = await inTransaction(t.ctx, (tx) => rotateSigningKey(tx, t.ctx.secretBox.for('signing-keys'), t.organisationId, systemActor('test')));
    expect(rotated.previousKid).toBe(before.kid);
    const after = await publishTestStatement(t, { title: 'After rotation', body: 'Signed after the key rotation of this test.' });
    expect(after.kid).toBe(rotated.kid);
    expect(after.kid).not.toBe(before.kid);
    const keys = await listPublicKeys(t.ctx.db, t.organisationId);
    expect(keys.filter((k) => k.status === 'active').map((k) => k.kid)).toEqual([after.kid]);
    expect(keys.find((k) => k.kid === before.kid)).toMatchObject({ status: 'retired', retiredAt: expect.any(Date) });
    const set = await jwks();
    for (const p of [before, after]) {
      const bundle = (await t.app.inject({ method: 'GET', url: `/api/v1/public/statements/${p.entryId}` })).json();
      expect(await verifyStatement(set, bundle.canonical, bundle.jws)).toEqual({ valid: true, kid: p.kid });
      expect((await verify({ text: p.input.body })).body.verdict).toBe('genuine');
    }
    const audit = await t.ctx.db.select().from(auditLog).where(and(eq(auditLog.action, 'signing-key.rotated'), eq(auditLog.targetId, after.kid)));
    expect(audit).toHaveLength(1);
    expect(audit[0]?.summary).toEqual({ kid: after.kid, previousKid: before.kid });
  });

  it('creates exactly one key when many transactions sign for a new organisation at once', async () => {
    const org = newIdFor();
    const kids = await Promise.all(Array.from({ length: 6 }, () => inTransaction(t.ctx, async (tx) => (await getOrCreateActiveKey(tx, t.ctx.secretBox.for('signing-keys'), org)).kid)));
    expect(new Set(kids).size).toBe(1);
    const rows = await t.ctx.db.select().from(signingKeys).where(eq(signingKeys.organisationId, org));
    expect(rows).toHaveLength(1);
    expect(rows[0]?.privateKeySealed).toMatch(/^v2\./);
    const created = await t.ctx.db.select().from(auditLog).where(and(eq(auditLog.action, 'signing-key.created'), eq(auditLog.unitId, org)));
    expect(created).toHaveLength(1);
  });

  it('refuses a second active key for an organisation at the database level', async () => {
    const org = newIdFor();
    await inTransaction(t.ctx, (tx) => getOrCreateActiveKey(tx, t.ctx.secretBox.for('signing-keys'), org));
    await expect(
      t.ctx.db.execute(sql`insert into signing_keys (id, organisation_id, kid, public_jwk, private_key_sealed, status) values (${newIdFor()}, ${org}, ${`x-${org}`}, '{}', 'v1.x', 'active')`),
    ).rejects.toThrow();
  });
});

describe('newsroom pages and feeds', () => {
  const hostile = '<script>alert("x")</script> & "quotes" \u0001';
  let hostileEntry: Awaited<ReturnType<typeof publishTestStatement>>;
  beforeAll(async () => {
    hostileEntry = await publishTestStatement(t, { language: 'en', title: hostile, body: `Body with <img src=x onerror=alert(1)> and & ampersands.\nSecond line.\n\nSecond paragraph.`, attachments: [{ fileName: '<annex>.pdf', mimeType: 'application/pdf', byteSize: 12_345, sha256: 'A'.repeat(64) }] });
  });

  it('escapes hostile titles and bodies on the index, language and entry pages', async () => {
    for (const url of ['/newsroom', '/newsroom/en', new URL(hostileEntry.url).pathname]) {
      const res = await t.app.inject({ method: 'GET', url });
      expect(res.statusCode, url).toBe(200);
      expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
      expect(res.body, url).not.toContain('<script>alert');
      expect(res.body, url).not.toContain('<img src=x');
      expect(res.body, url).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &quot;quotes&quot;');
      expect(res.headers['content-security-policy']).toContain("script-src 'self'");
    }
  });

  it('renders the entry page: landmarks, skip link, paragraphs, attachments with SHA-256, signature block, other languages', async () => {
    const statementId = newIdFor();
    const en = await publishTestStatement(t, { statementId, title: 'Ceasefire welcomed', body: 'We welcome the ceasefire.\n\nAll parties must respect it.', attachments: [{ fileName: 'annex.pdf', mimeType: 'application/pdf', byteSize: 2048, sha256: 'b'.repeat(64) }] });
    const ar = await publishTestStatement(t, { statementId, language: 'ar', title: 'الترحيب بوقف إطلاق النار', body: 'نرحب بوقف إطلاق النار.' });
    const html = (await t.app.inject({ method: 'GET', url: new URL(en.url).pathname })).body;
    expect(html).toContain('<html lang="en">');
    expect(html).toMatch(/<a class="skip-link" href="#main">/);
    expect(html).toMatch(/<main id="main"/);
    expect(html).toMatch(/<header[\s\S]*<nav[\s\S]*<\/header>[\s\S]*<footer/);
    expect(html).toContain('<article class="statement" lang="en" dir="ltr">');
    expect(html).toContain('<p>We welcome the ceasefire.</p>\n<p>All parties must respect it.</p>');
    expect(html).toContain('b'.repeat(64));
    expect(html).toContain(en.kid);
    expect(html).toMatch(/<details><summary>Show the signature \(JWS\)<\/summary><pre class="jws"><code>[^<]+<\/code><\/pre><\/details>/);
    expect(html).toContain(`href="/verify?entry=${en.entryId}"`);
    expect(html).toContain('href="/.well-known/jwks.json"');
    expect(html).toContain(`href="${new URL(ar.url).pathname}" hreflang="ar" lang="ar" dir="rtl"`);
    const arabic = (await t.app.inject({ method: 'GET', url: new URL(ar.url).pathname })).body;
    expect(arabic).toContain('<article class="statement" lang="ar" dir="rtl">');
    expect(arabic).toContain('<p>نرحب بوقف إطلاق النار.</p>');

    const css = await t.app.inject({ method: 'GET', url: '/newsroom/assets/newsroom.css' });
    expect(css.statusCode).toBe(200);
    expect(css.body).toContain('@media print');
  });

  it('shows page chrome in the reader\'s language: ?ui= first, then Accept-Language', async () => {
    const id = await t.app.inject({ method: 'GET', url: '/newsroom?ui=id' });
    expect(id.body).toContain('<html lang="id">');
    expect(id.body).toContain('Pernyataan terbaru');
    expect(id.body).toContain('href="/verify?ui=id"');
    const negotiated = await t.app.inject({ method: 'GET', url: '/newsroom', headers: { 'accept-language': 'fr;q=0.9, id;q=0.8, en;q=0.1' } });
    expect(negotiated.body).toContain('Langsung ke konten utama');
    const english = await t.app.inject({ method: 'GET', url: '/newsroom', headers: { 'accept-language': 'de' } });
    expect(english.body).toContain('Latest statements');
  });

  it('pages the index with a stable cursor', async () => {
    const statementIds: string[] = [];
    for (let i = 0; i < 22; i++) {
      const p = await publishTestStatement(t, { language: 'pt-BR', title: `Nota ${i}`, body: `Texto número ${i} sobre cooperação.`, publishedAt: new Date(Date.UTC(2025, 0, 1, 0, i)) });
      statementIds.push(p.entryId);
    }
    const first = (await t.app.inject({ method: 'GET', url: '/newsroom/pt-BR' })).body;
    expect(first).toContain('Nota 21');
    expect(first).not.toContain('Nota 1<');
    const next = /href="(\/newsroom\/pt-BR\?before=[^"]+)" rel="next"/.exec(first)?.[1];
    expect(next).toBeDefined();
    const second = (await t.app.inject({ method: 'GET', url: (next ?? '').replaceAll('&amp;', '&') })).body;
    expect(second).toContain('Nota 1<');
    expect(second).toContain('Nota 0<');
    expect(second).not.toContain('Nota 21');
    expect(second).toContain('rel="first"');
  });

  it('serves well-formed RSS 2.0 and Atom, and a JSON Feed 1.1, escaping hostile titles', async () => {
    const rss = await t.app.inject({ method: 'GET', url: '/newsroom/en/rss.xml' });
    expect(rss.headers['content-type']).toBe('application/rss+xml; charset=utf-8');
    expect(rss.headers['access-control-allow-origin']).toBe('*');
    const rssNames = assertWellFormedXml(rss.body);
    expect(rssNames.slice(0, 2)).toEqual(['rss', 'channel']);
    expect(rssNames.filter((n) => n === 'item').length).toBeGreaterThan(3);
    expect(rss.body).toContain('<title>&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &quot;quotes&quot; </title>');
    expect(rss.body).toContain(`<link>${hostileEntry.url}</link>`);
    expect(rss.body).toMatch(/<pubDate>\w{3}, \d{2} \w{3} \d{4} \d{2}:\d{2}:\d{2} GMT<\/pubDate>/);

    const atom = await t.app.inject({ method: 'GET', url: '/newsroom/en/atom.xml' });
    expect(atom.headers['content-type']).toBe('application/atom+xml; charset=utf-8');
    const atomNames = assertWellFormedXml(atom.body);
    expect(atomNames[0]).toBe('feed');
    expect(atom.body).toContain('<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="en">');
    expect(atom.body).toContain(`<id>urn:uuid:${hostileEntry.entryId}</id>`);
    expect(atom.body).not.toContain('\u0001');

    const feed = await t.app.inject({ method: 'GET', url: '/newsroom/en/feed.json' });
    expect(feed.headers['content-type']).toBe('application/feed+json; charset=utf-8');
    const json = feed.json();
    expect(json).toMatchObject({ version: 'https://jsonfeed.org/version/1.1', language: 'en', feed_url: 'https://news.example.go.id/newsroom/en/feed.json' });
    const item = json.items.find((i: { id: string }) => i.id === `urn:uuid:${hostileEntry.entryId}`);
    expect(item).toMatchObject({ title: hostile, url: hostileEntry.url, _diplodesk: { kid: hostileEntry.kid, jws: hostileEntry.jws } });
    expect(new Date(item.date_published).toISOString()).toBe(item.date_published);
  });

  it('speaks Indonesian in the Indonesian feeds', async () => {
    await publishTestStatement(t, { language: 'id', title: 'Pernyataan pers', body: 'Indonesia menyambut baik kesepakatan ini.' });
    const rss = await t.app.inject({ method: 'GET', url: '/newsroom/id/rss.xml' });
    expect(rss.body).toContain('Pernyataan yang diterbitkan dan ditandatangani secara digital oleh');
    const en = await t.app.inject({ method: 'GET', url: '/newsroom/en/rss.xml' });
    expect(en.body).toContain('<language>en</language>');
    expect(en.body).not.toContain('Pernyataan yang diterbitkan');
  });

  it('renders the verify page with the three outcomes, labelled diff, and errors in words', async () => {
    const p = await publishTestStatement(t, { title: 'Vaccine donation', body: 'Indonesia will donate two million vaccine doses to partners in the Pacific.' });
    const form = (fields: Record<string, string>, ip = nextIp()) =>
      t.app.inject({ method: 'POST', url: '/verify', payload: new URLSearchParams(fields).toString(), headers: { 'content-type': 'application/x-www-form-urlencoded' }, remoteAddress: ip });

    const blank = await t.app.inject({ method: 'GET', url: '/verify' });
    expect(blank.statusCode).toBe(200);
    expect(blank.body).toContain('<textarea id="verify-text" name="text"');
    expect(blank.body).toContain('<script src="/newsroom/assets/verify.js" defer></script>');
    expect((await t.app.inject({ method: 'GET', url: '/newsroom/assets/verify.js' })).headers['content-type']).toContain('javascript');

    const genuine = await form({ text: p.input.body });
    expect(genuine.statusCode).toBe(200);
    expect(genuine.body).toContain('data-verdict="genuine"');
    expect(genuine.body).toMatch(/<span class="verdict-icon" aria-hidden="true">✔<\/span> <strong>Genuine<\/strong>/);

    const modified = await form({ text: p.input.body.replace('two million', 'twenty million') }, nextIp());
    expect(modified.body).toContain('data-verdict="modified"');
    expect(modified.body).toContain('<del><span class="visually-hidden">removed: </span>two<span class="visually-hidden"> (end of change)</span></del>');
    expect(modified.body).toContain('<ins><span class="visually-hidden">added: </span>twenty<span class="visually-hidden"> (end of change)</span></ins>');

    const none = await form({ text: 'Completely unrelated words about gardening and tomatoes.' });
    expect(none.body).toContain('data-verdict="no-match"');
    expect(none.body).toContain('<strong>No match</strong>');

    const foreign = await form({ url: 'https://evil.example/newsroom/en/x' });
    expect(foreign.statusCode).toBe(400);
    expect(foreign.body).toContain('role="alert"');
    expect(foreign.body).toContain('Only addresses on https://news.example.go.id can be checked here.');

    const byEntry = await t.app.inject({ method: 'GET', url: `/verify?entry=${p.entryId}&ui=id` });
    expect(byEntry.body).toContain('<strong>Asli</strong>');

    const bundle = (await t.app.inject({ method: 'GET', url: `/api/v1/public/statements/${p.entryId}` })).body;
    expect((await form({ text: bundle })).body).toContain('data-verdict="genuine"');

    const ip = '198.51.100.9';
    for (let i = 0; i < verifyRatePerMinute; i++) await form({ text: '' }, ip);
    const limited = await form({ text: 'x' }, ip);
    expect(limited.statusCode).toBe(429);
    expect(limited.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(limited.body).toContain('Too many checks from your network');
  });
});

describe('recordSignedStatement input', () => {
  it('stores the normalised (signed) text and a readable slug for any script', async () => {
    const p = await publishTestStatement(t, { language: 'EN-gb', title: 'Communiqué:  Élysée talks', body: 'Line one\r\nline two' });
    expect(p.url).toMatch(/\/newsroom\/en-GB\/communique-elysee-talks-[0-9a-f]{8}$/);
    const ja = await publishTestStatement(t, { language: 'ja', title: '日本との共同声明', body: '本日、両国は共同声明を発表した。' });
    expect(decodeURIComponent(ja.url)).toMatch(/\/newsroom\/ja\/日本との共同声明-[0-9a-f]{8}$/);
    expect((await t.app.inject({ method: 'GET', url: new URL(ja.url).pathname })).statusCode).toBe(200);
    // Found by its content hash: no word splitting involved.
    expect((await verify({ text: '本日、両国は共同声明を発表した。' })).body.verdict).toBe('genuine');
    await expect(inTransaction(t.ctx, (tx) => recordSignedStatement(tx, { secretBox: t.ctx.secretBox, config: t.config }, { ...p.input, statementId: newIdFor(), body: '  ' }))).rejects.toThrow(/body must not be empty/);
  });
});
