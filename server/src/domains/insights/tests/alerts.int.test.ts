// Alert rules over the rollups: a threshold crossed by items through the ingest path raises one
// alert live; a spike over a week of history fires and a flat week does not; repeats merge within
// the cool-down; quiet hours keep an alert in the inbox without notifying; acknowledging is audited.
import type { AlertDto } from '@diplodesk/contracts';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newIdFor, queryRows } from '../../../platform/db/index.ts';
import { buildUser, testPassword } from '../../../test/factories.ts';
import { adminEmail, adminPassword, type Client, createTestApp, signInAs, type TestApp } from '../../../test/test-app.ts';
import { findRootUnit } from '../../identity/index.ts';
import { type Analyser, createAnalyser, ingestBatch, insertSource, type ItemFacts, type SourceRow } from '../../listening/index.ts';
import { evaluateAlertRules } from '../alerts/evaluate-rules.ts';
import { applyItems } from '../rollups/apply-items.ts';
import { until } from '../../../test/until.ts';

let t: TestApp;
let admin: Client;
let rootId: string;
let feed: SourceRow;
let analyser: Analyser;
const HOUR = 3_600_000;

const alerts = async (): Promise<{ items: AlertDto[]; open: number }> => (await admin.get('/api/v1/insights/alerts')).json();
const eventsOf = (type: string) => queryRows<{ data: Record<string, unknown> }>(t.ctx.db, sql`select data from outbox where type = ${type} order by seq`);

async function rule(body: Record<string, unknown>): Promise<{ id: string }> {
  const res = await admin.post('/api/v1/insights/alert-rules', { unitId: rootId, ...body });
  expect(res.statusCode, res.body).toBe(201);
  return res.json();
}

/** Synthetic items of one source in the facts listening gives insights: `n` at hour `at` about `topic`. */
function facts(n: number, at: Date, topic: string, sourceId = newIdFor()): ItemFacts[] {
  return Array.from({ length: n }, (_, i) => ({ id: newIdFor(), unitId: rootId, sourceId, publishedAt: new Date(at.getTime() + ((i * 37) % 60) * 60_000), language: 'en', countries: [], topicIds: [topic], sentiment: 0.1 }));
}

beforeAll(async () => {
  t = await createTestApp();
  rootId = (await findRootUnit(t.ctx.db))?.id ?? '';
  admin = await signInAs(t.app, adminEmail, adminPassword);
  analyser = await createAnalyser();
  feed = await insertSource(t.ctx.db, { unitId: rootId, connector: 'rss', name: 'Wire', config: { url: 'https://news.example/rss' } });
});
afterAll(() => t?.close());

describe('alert rules', () => {
  it('refuse a threshold rule without its number, with a clear message', async () => {
    const res = await admin.post('/api/v1/insights/alert-rules', { unitId: rootId, name: 'No number', kind: 'threshold', dimension: 'all' });
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('A threshold rule needs its number of items.');
  });

  it('raise one alert, live, when items through the ingest path cross a threshold', async () => {
    const created = await rule({ name: 'Maritime surge', kind: 'threshold', dimension: 'topic', key: 'maritime-security', threshold: 3, bucket: 'hour' });
    const now = Date.now();
    const story = (i: number) => ({ remoteId: `m${i}`, text: `Navy patrols and maritime security cooperation in the Natuna Sea, report ${i}: coast guard vessels, piracy and territorial waters.`, publishedAt: new Date(now - i * 1000).toISOString() });
    await ingestBatch(t.ctx, analyser, feed, [1, 2, 3, 4, 5].map(story));
    const inbox = await until(alerts, (a) => a.items.length === 1, 'the alert');
    expect(inbox.open).toBe(1);
    expect(inbox.items[0]).toMatchObject({ ruleId: created.id, ruleName: 'Maritime surge', kind: 'threshold', state: 'open', repeats: 1, notified: true, key: 'maritime-security' });
    expect(inbox.items[0]?.why).toMatchObject({ method: 'threshold', observed: 5, threshold: 3, bucket: 'hour' });
    expect(inbox.items[0]?.why.series).toHaveLength(48);
    const raised = await eventsOf('insights.alert-raised');
    expect(raised.map((e) => e.data.ruleName)).toEqual(['Maritime surge']);
    // More items in the same hour: the same bucket, so no second alert and no repeat.
    await ingestBatch(t.ctx, analyser, feed, [6, 7].map(story));
    await new Promise((r) => setTimeout(r, 500));
    expect((await alerts()).items).toMatchObject([{ repeats: 1 }]);
    await admin.patch(`/api/v1/insights/alert-rules/${created.id}`, { enabled: false });
  });

  it('fire on a spike over a week of history, and not on an ordinary day', async () => {
    const topic = 'health';
    const now = new Date();
    const hourStart = new Date(Math.floor(now.getTime() / HOUR) * HOUR);
    const week: ItemFacts[] = [];
    // Eight days with a daily rhythm: 4–9 items an hour in daytime, 1–2 at night.
    for (let h = 8 * 24; h >= 1; h--) {
      const at = new Date(hourStart.getTime() - h * HOUR);
      const hourOfDay = at.getUTCHours();
      week.push(...facts(hourOfDay >= 1 && hourOfDay <= 12 ? 4 + (h % 6) : 1 + (h % 2), at, topic));
    }
    await t.ctx.db.transaction((tx) => applyItems(tx, week));
    const spike = await rule({ name: 'Health spike', kind: 'spike', dimension: 'topic', key: topic, bucket: 'hour' });
    // An ordinary current hour: nothing.
    await t.ctx.db.transaction((tx) => applyItems(tx, facts(3, hourStart, topic)));
    expect((await t.ctx.db.transaction((tx) => evaluateAlertRules(tx, { now }))).raised).toEqual([]);
    // Sixty items in the current hour: a spike.
    await t.ctx.db.transaction((tx) => applyItems(tx, facts(60, hourStart, topic)));
    const outcome = await t.ctx.db.transaction((tx) => evaluateAlertRules(tx, { now }));
    expect(outcome.raised).toHaveLength(1);
    const alert = (await alerts()).items.find((a) => a.ruleId === spike.id);
    expect(alert?.why.observed).toBe(63);
    expect(alert?.why.score).toBeGreaterThan(alert?.why.threshold ?? Number.POSITIVE_INFINITY);
    expect(alert?.why.expected).toBeLessThan(15);
    // Evaluated again in the same hour: merged into nothing new.
    expect(await t.ctx.db.transaction((tx) => evaluateAlertRules(tx, { now }))).toMatchObject({ raised: [], merged: [] });
    await admin.patch(`/api/v1/insights/alert-rules/${spike.id}`, { enabled: false });
  });

  it('merge a repeat in the next hour into the open alert, with a count', async () => {
    const topic = 'migration';
    const created = await rule({ name: 'Migration threshold', kind: 'threshold', dimension: 'topic', key: topic, threshold: 2, bucket: 'hour', coolDownMinutes: 180 });
    const base = new Date(Math.floor(Date.now() / HOUR) * HOUR - 5 * HOUR);
    await t.ctx.db.transaction((tx) => applyItems(tx, facts(4, base, topic)));
    const first = await t.ctx.db.transaction((tx) => evaluateAlertRules(tx, { now: new Date(base.getTime() + 30 * 60_000) }));
    expect(first.raised).toHaveLength(1);
    await t.ctx.db.transaction((tx) => applyItems(tx, facts(4, new Date(base.getTime() + HOUR), topic)));
    const second = await t.ctx.db.transaction((tx) => evaluateAlertRules(tx, { now: new Date(base.getTime() + 90 * 60_000) }));
    expect(second).toMatchObject({ raised: [], merged: first.raised });
    expect((await alerts()).items.find((a) => a.ruleId === created.id)).toMatchObject({ repeats: 2, state: 'open' });
    // Past the cool-down, a new alert.
    await t.ctx.db.transaction((tx) => applyItems(tx, facts(4, new Date(base.getTime() + 5 * HOUR), topic)));
    const third = await t.ctx.db.transaction((tx) => evaluateAlertRules(tx, { now: new Date(base.getTime() + 5 * HOUR + 60_000) }));
    expect(third.raised).toHaveLength(1);
    await admin.patch(`/api/v1/insights/alert-rules/${created.id}`, { enabled: false });
  });

  it('keep an alert in quiet hours in the inbox without notifying anyone', async () => {
    const topic = 'human-rights';
    const now = new Date();
    const hour = new Date(Math.floor(now.getTime() / HOUR) * HOUR);
    // Quiet from this hour to two hours later in UTC.
    const hh = (d: Date) => `${String(d.getUTCHours()).padStart(2, '0')}:00`;
    const created = await rule({ name: 'Quiet rule', kind: 'threshold', dimension: 'topic', key: topic, threshold: 1, quietFrom: hh(hour), quietTo: hh(new Date(hour.getTime() + 2 * HOUR)), timeZone: 'UTC' });
    await t.ctx.db.transaction((tx) => applyItems(tx, facts(3, hour, topic)));
    const before = (await eventsOf('insights.alert-raised')).length;
    await t.ctx.db.transaction((tx) => evaluateAlertRules(tx, { now }));
    expect((await alerts()).items.find((a) => a.ruleId === created.id)).toMatchObject({ notified: false, state: 'open' });
    expect((await eventsOf('insights.alert-raised')).length).toBe(before);
  });

  it('time a response drafted with "Respond" from the alert to its publication', async () => {
    const editor = await signInAs(t.app, (await buildUser(t.ctx, { role: 'editor' })).email, testPassword);
    const approver = await signInAs(t.app, (await buildUser(t.ctx, { role: 'approver' })).email, testPassword);
    const alert = (await alerts()).items[0] as AlertDto;
    expect((await editor.get(`/api/v1/insights/alerts/${alert.id}`)).json()).toMatchObject({ id: alert.id, response: null });
    const draft = await editor.post('/api/v1/statements', { unitId: rootId, kind: 'statement', primaryLanguage: 'en', audienceTimeZone: 'Asia/Jakarta', texts: [{ language: 'en', title: 'On the maritime reports', body: 'Indonesia keeps its waters safe for all.' }], respondsTo: { type: 'insights-alert', id: alert.id } });
    expect(draft.statusCode, draft.body).toBe(201);
    const id = draft.json().id as string;
    const drafted = await until(() => editor.get(`/api/v1/insights/alerts/${alert.id}`).then((r) => r.json() as AlertDto), (a) => a.response !== null, 'the draft to be recorded');
    expect(drafted.response).toMatchObject({ statementId: id, publishedAt: null, minutesToPublish: null });
    expect((await editor.post(`/api/v1/statements/${id}/submit`, { baseVersion: 1, fastTrack: true })).json()).toMatchObject({ status: 'in-clearance', clearance: { chainName: 'Fast track (rapid response)' } });
    expect((await approver.post(`/api/v1/statements/${id}/decisions`, { baseVersion: 1, decision: 'approve' })).json()).toMatchObject({ status: 'cleared' });
    expect((await editor.post(`/api/v1/statements/${id}/schedule`, { scheduledAt: null })).json()).toMatchObject({ status: 'published' });
    const published = await until(() => editor.get(`/api/v1/insights/alerts/${alert.id}`).then((r) => r.json() as AlertDto), (a) => a.response?.publishedAt != null, 'the publication to be recorded');
    const expected = Math.round((Date.parse(published.response?.publishedAt ?? '') - Date.parse(alert.firstFiredAt)) / 60_000);
    expect(published.response?.minutesToPublish).toBe(Math.max(0, expected));
    // A second response drafted later does not reset the clock.
    await editor.post('/api/v1/statements', { unitId: rootId, kind: 'statement', primaryLanguage: 'en', audienceTimeZone: 'Asia/Jakarta', texts: [{ language: 'en', title: 'Again', body: 'More.' }], respondsTo: { type: 'insights-alert', id: alert.id } });
    await new Promise((r) => setTimeout(r, 300));
    expect((await editor.get(`/api/v1/insights/alerts/${alert.id}`)).json().response.statementId).toBe(id);
  });

  it('acknowledge an alert: the open count drops and the audit names it', async () => {
    const inbox = await alerts();
    const target = inbox.items.find((a) => a.state === 'open') as AlertDto;
    const res = await admin.post(`/api/v1/insights/alerts/${target.id}/acknowledge`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ state: 'acknowledged' });
    expect((await alerts()).open).toBe(inbox.open - 1);
    const audit = await queryRows<{ target_id: string }>(t.ctx.db, sql`select target_id from audit_log where action = 'insights-alert.acknowledged'`);
    expect(audit.map((a) => a.target_id)).toEqual([target.id]);
    expect((await admin.post('/api/v1/insights/alerts/00000000-0000-7000-8000-000000000000/acknowledge')).statusCode).toBe(404);
  });
});

describe('alert rules over a saved search and over near-duplicate clusters', () => {
  it('watch a saved search: its matches cross the threshold through the ingest path; one the author cannot see is refused', async () => {
    const saved = await admin.post('/api/v1/listening/saved-searches', { name: 'Nickel exports', query: { q: 'nickel' } });
    expect(saved.statusCode, saved.body).toBe(201);
    const savedId = (saved.json() as { id: string }).id;
    const created = await rule({ name: 'Nickel watch', kind: 'threshold', dimension: 'saved-search', key: savedId, threshold: 2, bucket: 'hour' });
    const now = Date.now();
    await ingestBatch(
      t.ctx,
      analyser,
      feed,
      ['Nickel export ban: smelters', 'Nickel prices rise after the export rules', 'Nickel downstreaming draws investors', 'Rice harvest in Java'].map((text, i) => ({ remoteId: `ni${i}`, text: `${text}, report ${i}.`, publishedAt: new Date(now - i * 1000).toISOString() })),
    );
    const inbox = await until(alerts, (a) => a.items.some((x) => x.ruleId === created.id), 'the saved-search alert');
    const alert = inbox.items.find((x) => x.ruleId === created.id);
    // Three of the four items match the saved search; the rice story does not.
    expect(alert).toMatchObject({ dimension: 'saved-search', key: savedId, kind: 'threshold' });
    expect(alert?.why).toMatchObject({ observed: 3, threshold: 2 });
    // A change names only what it changes: the rule keeps its saved search and its number.
    const off = await admin.patch(`/api/v1/insights/alert-rules/${created.id}`, { enabled: false });
    expect(off.statusCode, off.body).toBe(200);
    expect(off.json()).toMatchObject({ enabled: false, kind: 'threshold', dimension: 'saved-search', key: savedId, threshold: 2, coolDownMinutes: 720 });

    // Another person's private saved search is not theirs to watch, nor is one that does not exist.
    const analyst = await buildUser(t.ctx, { role: 'analyst' });
    const other = await signInAs(t.app, analyst.email, testPassword);
    const theirs = await other.post('/api/v1/listening/saved-searches', { name: 'Private', query: { q: 'rice' } });
    expect(theirs.statusCode, theirs.body).toBe(201);
    for (const key of [(theirs.json() as { id: string }).id, newIdFor()]) {
      const res = await admin.post('/api/v1/insights/alert-rules', { unitId: rootId, name: 'Not mine', kind: 'spike', dimension: 'saved-search', key });
      expect(res.statusCode).toBe(404);
      expect(res.json().error.code).toBe('listening-saved-search.not-found');
    }
  });

  it('refuse a cluster rule without at least 2 accounts per hour, or narrowed to one series', async () => {
    const none = await admin.post('/api/v1/insights/alert-rules', { unitId: rootId, name: 'Cluster', kind: 'cluster-growth', threshold: 1 });
    expect(none.statusCode).toBe(400);
    expect(none.body).toContain('at least 2');
    const narrowed = await admin.post('/api/v1/insights/alert-rules', { unitId: rootId, name: 'Cluster', kind: 'cluster-growth', threshold: 3, dimension: 'topic', key: 'health' });
    expect(narrowed.statusCode).toBe(400);
    expect(narrowed.body).toContain('watches every cluster');
  });

  it('fire when one near-duplicate text reaches N accounts in an hour, with the cluster, its accounts per hour and the threshold', async () => {
    const created = await rule({ name: 'Copied claim', kind: 'cluster-growth', threshold: 3 });
    const claim = 'BREAKING: the ministry secretly sold the Natuna islands to a foreign company last night, share before it is deleted';
    const now = Date.now();
    const post = (i: number, handle: string) => ({ remoteId: `cl${i}`, text: `${claim} #${i}`, author: { remoteAccountId: handle, handle }, publishedAt: new Date(now - i * 1000).toISOString() });
    // Two accounts: under the threshold.
    await ingestBatch(t.ctx, analyser, feed, [post(1, 'acct1'), post(2, 'acct2')]);
    await new Promise((r) => setTimeout(r, 300));
    expect((await alerts()).items.some((a) => a.ruleId === created.id)).toBe(false);
    // Two more accounts, and one of the first two again: four distinct accounts in the hour.
    await ingestBatch(t.ctx, analyser, feed, [post(3, 'acct3'), post(4, 'acct4'), post(5, 'acct1')]);
    const inbox = await until(alerts, (a) => a.items.some((x) => x.ruleId === created.id), 'the cluster alert');
    const alert = inbox.items.find((x) => x.ruleId === created.id);
    const [cluster] = await queryRows<{ cluster_id: string; n: number }>(t.ctx.db, sql`select cluster_id, count(*)::int as n from listening_items where external_id like 'cl%' group by cluster_id`);
    expect(cluster?.n).toBe(5);
    expect(alert).toMatchObject({ kind: 'cluster-growth', repeats: 1 });
    expect(alert?.why).toMatchObject({ method: 'cluster-growth', bucket: 'hour', observed: 4, threshold: 3, clusterId: cluster?.cluster_id });
    expect(alert?.why.series).toHaveLength(48);
    expect(alert?.why.series.at(-1)?.value).toBe(4);
    // A fifth account in the same hour: the same bucket of the same cluster, no second alert.
    await ingestBatch(t.ctx, analyser, feed, [post(6, 'acct5')]);
    await new Promise((r) => setTimeout(r, 500));
    expect((await alerts()).items.filter((x) => x.ruleId === created.id)).toHaveLength(1);
    await admin.patch(`/api/v1/insights/alert-rules/${created.id}`, { enabled: false });
  });
});
