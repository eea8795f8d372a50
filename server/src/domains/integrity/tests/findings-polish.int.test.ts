// Findings as a reader in any language sees them and as a team hands them round: titles stored by
// key beside their English wording (and an older row without a key still shown by its English
// title), and assignment to a person the server checks through `can()` may read the finding,
// audited and announced to that person's open tabs.
import type { FindingDto } from '@diplodesk/contracts';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inTransaction } from '../../../platform/context.ts';
import { newIdFor, queryRows } from '../../../platform/db/index.ts';
import { buildUnit, buildUser, testPassword } from '../../../test/factories.ts';
import { adminEmail, adminPassword, type Client, createTestApp, signInAs, type TestApp } from '../../../test/test-app.ts';
import { findRootUnit, type UnitRow } from '../../identity/index.ts';
import { type Analyser, createAnalyser, ingestBatch, insertSource, type SourceRow } from '../../listening/index.ts';
import { raiseFinding } from '../index.ts';

let t: TestApp;
let admin: Client;
let rootId: string;
let mission: UnitRow;
let people: { missionAnalyst: string; missionViewer: string; otherAnalyst: string; rootEditor: string };
let missionAnalyst: Client;
let analyser: Analyser;
let missionSource: SourceRow;
let otherSource: SourceRow;

let n = 0;
/** Stores posts collected by a source; returns their ids in order. */
const collect = async (source: SourceRow, texts: string[], url?: (i: number) => string) =>
  (
    await ingestBatch(
      t.ctx,
      analyser,
      source,
      texts.map((text, i) => ({ remoteId: `p${++n}`, text, publishedAt: new Date(Date.UTC(2026, 11, 1, 8, n)).toISOString(), author: { remoteAccountId: `id-acct${i}`, handle: `acct${i}` }, ...(url ? { url: url(i) } : {}) })),
      t.storedItems,
    )
  ).inserted;

const raiseAt = (unitId: string, subjectKey = `test:${newIdFor()}`) =>
  inTransaction(t.ctx, (tx) =>
    raiseFinding(tx, {
      detector: 'coordination',
      subjectKey,
      type: 'coordinated-sharing',
      severity: 'medium',
      unitId,
      title: { key: 'coordinated-sharing', params: { accounts: 12, items: 3, seconds: 45 } },
      itemIds: [newIdFor()],
      accountKeys: ['x:a', 'x:b'],
      evidence: {},
      seenAt: new Date(),
    }),
  );

beforeAll(async () => {
  t = await createTestApp();
  rootId = (await findRootUnit(t.ctx.db))?.id ?? '';
  admin = await signInAs(t.app, adminEmail, adminPassword);
  mission = await buildUnit(t.ctx, { name: 'Embassy in Canberra' });
  const other = await buildUnit(t.ctx, { name: 'Embassy in Wellington' });
  const [a, v, o, e] = await Promise.all([
    buildUser(t.ctx, { role: 'analyst', unit: mission }),
    buildUser(t.ctx, { role: 'viewer', unit: mission }),
    buildUser(t.ctx, { role: 'analyst', unit: other }),
    buildUser(t.ctx, { role: 'editor' }),
  ]);
  people = { missionAnalyst: a.id, missionViewer: v.id, otherAnalyst: o.id, rootEditor: e.id };
  missionAnalyst = await signInAs(t.app, a.email, testPassword);
  analyser = await createAnalyser();
  missionSource = await insertSource(t.ctx.db, { unitId: mission.id, connector: 'x', name: 'X search (Canberra)', config: { query: 'canberra' } });
  otherSource = await insertSource(t.ctx.db, { unitId: other.id, connector: 'x', name: 'X search (Wellington)', config: { query: 'wellington' } });
});
afterAll(() => t?.close());

describe('finding titles by key', () => {
  it('stores the key and parameters beside the English title', async () => {
    const { id } = await raiseAt(rootId);
    const f: FindingDto = (await admin.get(`/api/v1/integrity/findings/${id}`)).json();
    expect(f).toMatchObject({ title: '12 accounts shared 3 items within 45 s of each other', titleKey: 'coordinated-sharing', titleParams: { accounts: 12, items: 3, seconds: 45 } });
  });

  it('shows a finding from before keys by its English title, and keys it when it is raised again', async () => {
    const subjectKey = `legacy:${newIdFor()}`;
    const id = newIdFor();
    await queryRows(
      t.ctx.db,
      sql`insert into integrity_findings (id, detector, subject_key, type, severity, unit_id, title, first_seen_at, last_seen_at) values (${id}, 'coordination', ${subjectKey}, 'coordinated-sharing', 'low', ${rootId}, 'An old English title', now(), now())`,
    );
    expect((await admin.get(`/api/v1/integrity/findings/${id}`)).json()).toMatchObject({ title: 'An old English title', titleKey: null, titleParams: null });
    expect(await raiseAt(rootId, subjectKey)).toEqual({ id, created: false });
    expect((await admin.get(`/api/v1/integrity/findings/${id}`)).json()).toMatchObject({ title: '12 accounts shared 3 items within 45 s of each other', titleKey: 'coordinated-sharing' });
  });
});

describe('assigning a finding to someone', () => {
  it('offers exactly the active people who may read the finding, and refuses anyone else', async () => {
    const { id } = await raiseAt(mission.id);
    const res = await admin.get(`/api/v1/integrity/findings/${id}/assignees`);
    expect(res.statusCode, res.body).toBe(200);
    const ids = (res.json().items as { id: string; name: string }[]).map((p) => p.id);
    expect(ids).toEqual(expect.arrayContaining([people.missionAnalyst, people.rootEditor]));
    // A viewer of the mission holds no integrity.read; another mission's analyst does not reach it.
    expect(ids).not.toContain(people.missionViewer);
    expect(ids).not.toContain(people.otherAnalyst);

    for (const assigneeId of [people.missionViewer, people.otherAnalyst, newIdFor()]) {
      const refused = await admin.post(`/api/v1/integrity/findings/${id}/assign`, { assigneeId });
      expect(refused.statusCode, assigneeId).toBe(400);
      expect(refused.json().error.details.issues[0].path).toBe('assigneeId');
    }
    expect((await admin.get(`/api/v1/integrity/findings/${id}`)).json().assigneeId).toBeNull();
    // Picking the assignee is for those who may assign: a reader may not list them.
    expect((await missionAnalyst.get(`/api/v1/integrity/findings/${id}/assignees`)).statusCode).toBe(403);
  });

  it('assigns to a colleague, audited and announced to them, and the inbox filters by that person', async () => {
    const { id } = await raiseAt(mission.id);
    const me = (await admin.get('/api/v1/me')).json();
    const res = await admin.post(`/api/v1/integrity/findings/${id}/assign`, { assigneeId: people.missionAnalyst });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ assigneeId: people.missionAnalyst, assigneeName: expect.stringMatching(/^User /) });

    const [audit] = await queryRows<{ summary: Record<string, unknown> }>(t.ctx.db, sql`select summary from audit_log where target_id = ${id} and action = 'integrity-finding.assigned'`);
    expect(audit?.summary).toMatchObject({ assigneeId: people.missionAnalyst, previousAssigneeId: null });
    const [event] = await queryRows<{ data: Record<string, unknown> }>(t.ctx.db, sql`select data from outbox where type = 'integrity.finding-changed' and data->>'findingId' = ${id}`);
    expect(event?.data).toMatchObject({ action: 'assign', assigneeId: people.missionAnalyst, assignedBy: me.user.id });

    const filtered = (await admin.get(`/api/v1/integrity/findings?assignee=${people.missionAnalyst}`)).json();
    expect(filtered.items.map((f: FindingDto) => f.id)).toEqual([id]);
    expect((await missionAnalyst.get('/api/v1/integrity/findings?assignee=me')).json().total).toBe(1);
    const holders = (await admin.get('/api/v1/integrity/findings/assignees')).json().items as { id: string }[];
    expect(holders.map((h) => h.id)).toContain(people.missionAnalyst);
  });
});

describe('batch item reads', () => {
  it('returns the items asked for that the caller may read, in the order asked, in one request', async () => {
    const ours = await collect(missionSource, ['Harbour upgrade opens in Darwin', 'Rice prices fall in Perth markets', 'Film festival draws crowds in Hobart']);
    const [theirs] = await collect(otherSource, ['Rugby final sells out in Auckland']);
    expect(ours).toHaveLength(3);
    const asked = [ours[2], theirs, newIdFor(), ours[0], ours[1]].join(',');
    const res = await missionAnalyst.get(`/api/v1/listening/items/batch?ids=${asked}`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().items.map((i: { id: string }) => i.id)).toEqual([ours[2], ours[0], ours[1]]);
    expect(res.json().items[0]).toMatchObject({ text: 'Film festival draws crowds in Hobart', language: 'en' });
    // The admin reads every unit, the other mission's item included.
    expect((await admin.get(`/api/v1/listening/items/batch?ids=${asked}`)).json().items).toHaveLength(4);
  });

  it('refuses an empty list, a bad id and more than 100 ids with a clear 400', async () => {
    for (const ids of ['', 'not-an-id', Array.from({ length: 101 }, () => newIdFor()).join(',')]) {
      const res = await admin.get(`/api/v1/listening/items/batch?ids=${ids}`);
      expect(res.statusCode, ids.slice(0, 20)).toBe(400);
      expect(res.json().error.code).toBe('request.invalid');
    }
  });
});

describe('STIX export from stored records', () => {
  it('exports only the findings of the units the caller reads', async () => {
    const ours = await raiseAt(mission.id);
    const elsewhere = await raiseAt(rootId);
    const missionAdmin = await buildUser(t.ctx, { role: 'admin', unit: mission });
    const client = await signInAs(t.app, missionAdmin.email, testPassword);
    const res = await client.post('/api/v1/integrity/sharing/export/preview', { tlp: 'amber', findings: { ids: [ours.id, elsewhere.id] } });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ findings: 1 });
    const bundle = (await client.post('/api/v1/integrity/sharing/export', { tlp: 'amber', findings: { ids: [ours.id, elsewhere.id] } })).json();
    const reports = bundle.objects.filter((o: { type: string }) => o.type === 'report');
    expect(reports).toHaveLength(1);
    expect((await admin.post('/api/v1/integrity/sharing/export/preview', { tlp: 'amber', findings: { ids: [ours.id, elsewhere.id] } })).json()).toMatchObject({ findings: 2 });
    // Reading is not enough: exporting is for those who manage integrity.
    expect((await missionAnalyst.post('/api/v1/integrity/sharing/export/preview', { tlp: 'amber', findings: {} })).statusCode).toBe(403);
  });
});
