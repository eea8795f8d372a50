// Threat monitors: the default set, editing by insight.manage only, GDELT conflict events counted
// once per item under replay and re-created by a rebuild, and a monitor that leaves its forecast
// band warning once, into the alerts inbox.
import type { IngestItem } from '@diplodesk/connector-sdk';
import type { AlertDto, MonitorDto, MonitorListResponse, MonitorSeriesResponse } from '@diplodesk/contracts';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newIdFor, queryRows } from '../../../platform/db/index.ts';
import { createJobRegistry, createJobRunner } from '../../../platform/jobs/index.ts';
import { buildUser, testPassword } from '../../../test/factories.ts';
import { adminEmail, adminPassword, type Client, createTestApp, signInAs, type TestApp } from '../../../test/test-app.ts';
import { findRootUnit } from '../../identity/index.ts';
import { createAnalyser, ingestBatch, insertSource, type ItemFacts, itemFacts } from '../../listening/index.ts';
import { insightsJobs, monitorsThatChanged, seedDefaultMonitors } from '../index.ts';
import { evaluateMonitors } from '../monitors/evaluate-monitors.ts';
import { applyItemIds, applyItems } from '../rollups/apply-items.ts';
import { itemsOnDay, ordinaryHistory } from './monitor-history.ts';
import { until } from '../../../test/until.ts';

let t: TestApp;
let admin: Client;
let rootId: string;
const DAY = 86_400_000;

const monitors = async (): Promise<MonitorListResponse> => (await admin.get('/api/v1/insights/monitors')).json();

async function createMonitor(body: Record<string, unknown>): Promise<MonitorDto> {
  const res = await admin.post('/api/v1/insights/monitors', { unitId: rootId, ...body });
  expect(res.statusCode, res.body).toBe(201);
  return res.json();
}

/** A GDELT event as the connector carries it in `raw`. */
function gdeltItem(id: string, root: string, goldstein: number, countryIso: string | undefined, publishedAt: Date): IngestItem {
  const event = { globalEventId: id, eventRootCode: root, eventCode: `${root}0`, goldsteinScale: goldstein, actionGeo: { type: 1, fullName: 'Somewhere', countryCode: 'XX', ...(countryIso ? { countryIso } : {}) }, isoCountries: countryIso ? [countryIso] : [] };
  return { remoteId: id, text: `Event ${id}: actors meet, root ${root}`, publishedAt: publishedAt.toISOString(), raw: event };
}

const eventRows = () => queryRows<{ key: string; items: number; intensity: number }>(t.ctx.db, sql`select key, sum(items)::int as items, sum(intensity_sum)::float8 as intensity from insights_rollups where dimension = 'event' group by key order by key`);
const snapshot = async () => JSON.stringify(await queryRows(t.ctx.db, sql`select unit_id, dimension, key, bucket, items, round(tone_sum::numeric, 6) as t, tone_items, round(intensity_sum::numeric, 4) as i from insights_rollups where items <> 0 order by 1, 2, 3, 4`));

beforeAll(async () => {
  t = await createTestApp();
  rootId = (await findRootUnit(t.ctx.db))?.id ?? '';
  admin = await signInAs(t.app, adminEmail, adminPassword);
});
afterAll(() => t?.close());

describe('monitors', () => {
  it('start with the default set, once however often it is seeded', async () => {
    expect(await seedDefaultMonitors(t.ctx)).toBe(5);
    expect(await seedDefaultMonitors(t.ctx)).toBe(0);
    const list = await monitors();
    expect(list.items.map((m) => m.key)).toEqual(['climate-environment', 'terrorism-extremism', 'health', 'technology-cyber', 'maritime-security']);
    expect(list.items[0]).toMatchObject({ name: 'Climate & environment', labels: { en: 'Climate & environment', id: 'Iklim & lingkungan' }, topicIds: ['climate-environment'], countries: [], watchEvents: false, enabled: true, warning: null, policies: { update: true } });
    expect(list.items[0]?.spark).toHaveLength(14);
    expect(list.items.filter((m) => m.watchEvents).map((m) => m.key)).toEqual(['terrorism-extremism', 'maritime-security']);
    expect(list.policies.create).toBe(true);
  });

  it('are created, edited and disabled by insight.manage; bad input gets a clear error', async () => {
    const bad = await admin.post('/api/v1/insights/monitors', { unitId: rootId, name: 'Straits', topicIds: ['maritime-security'], countries: ['Indonesia'] });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('two-letter ISO code');
    const twice = await admin.post('/api/v1/insights/monitors', { unitId: rootId, name: 'Straits', countries: ['id', 'ID'] });
    expect(twice.statusCode).toBe(400);
    const created = await createMonitor({ name: 'Straits', topicIds: ['maritime-security'], countries: ['id', 'my', 'sg'] });
    expect(created).toMatchObject({ name: 'Straits', key: null, labels: null, countries: ['ID', 'MY', 'SG'], warnLevel: null, enabled: true });
    const renamed = await admin.patch(`/api/v1/insights/monitors/${created.id}`, { name: 'Malacca Strait', warnLevel: 50 });
    expect(renamed.statusCode, renamed.body).toBe(200);
    expect(renamed.json()).toMatchObject({ name: 'Malacca Strait', warnLevel: 50 });
    // A seeded monitor renamed loses its two-language name: it now reads as named.
    const seeded = (await monitors()).items.find((m) => m.key === 'health') as MonitorDto;
    expect((await admin.patch(`/api/v1/insights/monitors/${seeded.id}`, { name: 'Outbreaks' })).json()).toMatchObject({ name: 'Outbreaks', labels: null });
    const disabled = await admin.patch(`/api/v1/insights/monitors/${created.id}`, { enabled: false });
    expect(disabled.json()).toMatchObject({ enabled: false });

    const editor = await signInAs(t.app, (await buildUser(t.ctx, { role: 'editor' })).email, testPassword);
    expect((await editor.get('/api/v1/insights/monitors')).json().policies).toEqual({ create: false });
    expect((await editor.patch(`/api/v1/insights/monitors/${created.id}`, { enabled: true })).statusCode).toBe(403);
    expect((await editor.post('/api/v1/insights/monitors', { unitId: rootId, name: 'Mine' })).statusCode).toBe(403);
    expect((await admin.get(`/api/v1/insights/monitors/${newIdFor()}`)).json().error.code).toBe('insights-monitor.not-found');
    const audit = await queryRows<{ action: string }>(t.ctx.db, sql`select action from audit_log where target_id = ${created.id} order by seq`);
    expect(audit.map((a) => a.action)).toEqual(['insights-monitor.created', 'insights-monitor.updated', 'insights-monitor.updated']);
  });
});

describe('GDELT conflict events in the rollups', () => {
  // Inside the current UTC day however close to midnight the run is, and never in the future.
  const at = new Date(Math.floor(Date.now() / DAY) * DAY + Math.floor((Date.now() % DAY) / 2));
  const eventDay = new Date(Math.floor(at.getTime() / DAY) * DAY).toISOString();

  it('count material conflict (roots 14–20) with its Goldstein intensity, once per item under replay, and come back with a rebuild', async () => {
    const gdelt = await insertSource(t.ctx.db, { unitId: rootId, connector: 'gdelt', name: 'GDELT', config: {} });
    const items = [gdeltItem('g1', '19', -10, 'UA', at), gdeltItem('g2', '18', -9, 'UA', at), gdeltItem('g3', '14', -6.5, 'ID', at), gdeltItem('g4', '04', 1, 'ID', at), gdeltItem('g5', '20', -10, undefined, at)];
    const { inserted } = await ingestBatch(t.ctx, await createAnalyser(), gdelt, items);
    expect(inserted).toHaveLength(5);
    const facts = await itemFacts(t.ctx.db, inserted);
    expect(facts.find((f) => f.event?.rootCode === '19')?.event).toEqual({ rootCode: '19', goldstein: -10, actionCountry: 'UA' });
    // The same raw shape from another connector is not an event.
    const rss = await insertSource(t.ctx.db, { unitId: rootId, connector: 'rss', name: 'Look-alike', config: { url: 'https://news.example/rss' } });
    const lookalike = await ingestBatch(t.ctx, await createAnalyser(), rss, [gdeltItem('r1', '19', -10, 'UA', at)]);
    expect((await itemFacts(t.ctx.db, lookalike.inserted))[0]?.event).toBeNull();

    const expected = [
      { key: '14|ID', items: 1, intensity: 6.5 },
      { key: '18|UA', items: 1, intensity: 9 },
      { key: '19|UA', items: 1, intensity: 10 },
      { key: '20|', items: 1, intensity: 10 },
    ];
    await until(eventRows, (rows) => rows.length === 4, 'the events to be counted');
    // The look-alike too (events arrive on the bus in any order): the snapshot holds all six items.
    const allItems = async () => Number((await queryRows<{ n: number }>(t.ctx.db, sql`select coalesce(sum(items), 0)::int as n from insights_rollups where dimension = 'all'`))[0]?.n ?? 0);
    await until(allItems, (n) => n === 6, 'the six items to be counted');
    expect(await eventRows()).toEqual(expected);
    const before = await snapshot();
    // Replayed events and redelivered batches: nothing moves.
    await t.ctx.db.transaction((tx) => applyItemIds(tx, inserted));
    await t.ctx.db.transaction((tx) => applyItemIds(tx, [...inserted, ...inserted]));
    await ingestBatch(t.ctx, await createAnalyser(), gdelt, items);
    await new Promise((r) => setTimeout(r, 300));
    expect(await snapshot()).toBe(before);

    // A rebuild empties the rollups and re-creates the event rows from listening's history.
    await t.ctx.db.execute(sql`delete from insights_rollups where dimension = 'event'`);
    expect(await eventRows()).toEqual([]);
    expect((await admin.post('/api/v1/insights/rollups/rebuild', {})).statusCode).toBe(202);
    const runner = createJobRunner({ db: t.database.db, registry: createJobRegistry(insightsJobs(t.ctx)), workerId: 'monitors-test', pollMs: 50 });
    while (await runner.runOnce()) {
      // one page per job
    }
    expect(await eventRows()).toEqual(expected);
    expect(await snapshot()).toBe(before);
  });

  it('appear on a monitor of the regions, per country and per root', async () => {
    const ukraine = await createMonitor({ name: 'Ukraine', countries: ['UA'] });
    const series = (await admin.get(`/api/v1/insights/monitors/${ukraine.id}?days=14`)).json() as MonitorSeriesResponse;
    expect(series.events.reduce((a, b) => a + b, 0)).toBe(2);
    // The day the events happened on, wherever it falls in the window (the run may cross midnight).
    expect(series.intensity[series.days.indexOf(eventDay)]).toBe(19);
    expect(series.eventGroups).toEqual([
      { rootCode: '19', country: 'UA', events: 1, intensity: 10 },
      { rootCode: '18', country: 'UA', events: 1, intensity: 9 },
    ]);
    expect(series.countries.find((c) => c.country === 'UA')).toMatchObject({ events: 2, intensity: 19 });
    expect(series.days).toHaveLength(14);
  });
});

describe('forecast band and warning', () => {
  const now = new Date();
  const today = Math.floor(now.getTime() / DAY) * DAY;
  const sourceId = newIdFor();
  /** `n` synthetic items on UTC day `daysAgo` about `topicIds`, mentioning `countries`. */
  const facts = (n: number, daysAgo: number, topicIds: string[], countries: string[]): ItemFacts[] => itemsOnDay({ unitId: rootId, sourceId, now, topicIds, countries }, n, daysAgo);

  it('warns when today leaves the band, raises one alert in the inbox, and counts only the topic in its regions', async () => {
    const cyber = await createMonitor({ name: 'Cyber in the region', topicIds: ['technology-cyber'], countries: ['ID', 'MY'] });
    const history = ordinaryHistory({ unitId: rootId, sourceId, now, topicIds: ['technology-cyber'], countries: ['ID'] });
    // Outside the monitor: another topic in its region, its topic elsewhere.
    history.push(...facts(30, 0, ['health'], ['ID']), ...facts(30, 0, ['technology-cyber'], ['FR']));
    await t.ctx.db.transaction((tx) => applyItems(tx, history));
    let evaluation = await t.ctx.db.transaction((tx) => evaluateMonitors(tx, { now }));
    const alertsOf = async (monitorId: string) => ((await admin.get('/api/v1/insights/alerts')).json() as { items: AlertDto[] }).items.filter((a) => a.monitorId === monitorId);
    expect(await alertsOf(cyber.id)).toEqual([]);
    let series = (await admin.get(`/api/v1/insights/monitors/${cyber.id}?days=56&horizon=7`)).json() as MonitorSeriesResponse;
    expect(series.monitor.warning).toBeNull();
    expect(series.items.at(-1)).toBe(0);
    expect(series.itemsBand?.at).toHaveLength(9);
    expect(series.itemsBand?.at[1]).toBe(new Date(today).toISOString());
    expect(series.countries.map((c) => c.country)).toEqual(['ID']);

    await t.ctx.db.transaction((tx) => applyItems(tx, facts(60, 0, ['technology-cyber'], ['MY'])));
    evaluation = await t.ctx.db.transaction((tx) => evaluateMonitors(tx, { now }));
    expect(await alertsOf(cyber.id)).toHaveLength(1);
    series = (await admin.get(`/api/v1/insights/monitors/${cyber.id}`)).json() as MonitorSeriesResponse;
    expect(series.items.at(-1)).toBe(60);
    expect(series.monitor.warning).toMatchObject({ metric: 'items', reason: 'above-band', observed: 60, at: new Date(today).toISOString() });
    expect(series.monitor.warning?.upper).toBeLessThan(60);
    expect(series.itemsBand?.upper[1]).toBe(series.monitor.warning?.upper);
    expect(series.countries.map((c) => c.country)).toEqual(['ID', 'MY']);

    const [alert] = await alertsOf(cyber.id);
    expect(alert).toMatchObject({ kind: 'forecast-band', ruleName: 'Cyber in the region', ruleId: cyber.id, state: 'open', repeats: 1, notified: true });
    expect(alert?.why).toMatchObject({ method: 'forecast-band', bucket: 'day', observed: 60 });
    expect(alert?.why.series.at(alert.why.start)?.value).toBe(60);
    const raised = await queryRows<{ data: { monitorId?: string } }>(t.ctx.db, sql`select data from outbox where type = 'insights.alert-raised'`);
    expect(raised.filter((e) => e.data.monitorId === cyber.id)).toHaveLength(1);

    // Evaluated again on the same day: the same warning, no second alert.
    evaluation = await t.ctx.db.transaction((tx) => evaluateMonitors(tx, { now }));
    expect(evaluation.raised).toEqual([]);
    expect(evaluation.merged).toEqual([]);
    expect(await alertsOf(cyber.id)).toMatchObject([{ repeats: 1 }]);

    const changed = await monitorsThatChanged(t.ctx.db, { unitIds: [rootId], now });
    expect(changed.map((c) => c.id)).toContain(cyber.id);
    expect(changed.find((c) => c.id === cyber.id)).toMatchObject({ name: 'Cyber in the region', warning: { reason: 'above-band' }, href: `/insights/monitors/${cyber.id}` });
    expect((await monitors()).items.find((m) => m.id === cyber.id)?.warning).toMatchObject({ reason: 'above-band' });

    // Disabled, it no longer warns nor counts as changed.
    await admin.patch(`/api/v1/insights/monitors/${cyber.id}`, { enabled: false });
    expect((await monitorsThatChanged(t.ctx.db, { unitIds: [rootId], now })).map((c) => c.id)).not.toContain(cyber.id);
  });
});
