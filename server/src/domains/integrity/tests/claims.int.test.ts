// The claims registry and the findings workflow over the API: a claim with its translations and
// narrative, ClaimReview JSON-LD import → export round trip, a bad file refused with its reasons and
// nothing stored, who may manage (an analyst and a token without the scope may not), and a finding
// taken from new to resolved and back, every step audited and announced.
import { CLAIM_THRESHOLDS } from '@diplodesk/analysis';
import type { ClaimDto, FindingDto } from '@diplodesk/contracts';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inTransaction } from '../../../platform/context.ts';
import { newIdFor, queryRows } from '../../../platform/db/index.ts';
import { buildUser, testPassword } from '../../../test/factories.ts';
import { adminEmail, adminPassword, type Client, createTestApp, signInAs, type TestApp } from '../../../test/test-app.ts';
import { tokenHeaders } from '../../../test/tokens.ts';
import { findRootUnit } from '../../identity/index.ts';
import { raiseFinding } from '../index.ts';

let t: TestApp;
let admin: Client;
let analyst: Client;
let rootId: string;

const count = async (table: string) => (await queryRows<{ n: number }>(t.ctx.db, sql`select count(*)::int as n from ${sql.identifier(table)}`))[0]?.n ?? 0;
const auditActions = async (targetId: string) => (await queryRows<{ action: string }>(t.ctx.db, sql`select action from audit_log where target_id = ${targetId} order by seq`)).map((r) => r.action);

const importFile = (c: Client, doc: unknown, type = 'application/ld+json') =>
  c.request({ method: 'POST', url: `/api/v1/integrity/claims/import?unitId=${rootId}`, headers: { 'content-type': type }, payload: typeof doc === 'string' ? doc : JSON.stringify(doc) });

const review = (claim: string, url: string) => ({
  '@context': 'https://schema.org',
  '@type': 'ClaimReview',
  url,
  claimReviewed: claim,
  inLanguage: 'en',
  author: { '@type': 'Organization', name: 'Cek Fakta' },
  datePublished: '2026-11-02',
  reviewRating: { '@type': 'Rating', ratingValue: 1, bestRating: 5, worstRating: 1, alternateName: 'False' },
  itemReviewed: { '@type': 'Claim', author: { '@type': 'Person', name: 'A page' }, appearance: [{ '@type': 'CreativeWork', url: 'https://social.example/p/9' }] },
  isPartOf: { '@type': 'CreativeWorkSeries', name: 'Health hoaxes' },
});

beforeAll(async () => {
  t = await createTestApp();
  rootId = (await findRootUnit(t.ctx.db))?.id ?? '';
  admin = await signInAs(t.app, adminEmail, adminPassword);
  const user = await buildUser(t.ctx, { role: 'analyst' });
  analyst = await signInAs(t.app, user.email, testPassword);
});
afterAll(() => t?.close());

describe('claims registry', () => {
  it('registers a claim with translations and a narrative, audited, and shows it to readers', async () => {
    const narrative = await admin.post('/api/v1/integrity/narratives', { unitId: rootId, name: 'Fake consular offers' });
    expect(narrative.statusCode, narrative.body).toBe(201);
    const res = await admin.post('/api/v1/integrity/claims', {
      unitId: rootId,
      claimReviewed: 'The ministry gives free visas to Japan to everyone who registers online',
      language: 'en',
      reviewRating: { alternateName: 'Fabricated' },
      reviewAuthor: 'Ministry of Foreign Affairs',
      url: 'https://kemlu.example/rebuttal/visa',
      outlets: ['Portal X'],
      targetCountries: ['id', 'JP'],
      disproof: 'No such programme exists.',
      narrativeId: narrative.json().id,
      translations: [{ language: 'id', text: 'Kemlu memberikan visa gratis ke Jepang' }],
    });
    expect(res.statusCode, res.body).toBe(201);
    const claim: ClaimDto = res.json();
    expect(claim).toMatchObject({ targetCountries: ['ID', 'JP'], translations: [{ language: 'id', text: 'Kemlu memberikan visa gratis ke Jepang' }], origin: 'manual', policies: { update: true, delete: true } });
    expect(claim.backfill.state).toBe('running');
    expect(await auditActions(claim.id)).toEqual(['integrity-claim.created']);

    const seen = await analyst.get(`/api/v1/integrity/claims/${claim.id}`);
    expect(seen.statusCode).toBe(200);
    expect(seen.json().policies).toEqual({ update: false, delete: false });

    const changed = await admin.patch(`/api/v1/integrity/claims/${claim.id}`, { translations: [{ language: 'id', text: 'Visa gratis ke Jepang dari Kemlu' }, { language: 'ms', text: 'Visa percuma ke Jepun' }] });
    expect(changed.statusCode, changed.body).toBe(200);
    expect(changed.json().translations.map((x: { language: string }) => x.language)).toEqual(['id', 'ms']);
    expect(await auditActions(claim.id)).toEqual(['integrity-claim.created', 'integrity-claim.updated']);

    const list = await analyst.get('/api/v1/integrity/claims?q=free%20visas');
    expect(list.json().items.map((c: ClaimDto) => c.id)).toEqual([claim.id]);
    const narratives = await analyst.get('/api/v1/integrity/narratives');
    expect(narratives.json().items[0]).toMatchObject({ name: 'Fake consular offers', claims: 1 });
  });

  it('refuses an analyst (integrity.read only) and a token without integrity.manage', async () => {
    const body = { unitId: rootId, claimReviewed: 'Anything at all', reviewRating: { alternateName: 'False' } };
    const byAnalyst = await analyst.post('/api/v1/integrity/claims', body);
    expect(byAnalyst.statusCode).toBe(403);
    const readOnly = await tokenHeaders(admin, ['integrity.read']);
    const byToken = await t.app.inject({ method: 'POST', url: '/api/v1/integrity/claims', headers: readOnly, payload: body });
    expect(byToken.statusCode).toBe(403);
    expect(byToken.json().error.code).toBe('auth.token-scope');
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/integrity/claims', headers: readOnly })).statusCode).toBe(200);
    const manage = await tokenHeaders(admin, ['integrity.manage']);
    expect((await t.app.inject({ method: 'POST', url: '/api/v1/integrity/claims', headers: manage, payload: body })).statusCode).toBe(201);
    expect((await analyst.request({ method: 'PUT', url: '/api/v1/integrity/settings', payload: { autoLink: 0.9, suggest: 0.5 } })).statusCode).toBe(403);
  });

  it('imports ClaimReview JSON-LD, exports it back the same, and the same file again changes nothing', async () => {
    const before = await count('integrity_claims');
    const doc = { '@context': 'https://schema.org', '@type': 'DataFeed', dataFeedElement: [{ '@type': 'DataFeedItem', item: [review('Lemon water cures the virus', 'https://cekfakta.example/1'), review('Vaccines carry microchips', 'https://cekfakta.example/2')] }] };
    const res = await importFile(admin, doc);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ created: 2, updated: 0 });
    expect(await count('integrity_claims')).toBe(before + 2);
    const again = await importFile(admin, doc, 'application/json');
    expect(again.json()).toMatchObject({ created: 0, updated: 2 });
    expect(await count('integrity_claims')).toBe(before + 2);

    const exported = await analyst.get(`/api/v1/integrity/claims/export?unitId=${rootId}`);
    expect(exported.statusCode).toBe(200);
    expect(exported.headers['content-type']).toContain('application/ld+json');
    const graph = exported.json();
    expect(graph['@context']).toBe('https://schema.org');
    const lemon = graph['@graph'].find((n: { claimReviewed: string }) => n.claimReviewed === 'Lemon water cures the virus');
    expect(lemon).toMatchObject({
      '@type': 'ClaimReview',
      url: 'https://cekfakta.example/1',
      inLanguage: 'en',
      author: { '@type': 'Organization', name: 'Cek Fakta' },
      reviewRating: { '@type': 'Rating', alternateName: 'False', ratingValue: 1, bestRating: 5, worstRating: 1 },
      itemReviewed: { '@type': 'Claim', author: { name: 'A page' }, appearance: [{ url: 'https://social.example/p/9' }] },
      isPartOf: { name: 'Health hoaxes' },
    });
    // The export imports back into the same claims: nothing new, every review recognised.
    const roundTrip = await importFile(admin, graph);
    expect(roundTrip.json().created).toBe(0);
    expect(await count('integrity_claims')).toBe(before + 2);
  });

  it('refuses a file with bad entries, naming each by index and reason, and stores nothing of it', async () => {
    const before = { claims: await count('integrity_claims'), narratives: await count('integrity_narratives') };
    const res = await importFile(admin, [review('A good one', 'https://cekfakta.example/3'), { ...review('', 'https://cekfakta.example/4') }, { '@type': 'NewsArticle' }, review('Bad address', 'ftp://x')]);
    expect(res.statusCode).toBe(422);
    const err = res.json().error;
    expect(err.code).toBe('integrity-claims.invalid-file');
    expect(err.details.problems).toEqual([
      { index: 1, code: 'claim-missing', params: {}, reason: 'claimReviewed is missing' },
      { index: 2, code: 'not-a-claim-review', params: { types: 'NewsArticle' }, reason: 'not a ClaimReview (@type NewsArticle)' },
      { index: 3, code: 'invalid-field', params: { field: 'url', message: expect.any(String) }, reason: expect.stringContaining('url') },
    ]);
    const notJson = await importFile(admin, '{"@type": "ClaimReview", ');
    expect(notJson.statusCode).toBe(422);
    expect(notJson.json().error.details.problems).toEqual([{ index: -1, code: 'not-json', params: {}, reason: 'not JSON' }]);
    expect(await count('integrity_claims')).toBe(before.claims);
    expect(await count('integrity_narratives')).toBe(before.narratives);
  });

  it('gives the thresholds with the precision and recall each would give', async () => {
    const res = await analyst.get('/api/v1/integrity/settings');
    expect(res.statusCode).toBe(200);
    const s = res.json();
    // The shipped thresholds, chosen on the evaluation's training tweets, until the workspace sets its own.
    const shipped = { autoLink: CLAIM_THRESHOLDS.autoLink, suggest: CLAIM_THRESHOLDS.suggest };
    expect(s).toMatchObject({ ...shipped, defaults: shipped, policies: { update: false } });
    expect(s.estimates.autoLink.precision).toBeGreaterThanOrEqual(s.estimates.suggest.precision);
    expect(s.estimates.suggest.recall).toBeGreaterThanOrEqual(s.estimates.autoLink.recall);
    expect(s.curve.length).toBeGreaterThan(10);
    const bad = await admin.request({ method: 'PUT', url: '/api/v1/integrity/settings', payload: { autoLink: 0.5, suggest: 0.7 } });
    expect(bad.statusCode).toBe(400);
  });
});

describe('findings workflow', () => {
  it('takes a finding from new to resolved and back, audited and announced, with the navigation count', async () => {
    const subjectKey = `test:${newIdFor()}`;
    const raise = () =>
      inTransaction(t.ctx, (tx) =>
        raiseFinding(tx, { detector: 'impersonation', subjectKey, type: 'look-alike-account', severity: 'high', unitId: rootId, title: { key: 'look-alike-account', params: { handle: 'kemlu_rl', platform: 'x', official: 'Kemlu_RI' } }, itemIds: [newIdFor()], accountKeys: ['kemlu_rl'], evidence: { official: 'Kemlu_RI' }, seenAt: new Date() }),
      );
    const first = await raise();
    const second = await raise();
    expect(second).toEqual({ id: first.id, created: false });
    const counts = await analyst.get('/api/v1/integrity/findings/counts');
    expect(counts.json()).toMatchObject({ open: 1, new: 1, byDetector: { impersonation: 1 } });

    const list = await analyst.get('/api/v1/integrity/findings?detector=impersonation&status=new');
    const found: FindingDto = list.json().items[0];
    // The English title is stored beside its key, so each screen can word it in its own language.
    expect(found).toMatchObject({ title: '@kemlu_rl (x) looks like the official @Kemlu_RI', titleKey: 'look-alike-account', titleParams: { handle: 'kemlu_rl', platform: 'x', official: 'Kemlu_RI' } });
    expect(found).toMatchObject({ id: first.id, itemCount: 2, accountKeys: ['kemlu_rl'], policies: { triage: false } });
    expect((await analyst.post(`/api/v1/integrity/findings/${first.id}/triage`, {})).statusCode).toBe(403);

    const me = (await admin.get('/api/v1/me')).json();
    const triaged = await admin.post(`/api/v1/integrity/findings/${first.id}/triage`, { severity: 'critical' });
    expect(triaged.json()).toMatchObject({ status: 'triaged', severity: 'critical' });
    const assigned = await admin.post(`/api/v1/integrity/findings/${first.id}/assign`, { assigneeId: me.user.id });
    expect(assigned.statusCode, assigned.body).toBe(200);
    expect((await admin.get('/api/v1/integrity/findings?assignee=me')).json().total).toBe(1);
    const commented = await admin.post(`/api/v1/integrity/findings/${first.id}/comments`, { text: 'Reported to the platform.' });
    expect(commented.json().comments).toMatchObject([{ text: 'Reported to the platform.' }]);
    const resolved = await admin.post(`/api/v1/integrity/findings/${first.id}/resolve`, { outcome: 'confirmed' });
    expect(resolved.json()).toMatchObject({ status: 'resolved', outcome: 'confirmed', policies: { reopen: true, resolve: false } });
    const twice = await admin.post(`/api/v1/integrity/findings/${first.id}/resolve`, { outcome: 'confirmed' });
    expect(twice.statusCode).toBe(409);
    expect((await analyst.get('/api/v1/integrity/findings/counts')).json().open).toBe(0);
    const reopened = await admin.post(`/api/v1/integrity/findings/${first.id}/reopen`, {});
    expect(reopened.json()).toMatchObject({ status: 'triaged', outcome: null });

    expect(await auditActions(first.id)).toEqual(['integrity-finding.triaged', 'integrity-finding.assigned', 'integrity-finding.commented', 'integrity-finding.resolved', 'integrity-finding.reopened']);
    const events = await queryRows<{ type: string }>(t.ctx.db, sql`select type from outbox where data->>'findingId' = ${first.id} order by seq`);
    expect(events.map((e) => e.type)).toEqual(['integrity.finding-raised', 'integrity.finding-changed', ...Array(5).fill('integrity.finding-changed')]);
  });
});
