import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildUnit, buildUser, testPassword } from '../../../test/factories.ts';
import { type Client, createTestApp, signInAs, type TestApp } from '../../../test/test-app.ts';
import { pngFile } from './attachment-files.ts';

type UserRow = Awaited<ReturnType<typeof buildUser>>;

let t: TestApp;
let editor: Client;
let approver: Client;
let approver2: Client;
let admin: Client;
let viewerOfMission: Client;
let editorUser: UserRow;

const texts = [
  { language: 'id', title: 'Pernyataan tentang kerja sama maritim', body: 'Indonesia menyambut baik kesepakatan kerja sama maritim.\n\nKami berkomitmen pada laut yang aman.' },
  { language: 'en', title: 'Statement on maritime cooperation', body: 'Indonesia welcomes the maritime cooperation agreement.\n\nWe are committed to safe seas.' },
];

async function createDraft(c: Client = editor, unitId?: string) {
  const root = (await t.app.inject({ method: 'GET', url: '/api/v1/system' })).json();
  void root;
  const units = (await c.get('/api/v1/units')).json().items as { id: string; parentId: string | null }[];
  const res = await c.post('/api/v1/statements', {
    unitId: unitId ?? units.find((u) => u.parentId === null)?.id,
    kind: 'statement',
    primaryLanguage: 'id',
    audienceTimeZone: 'Asia/Jakarta',
    texts,
    tags: ['maritime'],
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json();
}

beforeAll(async () => {
  t = await createTestApp();
  editorUser = await buildUser(t.ctx, { role: 'editor' });
  const a1 = await buildUser(t.ctx, { role: 'approver' });
  const a2 = await buildUser(t.ctx, { role: 'approver' });
  const ad = await buildUser(t.ctx, { role: 'admin' });
  const mission = await buildUnit(t.ctx);
  const v = await buildUser(t.ctx, { role: 'viewer', unit: mission });
  editor = await signInAs(t.app, editorUser.email, testPassword);
  approver = await signInAs(t.app, a1.email, testPassword);
  approver2 = await signInAs(t.app, a2.email, testPassword);
  admin = await signInAs(t.app, ad.email, testPassword);
  viewerOfMission = await signInAs(t.app, v.email, testPassword);
});
afterAll(() => t?.close());

describe('statements desk', () => {
  it('drafts in two languages, keeps versions and diffs them', async () => {
    const s = await createDraft();
    expect(s).toMatchObject({ status: 'draft', version: 1, primaryLanguage: 'id', policies: { edit: true, submit: true, decide: false } });
    expect(s.texts.map((x: { language: string }) => x.language)).toEqual(['id', 'en']);
    const edited = await editor.patch(`/api/v1/statements/${s.id}`, {
      baseVersion: 1,
      texts: [texts[0], { ...texts[1], body: texts[1]?.body.replace('safe seas', 'safe and open seas') }],
      note: 'wording',
    });
    expect(edited.statusCode, edited.body).toBe(200);
    expect(edited.json().version).toBe(2);
    // A save from a stale version is a conflict, not a silent overwrite.
    const stale = await editor.patch(`/api/v1/statements/${s.id}`, { baseVersion: 1, tags: ['x'] });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.code).toBe('statement.version-conflict');
    const versions = (await editor.get(`/api/v1/statements/${s.id}/versions`)).json().items;
    expect(versions.map((v: { number: number }) => v.number)).toEqual([2, 1]);
    const diff = (await editor.get(`/api/v1/statements/${s.id}/diff?from=1&to=2`)).json();
    const body = diff.fields.find((f: { field: string; language: string }) => f.field === 'body' && f.language === 'en');
    expect(body.changed).toBe(true);
    expect(body.segments.filter((x: { op: string }) => x.op === 'insert').map((x: { text: string }) => x.text.trim())).toContain('and open');
    const comment = await approver.post(`/api/v1/statements/${s.id}/comments`, { version: 2, body: 'Please cite the agreement date.' });
    expect(comment.statusCode, comment.body).toBe(201);
    expect((await editor.get(`/api/v1/statements/${s.id}/versions`)).json().items[0].comments).toBe(1);
  });

  it('refuses a draft without any title, titles and texts over their limits, and names the size limit of a body too large to read', async () => {
    const units = (await editor.get('/api/v1/units')).json().items as { id: string; parentId: string | null }[];
    const base = { unitId: units.find((u) => u.parentId === null)?.id, kind: 'statement', primaryLanguage: 'id', audienceTimeZone: 'Asia/Jakarta' };
    const untitled = await editor.post('/api/v1/statements', { ...base, texts: [{ language: 'id', title: '  ', body: '' }] });
    expect(untitled.statusCode, untitled.body).toBe(400);
    expect(untitled.json().error.details).toEqual([expect.objectContaining({ path: 'body.texts', message: expect.stringMatching(/title/) })]);
    const longTitle = await editor.post('/api/v1/statements', { ...base, texts: [{ language: 'id', title: 'A'.repeat(3000), body: 'Isi.' }] });
    expect(longTitle.statusCode).toBe(400);
    expect(longTitle.json().error.details[0]).toMatchObject({ path: 'body.texts.0.title', message: expect.stringMatching(/300/) });
    const longBody = await editor.post('/api/v1/statements', { ...base, texts: [{ language: 'id', title: 'Judul', body: 'x'.repeat(100_001) }] });
    expect(longBody.statusCode).toBe(400);
    expect(longBody.json().error.details[0]).toMatchObject({ path: 'body.texts.0.body', message: expect.stringMatching(/100000/) });
    // A translation may wait for its title while another language has one.
    const partly = await editor.post('/api/v1/statements', { ...base, texts: [{ language: 'id', title: 'Judul', body: '' }, { language: 'en', title: '', body: '' }] });
    expect(partly.statusCode, partly.body).toBe(201);
    const cleared = await editor.patch(`/api/v1/statements/${partly.json().id}`, { baseVersion: 1, texts: [{ language: 'id', title: '', body: 'Tanpa judul' }] });
    expect(cleared.statusCode).toBe(400);
    const huge = await editor.post('/api/v1/statements', { ...base, texts: [{ language: 'id', title: 'Judul', body: 'x'.repeat(1_200_000) }] });
    expect(huge.statusCode).toBe(413);
    expect(huge.json().error).toMatchObject({ code: 'request.too-large', message: expect.stringMatching(/1 MB/), details: { maxBytes: 1_048_576 } });
  });

  it('clears through the chain: no self-approval, approvers in order, then signs and publishes', async () => {
    const s = await createDraft();
    const submitted = await editor.post(`/api/v1/statements/${s.id}/submit`, { baseVersion: 1 });
    expect(submitted.statusCode, submitted.body).toBe(200);
    expect(submitted.json()).toMatchObject({ status: 'in-clearance', clearance: { chainName: 'Ordinary clearance', currentStep: 0 } });

    const inbox = (await approver.get('/api/v1/statements/inbox')).json();
    expect(inbox.items.map((i: { id: string }) => i.id)).toContain(s.id);
    expect(inbox.counts.awaitingMe).toBeGreaterThan(0);
    expect((await editor.get('/api/v1/statements/inbox')).json().counts.myInClearance).toBeGreaterThan(0);

    // The admin holds every role but cannot approve step 1 twice with step 2; the editor cannot approve at all.
    const byEditor = await editor.post(`/api/v1/statements/${s.id}/decisions`, { baseVersion: 1, decision: 'approve' });
    expect(byEditor.json().error.code).toBe('authz.forbidden');
    const step1 = await approver.post(`/api/v1/statements/${s.id}/decisions`, { baseVersion: 1, decision: 'approve' });
    expect(step1.statusCode, step1.body).toBe(200);
    expect(step1.json().clearance.currentStep).toBe(1);
    const notAdmin = await approver2.post(`/api/v1/statements/${s.id}/decisions`, { baseVersion: 1, decision: 'approve' });
    expect(notAdmin.json().error.code).toBe('statement.not-an-approver');
    const step2 = await admin.post(`/api/v1/statements/${s.id}/decisions`, { baseVersion: 1, decision: 'approve' });
    expect(step2.statusCode, step2.body).toBe(200);
    expect(step2.json()).toMatchObject({ status: 'cleared' });
    expect((await approver.get(`/api/v1/statements/${s.id}`)).json().policies.schedule).toBe(false);
    expect((await editor.get(`/api/v1/statements/${s.id}`)).json().policies.schedule).toBe(true);

    const published = await editor.post(`/api/v1/statements/${s.id}/schedule`, { scheduledAt: null });
    expect(published.statusCode, published.body).toBe(200);
    const dto = published.json();
    expect(dto.status).toBe('published');
    expect(dto.newsroom.map((n: { language: string }) => n.language).sort()).toEqual(['en', 'id']);
    // The newsroom tells the time in the statement's audience zone (Jakarta here), naming it.
    const page = await t.app.inject({ method: 'GET', url: `${new URL(dto.newsroom.find((n: { language: string }) => n.language === 'id').url).pathname}?ui=id` });
    expect(page.body).toMatch(/<time datetime="[^"]+">\d{1,2} \p{L}+ \d{4} pukul \d{2}\.\d{2} WIB \(Asia\/Jakarta\)<\/time>/u);
    const list = await t.app.inject({ method: 'GET', url: '/newsroom?ui=en' });
    expect(list.body).toMatch(/at \d{2}:\d{2} GMT\+7 \(Asia\/Jakarta\)/);
    const record = dto.clearance.decisions.map((d: { decision: string; stepIndex: number; valid: boolean }) => [d.stepIndex, d.decision, d.valid]);
    expect(record).toEqual([
      [0, 'approve', true],
      [1, 'approve', true],
    ]);
    const audit = (await admin.get(`/api/v1/audit?targetId=${s.id}`)).json().items.map((e: { action: string }) => e.action);
    for (const action of ['statement.created', 'statement.submitted', 'statement.approved', 'statement.cleared', 'statement.scheduled', 'statement.published']) expect(audit).toContain(action);
  });

  it('keeps texts for platforms without a connected account, versioned, and records at publication that they did not go out', async () => {
    const s = await createDraft();
    const platformTexts = [
      { platform: 'x', language: 'id', text: 'Indonesia menyambut baik kesepakatan kerja sama maritim. #LautAman', title: null },
      { platform: 'bluesky', language: 'en', text: 'Indonesia welcomes the maritime cooperation agreement.', title: null },
    ];
    const saved = await editor.patch(`/api/v1/statements/${s.id}`, { baseVersion: 1, platformTexts });
    expect(saved.statusCode, saved.body).toBe(200);
    expect(saved.json()).toMatchObject({ version: 2, platformTexts, variants: [] });
    // Saved again unchanged: no new version.
    expect((await editor.patch(`/api/v1/statements/${s.id}`, { baseVersion: 2, platformTexts })).json().version).toBe(2);
    const twice = await editor.patch(`/api/v1/statements/${s.id}`, { baseVersion: 2, platformTexts: [platformTexts[0], platformTexts[0]] });
    expect(twice.json().error.code).toBe('request.invalid');
    const unknown = await editor.patch(`/api/v1/statements/${s.id}`, { baseVersion: 2, platformTexts: [{ ...platformTexts[0], platform: 'myspace' }] });
    expect(unknown.statusCode).toBe(400);

    // Nothing blocks clearance: the texts simply cannot go out until an account is connected.
    expect((await editor.post(`/api/v1/statements/${s.id}/submit`, { baseVersion: 2 })).statusCode).toBe(200);
    expect((await approver.post(`/api/v1/statements/${s.id}/decisions`, { baseVersion: 2, decision: 'approve' })).statusCode).toBe(200);
    expect((await admin.post(`/api/v1/statements/${s.id}/decisions`, { baseVersion: 2, decision: 'approve' })).json().status).toBe('cleared');
    const published = await editor.post(`/api/v1/statements/${s.id}/schedule`, { scheduledAt: null });
    expect(published.json()).toMatchObject({ status: 'published', publications: [], platformTexts });
    const entries = (await admin.get(`/api/v1/audit?targetId=${s.id}`)).json().items as { action: string; summary: Record<string, unknown> }[];
    expect(entries.find((e) => e.action === 'statement.scheduled')?.summary).toMatchObject({ channels: 0, notPosted: ['x', 'bluesky'] });
  });

  it('says who can decide each step, leaving out whoever changed the text (a lone author-administrator learns nobody else can)', async () => {
    const units = (await admin.get('/api/v1/units')).json().items as { id: string; parentId: string | null }[];
    const rootId = units.find((u) => u.parentId === null)?.id;
    const byEditor = await createDraft();
    const submitted = (await editor.post(`/api/v1/statements/${byEditor.id}/submit`, { baseVersion: 1 })).json();
    const [desk, final] = submitted.clearance.steps as { deciders: { names: string[]; count: number } }[];
    expect(desk?.deciders.count).toBeGreaterThanOrEqual(2);
    const adminCount = final?.deciders.count ?? 0;
    expect(adminCount).toBeGreaterThanOrEqual(2);
    // The same chain, written by an administrator: she is left out of every step.
    const mine = (await admin.post('/api/v1/statements', { unitId: rootId, kind: 'statement', primaryLanguage: 'en', audienceTimeZone: 'UTC', texts })).json();
    const own = (await admin.post(`/api/v1/statements/${mine.id}/submit`, { baseVersion: 1 })).json();
    const adminName = (await admin.get('/api/v1/me')).json().user.displayName as string;
    expect(own.clearance.steps[1].deciders.count).toBe(adminCount - 1);
    expect(own.clearance.steps[1].deciders.names).not.toContain(adminName);
  });

  it('an edit during clearance invalidates the approvals given so far', async () => {
    const s = await createDraft();
    await editor.post(`/api/v1/statements/${s.id}/submit`, { baseVersion: 1 });
    await approver.post(`/api/v1/statements/${s.id}/decisions`, { baseVersion: 1, decision: 'approve' });
    const edited = await editor.patch(`/api/v1/statements/${s.id}`, { baseVersion: 1, texts: [{ ...texts[0], title: 'Judul baru' }] });
    expect(edited.statusCode, edited.body).toBe(200);
    const dto = edited.json();
    expect(dto).toMatchObject({ status: 'in-clearance', version: 2, clearance: { currentStep: 0 } });
    expect(dto.clearance.decisions[0].valid).toBe(false);
    // Approving the old version is refused; the approver must read the new one.
    expect((await admin.post(`/api/v1/statements/${s.id}/decisions`, { baseVersion: 1, decision: 'approve' })).json().error.code).toBe('statement.version-conflict');
  });

  it('request changes sends it back to draft with the reason; reject ends it; both stay on the record', async () => {
    const s = await createDraft();
    await editor.post(`/api/v1/statements/${s.id}/submit`, { baseVersion: 1 });
    const noReason = await approver.post(`/api/v1/statements/${s.id}/decisions`, { baseVersion: 1, decision: 'request-changes' });
    expect(noReason.statusCode).toBe(400);
    const back = await approver.post(`/api/v1/statements/${s.id}/decisions`, { baseVersion: 1, decision: 'request-changes', reason: 'Add the date.' });
    expect(back.json()).toMatchObject({ status: 'draft', changesRequested: { reason: 'Add the date.' } });
    expect((await editor.get('/api/v1/statements/inbox')).json().counts.myChangesRequested).toBeGreaterThan(0);
    await editor.post(`/api/v1/statements/${s.id}/submit`, { baseVersion: 1 });
    const rejected = await approver.post(`/api/v1/statements/${s.id}/decisions`, { baseVersion: 1, decision: 'reject', reason: 'Not our position.' });
    expect(rejected.json().status).toBe('rejected');
    const decisions = rejected.json().clearance.decisions.map((d: { round: number; decision: string }) => [d.round, d.decision]);
    expect(decisions).toEqual([
      [1, 'request-changes'],
      [2, 'reject'],
    ]);
  });

  it('withdraws a published statement and keeps the record', async () => {
    const s = await createDraft();
    await editor.post(`/api/v1/statements/${s.id}/submit`, { baseVersion: 1 });
    await approver.post(`/api/v1/statements/${s.id}/decisions`, { baseVersion: 1, decision: 'approve' });
    await admin.post(`/api/v1/statements/${s.id}/decisions`, { baseVersion: 1, decision: 'approve' });
    await editor.post(`/api/v1/statements/${s.id}/schedule`, { scheduledAt: null });
    // Taking back a published statement is an approver's call (editors cannot).
    const w = await approver.post(`/api/v1/statements/${s.id}/withdraw`, { reason: 'Superseded by the joint statement.' });
    expect(w.statusCode, w.body).toBe(200);
    expect(w.json()).toMatchObject({ status: 'withdrawn', withdrawn: { reason: 'Superseded by the joint statement.' } });
    expect(w.json().clearance.decisions).toHaveLength(2);
    expect((await editor.patch(`/api/v1/statements/${s.id}`, { baseVersion: 1, tags: ['x'] })).json().error.code).toBe('statement.not-editable');
  });

  it('uploads attachments checked by content, and refuses a renamed file', async () => {
    const s = await createDraft();
    const png = pngFile();
    const ok = await editor.request({ method: 'POST', url: `/api/v1/statements/${s.id}/attachments?altText=Logo`, headers: { 'content-type': 'image/png', 'x-file-name': encodeURIComponent('logo kemlu.png') }, payload: png });
    expect(ok.statusCode, ok.body).toBe(201);
    expect(ok.json()).toMatchObject({ fileName: 'logo kemlu.png', byteSize: png.length, altText: 'Logo' });
    const fake = await editor.request({ method: 'POST', url: `/api/v1/statements/${s.id}/attachments`, headers: { 'content-type': 'image/png', 'x-file-name': 'x.png' }, payload: Buffer.from('MZ this is not a png') });
    expect(fake.statusCode).toBe(400);
    expect(fake.json().error.code).toBe('statement.attachment-invalid');
    const exe = await editor.request({ method: 'POST', url: `/api/v1/statements/${s.id}/attachments`, headers: { 'content-type': 'application/x-msdownload' }, payload: Buffer.from('MZ') });
    expect(exe.statusCode).toBe(415);
    const kept = await editor.patch(`/api/v1/statements/${s.id}`, { baseVersion: 1, attachmentIds: [ok.json().id] });
    expect(kept.json().attachments).toHaveLength(1);
    const download = await editor.get(`/api/v1/statements/${s.id}/attachments/${ok.json().id}`);
    expect(download.rawPayload.equals(png)).toBe(true);
  });

  it('hides statements from people outside the unit, and refuses drafting without the role', async () => {
    const s = await createDraft();
    expect((await viewerOfMission.get(`/api/v1/statements/${s.id}`)).statusCode).toBe(404);
    expect((await viewerOfMission.get('/api/v1/statements')).json().items).toEqual([]);
    const units = (await viewerOfMission.get('/api/v1/units')).json().items as { id: string; kind: string }[];
    const mission = units.find((u) => u.kind === 'mission');
    const res = await viewerOfMission.post('/api/v1/statements', { unitId: mission?.id, kind: 'statement', primaryLanguage: 'en', audienceTimeZone: 'UTC', texts });
    expect(res.statusCode).toBe(403);
  });

  it('lists, searches and pages', async () => {
    const list = (await editor.get('/api/v1/statements?limit=2')).json();
    expect(list.items).toHaveLength(2);
    expect(list.nextCursor).toBeTruthy();
    const next = (await editor.get(`/api/v1/statements?limit=2&cursor=${encodeURIComponent(list.nextCursor)}`)).json();
    expect(next.items[0].id).not.toBe(list.items[0].id);
    expect((await editor.get('/api/v1/statements?q=JUDUL%20BARU')).json().items).toHaveLength(1);
    expect((await editor.get('/api/v1/statements?cursor=nonsense')).statusCode).toBe(400);
  });

  it('a clearance still pending at the scheduled time expires and its owner is told; a scheduled one goes live', async () => {
    const { statementDue } = await import('../commands/statement-due.ts');
    const soon = () => new Date(Date.now() + 1500).toISOString();
    const runDue = (id: string, at: string) => t.ctx.db.transaction((tx) => statementDue(tx, t.ctx, { statementId: id, at }));

    const pending = await createDraft();
    const at = soon();
    expect((await editor.post(`/api/v1/statements/${pending.id}/submit`, { baseVersion: 1, scheduledAt: at })).statusCode).toBe(200);
    await runDue(pending.id, at); // too early: nothing happens
    expect((await editor.get(`/api/v1/statements/${pending.id}`)).json().status).toBe('in-clearance');
    await new Promise((r) => setTimeout(r, 1600));
    await runDue(pending.id, at);
    expect((await editor.get(`/api/v1/statements/${pending.id}`)).json().status).toBe('expired');
    const events = await t.ctx.db.execute(sql`select data from outbox where type = 'statements.statement-changed' and data->>'statementId' = ${pending.id} and data->>'change' = 'expired'`);
    const rows = (events as unknown as { rows: { data: { ownerId: string; title: string } }[] }).rows;
    expect(rows[0]?.data).toMatchObject({ ownerId: editorUser.id, title: texts[0]?.title });

    const scheduled = await createDraft();
    const at2 = soon();
    await editor.post(`/api/v1/statements/${scheduled.id}/submit`, { baseVersion: 1, scheduledAt: at2 });
    await approver.post(`/api/v1/statements/${scheduled.id}/decisions`, { baseVersion: 1, decision: 'approve' });
    const cleared = await admin.post(`/api/v1/statements/${scheduled.id}/decisions`, { baseVersion: 1, decision: 'approve' });
    expect(cleared.json()).toMatchObject({ status: 'scheduled', scheduledAt: at2 });
    expect(cleared.json().newsroom).toEqual([]); // signed, not public yet
    await new Promise((r) => setTimeout(r, 1600));
    await runDue(scheduled.id, at2);
    const live = (await editor.get(`/api/v1/statements/${scheduled.id}`)).json();
    expect(live.status).toBe('published');
    expect(live.newsroom).toHaveLength(2);
  });

  it('offers the seeded templates in both languages', async () => {
    const templates = (await editor.get('/api/v1/statement-templates')).json().items as { purpose: string; texts: { language: string }[] }[];
    expect(templates.map((x) => x.purpose).sort()).toEqual(['condolence', 'congratulation', 'rapid-rebuttal', 'travel-advisory']);
    for (const tpl of templates) expect(tpl.texts.map((x) => x.language).sort()).toEqual(['en', 'id']);
  });
});
