// Rebuttals (ADR 0028): "Respond" on a finding drafts a statement linked to it, carrying the claim
// it reviews; cleared on the fast track and published, the newsroom page embeds a ClaimReview built
// from the signed payload, the finding lists the rebuttal with its state and the time from finding
// to publication, and nobody may respond to a finding or claim they cannot see.
import type { RebuttalListResponse, StatementDto } from '@diplodesk/contracts';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inTransaction } from '../../../platform/context.ts';
import { verifyStatement } from '../../../platform/crypto/signing/sign-statement.ts';
import { newIdFor, queryRows } from '../../../platform/db/index.ts';
import { buildUnit, buildUser, testPassword } from '../../../test/factories.ts';
import { adminEmail, adminPassword, type Client, createTestApp, signInAs, type TestApp } from '../../../test/test-app.ts';
import { tokenHeaders } from '../../../test/tokens.ts';
import { findRootUnit, type UnitRow } from '../../identity/index.ts';
import { raiseFinding } from '../index.ts';
import { until } from '../../../test/until.ts';

let t: TestApp;
let admin: Client;
let editor: Client;
let approver: Client;
let root: UnitRow;
let mission: UnitRow;
let claimId: string;

// A claim whose text tries to close the script element it will be embedded in.
const claimText = 'The ministry sells visas for cash </script><script>alert(1)</script> & <!-- hides it';

async function raise(unitId: string, title: string, claim: string | null): Promise<string> {
  const key = `claim:${claim ?? 'none'}:cluster:${newIdFor()}`;
  const found = await inTransaction(t.ctx, (tx) =>
    raiseFinding(tx, { detector: 'claim-match', subjectKey: key, type: 'claim-repeated', severity: 'high', unitId, title: { key: 'known-claim', params: { claim: title } }, claimId: claim, itemIds: [newIdFor()], accountKeys: ['visa_deals'], evidence: {}, seenAt: new Date() }),
  );
  return found.id;
}

const rebuttalDraft = (respondsTo: { type: string; id: string }, unitId = root.id) => ({
  unitId,
  kind: 'statement',
  primaryLanguage: 'en',
  audienceTimeZone: 'Asia/Jakarta',
  texts: [
    { language: 'en', title: 'The ministry does not sell visas', body: 'Visas are issued only through the official portal, free of any intermediary.' },
    { language: 'id', title: 'Kementerian tidak menjual visa', body: 'Visa hanya diterbitkan melalui portal resmi, tanpa perantara.' },
  ],
  respondsTo,
});

beforeAll(async () => {
  t = await createTestApp();
  root = (await findRootUnit(t.ctx.db)) as UnitRow;
  mission = await buildUnit(t.ctx, { name: 'Embassy in Tokyo' });
  admin = await signInAs(t.app, adminEmail, adminPassword);
  editor = await signInAs(t.app, (await buildUser(t.ctx, { role: 'editor' })).email, testPassword);
  approver = await signInAs(t.app, (await buildUser(t.ctx, { role: 'approver' })).email, testPassword);
  const claim = await admin.post('/api/v1/integrity/claims', {
    unitId: root.id,
    claimReviewed: claimText,
    language: 'en',
    reviewRating: { alternateName: 'False', ratingValue: 1, bestRating: 5, worstRating: 1 },
    itemReviewed: { authorName: 'Visa Deals page', datePublished: '2026-11-30', appearanceUrls: ['https://social.example/visa-deals/1'] },
    disproof: 'Visas are free of intermediaries.',
  });
  expect(claim.statusCode, claim.body).toBe(201);
  claimId = claim.json().id;
});
afterAll(() => t?.close());

describe('rebuttals of findings and claims', () => {
  it('respond → fast track → publish: the newsroom page carries the signed ClaimReview, the finding its rebuttal and the time to it', async () => {
    const findingId = await raise(root.id, 'Visa sale claim repeated by 3 accounts', claimId);
    const empty = await editor.get(`/api/v1/integrity/findings/${findingId}/rebuttals`);
    expect(empty.json()).toEqual({ items: [], response: null, hidden: 0 });

    const draft = await editor.post('/api/v1/statements', rebuttalDraft({ type: 'integrity-finding', id: findingId }));
    expect(draft.statusCode, draft.body).toBe(201);
    const s: StatementDto = draft.json();
    expect(s.respondsTo).toMatchObject({ type: 'integrity-finding', id: findingId, title: 'Visa sale claim repeated by 3 accounts', review: { claimId, text: claimText, rating: { alternateName: 'False', ratingValue: 1 } } });
    const audit = await queryRows<{ summary: { respondsTo: string; respondsToType: string } }>(t.ctx.db, sql`select summary from audit_log where target_id = ${s.id} and action = 'statement.created'`);
    expect(audit[0]?.summary).toMatchObject({ respondsTo: findingId, respondsToType: 'integrity-finding' });

    const drafted = await until(() => editor.get(`/api/v1/integrity/findings/${findingId}/rebuttals`).then((r) => r.json() as RebuttalListResponse), (r) => r.response !== null, 'the draft to be recorded');
    expect(drafted.items).toEqual([expect.objectContaining({ statementId: s.id, status: 'draft', publishedAt: null, newsroomUrl: null, respondsTo: { type: 'integrity-finding', id: findingId } })]);
    expect(drafted.response).toMatchObject({ statementId: s.id, publishedAt: null, minutesToPublish: null });

    expect((await editor.post(`/api/v1/statements/${s.id}/submit`, { baseVersion: 1, fastTrack: true })).json()).toMatchObject({ status: 'in-clearance', clearance: { chainName: 'Fast track (rapid response)' } });
    expect((await editor.get(`/api/v1/integrity/findings/${findingId}/rebuttals`)).json().items[0].status).toBe('in-clearance');
    expect((await approver.post(`/api/v1/statements/${s.id}/decisions`, { baseVersion: 1, decision: 'approve' })).json()).toMatchObject({ status: 'cleared' });
    const published = await editor.post(`/api/v1/statements/${s.id}/schedule`, { scheduledAt: null });
    expect(published.json()).toMatchObject({ status: 'published' });
    const entries = (published.json() as StatementDto).newsroom;
    const en = entries.find((e) => e.language === 'en');
    expect(en).toBeDefined();

    const listed = await until(() => editor.get(`/api/v1/integrity/findings/${findingId}/rebuttals`).then((r) => r.json() as RebuttalListResponse), (r) => r.response?.publishedAt != null, 'the publication to be recorded');
    const finding = (await editor.get(`/api/v1/integrity/findings/${findingId}`)).json();
    expect(listed.response?.minutesToPublish).toBe(Math.max(0, Math.round((Date.parse(listed.response?.publishedAt ?? '') - Date.parse(finding.createdAt)) / 60_000)));
    expect(listed.items[0]).toMatchObject({ status: 'published', newsroomUrl: en?.url });
    // The claim lists the rebuttal too (it responds through one of the claim's findings).
    expect((await editor.get(`/api/v1/integrity/claims/${claimId}/rebuttals`)).json().items.map((r: { statementId: string }) => r.statementId)).toEqual([s.id]);
    // Now the finding can be resolved as responded (offered, not done for the user).
    expect(finding.status).toBe('new');
    const resolved = await admin.post(`/api/v1/integrity/findings/${findingId}/resolve`, { outcome: 'responded' });
    expect(resolved.json()).toMatchObject({ status: 'resolved', outcome: 'responded' });

    const page = await t.app.inject({ method: 'GET', url: new URL(en?.url ?? '').pathname });
    expect(page.statusCode).toBe(200);
    const blocks = [...page.body.matchAll(/<script type="application\/ld\+json">([\s\S]*?)<\/script>/g)].map((m) => m[1] ?? '');
    expect(blocks).toHaveLength(1);
    // The claim's own "</script>" cannot end the element, nor "<!--" open a comment.
    expect(blocks[0]).not.toMatch(/[<>]/);
    const review = JSON.parse(blocks[0] ?? '');
    expect(review).toEqual({
      '@context': 'https://schema.org',
      '@type': 'ClaimReview',
      url: en?.url,
      claimReviewed: claimText,
      itemReviewed: { '@type': 'Claim', author: { '@type': 'Person', name: 'Visa Deals page' }, appearance: [{ '@type': 'CreativeWork', url: 'https://social.example/visa-deals/1' }], datePublished: '2026-11-30' },
      reviewRating: { '@type': 'Rating', alternateName: 'False', ratingValue: 1, bestRating: 5, worstRating: 1 },
      author: { '@type': 'Organization', name: expect.any(String), url: t.ctx.config.publicUrl },
      datePublished: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/),
      inLanguage: 'en',
    });
    expect(review.author.name.length).toBeGreaterThan(0);
    expect(page.body).not.toContain('<script>alert(1)</script>');

    // The review is part of what was signed: the public bundle carries it and the signature holds.
    const entryId = /\/api\/v1\/public\/statements\/([0-9a-f-]{36})/.exec(page.body)?.[1];
    const bundle = (await t.app.inject({ method: 'GET', url: `/api/v1/public/statements/${entryId}` })).json();
    expect(JSON.parse(bundle.canonical).review).toEqual({ claim: claimText, rating: { name: 'False', value: 1, best: 5, worst: 1 }, author: 'Visa Deals page', appearances: ['https://social.example/visa-deals/1'], datePublished: '2026-11-30' });
    const jwks = (await t.app.inject({ method: 'GET', url: '/.well-known/jwks.json' })).json();
    expect((await verifyStatement(jwks, bundle.canonical, bundle.jws)).valid).toBe(true);

    // The registry's export lists the ministry's own rebuttals when asked: one per language page.
    type Graph = { '@graph': { url?: string; claimReviewed: string; author?: { name?: string } }[] };
    const plain = (await editor.get('/api/v1/integrity/claims/export')).json() as Graph;
    expect(plain['@graph'].filter((n) => n.claimReviewed === claimText)).toHaveLength(1);
    const withOurs = (await editor.get('/api/v1/integrity/claims/export?rebuttals=true')).json() as Graph;
    const ours = withOurs['@graph'].filter((n) => n.url?.startsWith(`${t.ctx.config.publicUrl}/newsroom/`));
    expect(ours.map((n) => n.url).sort()).toEqual(entries.map((e) => e.url).sort());
    expect(ours.find((n) => n.url === en?.url)).toEqual(review);
  });

  it('a rebuttal of a claim itself is linked, and a statement responding to nothing of the kind has no ClaimReview', async () => {
    const draft = await editor.post('/api/v1/statements', rebuttalDraft({ type: 'integrity-claim', id: claimId }));
    expect(draft.statusCode, draft.body).toBe(201);
    expect(draft.json().respondsTo).toMatchObject({ type: 'integrity-claim', id: claimId, title: claimText, review: { claimId } });
    const list = (await editor.get(`/api/v1/integrity/claims/${claimId}/rebuttals`)).json() as RebuttalListResponse;
    expect(list.items.map((r) => [r.respondsTo.type, r.status])).toContainEqual(['integrity-claim', 'draft']);

    // A finding without a claim (impersonation, say) is linked but reviews nothing.
    const plain = await raise(root.id, 'Look-alike of the embassy account', null);
    const s = await editor.post('/api/v1/statements', rebuttalDraft({ type: 'integrity-finding', id: plain }));
    expect(s.json().respondsTo).toMatchObject({ type: 'integrity-finding', id: plain, review: null });
    await editor.post(`/api/v1/statements/${s.json().id}/submit`, { baseVersion: 1, fastTrack: true });
    await approver.post(`/api/v1/statements/${s.json().id}/decisions`, { baseVersion: 1, decision: 'approve' });
    const published = (await editor.post(`/api/v1/statements/${s.json().id}/schedule`, { scheduledAt: null })).json() as StatementDto;
    const page = await t.app.inject({ method: 'GET', url: new URL(published.newsroom[0]?.url ?? '').pathname });
    expect(page.statusCode).toBe(200);
    expect(page.body).not.toContain('application/ld+json');
  });

  it('refuses a response to a finding or claim the drafter cannot see, and one to something that does not exist', async () => {
    const elsewhere = await buildUnit(t.ctx, { name: 'Embassy in Canberra' });
    const hidden = await raise(elsewhere.id, 'Fake consular notice in Canberra', claimId);
    const missionEditor = await signInAs(t.app, (await buildUser(t.ctx, { role: 'editor', unit: mission })).email, testPassword);
    const before = await queryRows<{ n: number }>(t.ctx.db, sql`select count(*)::int as n from statements`);

    const refused = await missionEditor.post('/api/v1/statements', rebuttalDraft({ type: 'integrity-finding', id: hidden }, mission.id));
    expect(refused.statusCode).toBe(404);
    expect(refused.json().error.code).toBe('integrity-finding.not-found');
    // The same answer as for a finding that does not exist, or an id that is not one.
    for (const id of [newIdFor(), 'not-an-id']) {
      const res = await missionEditor.post('/api/v1/statements', rebuttalDraft({ type: 'integrity-finding', id }, mission.id));
      expect(res.json().error.code).toBe('integrity-finding.not-found');
    }
    expect((await missionEditor.post('/api/v1/statements', rebuttalDraft({ type: 'integrity-claim', id: newIdFor() }, mission.id))).json().error.code).toBe('integrity-claim.not-found');
    // A claim registered above the mission is matched against its items, so it may be rebutted there.
    expect((await missionEditor.post('/api/v1/statements', rebuttalDraft({ type: 'integrity-claim', id: claimId }, mission.id))).statusCode).toBe(201);

    // A token without integrity.read cannot reach a finding its owner could see.
    const visible = await raise(root.id, 'Visa sale claim in the capital', claimId);
    const headers = await tokenHeaders(editor, ['statement.read', 'statement.draft']);
    const byToken = await t.app.inject({ method: 'POST', url: '/api/v1/statements', headers, payload: rebuttalDraft({ type: 'integrity-finding', id: visible }) });
    expect(byToken.statusCode).toBe(404);
    expect((await editor.post('/api/v1/statements', rebuttalDraft({ type: 'integrity-finding', id: visible }))).statusCode).toBe(201);

    const after = await queryRows<{ n: number }>(t.ctx.db, sql`select count(*)::int as n from statements`);
    expect(after[0]?.n).toBe((before[0]?.n ?? 0) + 2);
    // Nor may the mission's editor list the hidden finding's rebuttals.
    expect((await missionEditor.get(`/api/v1/integrity/findings/${hidden}/rebuttals`)).statusCode).toBe(404);
  });
});
