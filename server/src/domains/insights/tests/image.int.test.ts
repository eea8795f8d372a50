// The nation-image index against a hand-computed example: items about our country with known
// tones, their mean and 95 % interval per day, by language and source country, the items that
// pull it, idempotent under replays, and recounted when our country changes.
import type { IngestItem } from '@diplodesk/connector-sdk';
import type { ImageResponse, OurCountryDto } from '@diplodesk/contracts';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../../../platform/db/index.ts';
import { appendEvents } from '../../../platform/events/outbox.ts';
import { createJobRegistry, createJobRunner } from '../../../platform/jobs/index.ts';
import { buildUser, testPassword } from '../../../test/factories.ts';
import { adminEmail, adminPassword, type Client, createTestApp, signInAs, type TestApp } from '../../../test/test-app.ts';
import { findRootUnit } from '../../identity/index.ts';
import { createAnalyser, ingestBatch, insertSource, itemsReanalysed, type SourceRow } from '../../listening/index.ts';
import { insightsJobs, readOurCountry } from '../index.ts';
import { applyItemIds } from '../rollups/apply-items.ts';

let t: TestApp;
let admin: Client;
let tokyo: SourceRow;
let wire: SourceRow;
let rootId: string;

const at = (day: number, hour: number) => new Date(Date.UTC(2026, 10, day, hour)).toISOString();

// The analysis each item ends up with (written over what the analyser found, so the figures can be
// computed by hand): source, day/hour, language, countries mentioned, tone.
type Case = { id: string; source: 'tokyo' | 'wire'; day: number; hour: number; language: string; countries: string[]; tone: number | null };
const cases: Case[] = [
  { id: 'a', source: 'tokyo', day: 20, hour: 2, language: 'en', countries: ['ID', 'JP'], tone: 0.5 },
  { id: 'b', source: 'tokyo', day: 20, hour: 3, language: 'en', countries: ['ID'], tone: 0.1 },
  { id: 'c', source: 'wire', day: 20, hour: 4, language: 'id', countries: ['ID'], tone: -0.3 },
  { id: 'd', source: 'wire', day: 20, hour: 5, language: 'id', countries: ['ID', 'MY'], tone: 0.1 },
  { id: 'e', source: 'wire', day: 20, hour: 6, language: 'id', countries: ['ID'], tone: null },
  { id: 'f', source: 'tokyo', day: 20, hour: 7, language: 'en', countries: ['JP'], tone: 0.9 },
  { id: 'g', source: 'tokyo', day: 21, hour: 2, language: 'en', countries: ['ID'], tone: -0.6 },
  { id: 'h', source: 'wire', day: 21, hour: 3, language: 'id', countries: ['ID', 'JP'], tone: -0.2 },
];
const period = 'from=2026-11-20T00:00:00Z&to=2026-11-22T00:00:00Z&tz=UTC&bucket=day';

/** Mean ± t(n−1)·sd/√n by hand, for the expectations (t from the standard table). */
function band(values: number[], t: number) {
  const n = values.length;
  const mean = values.reduce((a, b) => a + b, 0) / n;
  const sd = Math.sqrt(values.reduce((a, v) => a + (v - mean) ** 2, 0) / (n - 1));
  return { mean, low: Math.max(-1, mean - (t * sd) / Math.sqrt(n)), high: Math.min(1, mean + (t * sd) / Math.sqrt(n)) };
}

async function image(query = period): Promise<ImageResponse> {
  const res = await admin.get(`/api/v1/insights/image?${query}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as ImageResponse;
}

const put = (client: Client, url: string, body: unknown) => client.request({ method: 'PUT', url, payload: body as Record<string, unknown> });

async function imageRollups(): Promise<string> {
  const rows = await queryRows(t.ctx.db, sql`select unit_id, dimension, key, bucket, items, round(tone_sum::numeric, 6) as s, round(tone_sq_sum::numeric, 6) as q, tone_items from insights_rollups where dimension like 'image%' and (items <> 0 or tone_items <> 0) order by 1, 2, 3, 4`);
  return JSON.stringify(rows);
}

async function until(check: () => Promise<boolean>, what: string): Promise<void> {
  const deadline = Date.now() + 10_000;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

const outboxDrained = async () => (await queryRows<{ n: number }>(t.ctx.db, sql`select count(*)::int as n from outbox where dispatched_at is null`))[0]?.n === 0;

async function runJobs(): Promise<void> {
  const runner = createJobRunner({ db: t.database.db, registry: createJobRegistry(insightsJobs(t.ctx)), workerId: 'image-test', pollMs: 50 });
  while (await runner.runOnce()) {
    // one rebuild page per job
  }
}

beforeAll(async () => {
  t = await createTestApp();
  const analyser = await createAnalyser();
  rootId = (await findRootUnit(t.ctx.db))?.id ?? '';
  tokyo = await insertSource(t.ctx.db, { unitId: rootId, connector: 'rss', name: 'Tokyo daily', config: { url: 'https://tokyo.example/rss' } });
  wire = await insertSource(t.ctx.db, { unitId: rootId, connector: 'rss', name: 'Wire service', config: { url: 'https://wire.example/rss' } });
  admin = await signInAs(t.app, adminEmail, adminPassword);
  for (const [source, name] of [
    [tokyo, 'tokyo'],
    [wire, 'wire'],
  ] as const) {
    const batch: IngestItem[] = cases.filter((c) => c.source === name).map((c) => ({ remoteId: c.id, text: `Report ${c.id} on regional affairs and trade.`, publishedAt: at(c.day, c.hour) }));
    await ingestBatch(t.ctx, analyser, source, batch);
  }
  await until(outboxDrained, 'the collected items to reach insights');
  for (const c of cases) {
    await t.ctx.db.execute(sql`update listening_items set language = ${c.language}, countries = ${JSON.stringify(c.countries)}::jsonb, topic_ids = '[]'::jsonb, sentiment = ${c.tone} where external_id = ${c.id}`);
  }
  const ids = (await queryRows<{ id: string }>(t.ctx.db, sql`select id from listening_items`)).map((r) => r.id);
  await t.ctx.db.transaction((tx) => applyItemIds(tx, ids));
});
afterAll(() => t?.close());

describe('the nation-image index', () => {
  it('follows Indonesia in the demo workspace until an administrator sets another country', async () => {
    expect(await readOurCountry(t.ctx.db)).toBe('ID');
    const res = await admin.get('/api/v1/insights/settings/our-country');
    expect(res.json()).toMatchObject({ country: 'ID', updatedAt: null, policies: { update: true } });
  });

  it('gives the mean tone per day with the hand-computed 95 % interval', async () => {
    const got = await image();
    expect(got.country).toBe('ID');
    expect(got.buckets).toEqual(['2026-11-20T00:00:00.000Z', '2026-11-21T00:00:00.000Z']);
    const [day20, day21] = got.points;
    // Day 20: a–e mention Indonesia (e has no tone), f does not; tones 0.5, 0.1, −0.3, 0.1 → t(3) = 3.182.
    const d20 = band([0.5, 0.1, -0.3, 0.1], 3.182);
    expect(day20).toMatchObject({ items: 5, toneItems: 4 });
    expect(day20?.tone).toBeCloseTo(0.1, 3);
    expect(day20?.low).toBeCloseTo(d20.low, 3);
    expect(day20?.high).toBeCloseTo(d20.high, 3);
    // Day 21: −0.6, −0.2 → t(1) = 12.706, so wide that it is clipped to the scale.
    expect(day21).toMatchObject({ items: 2, toneItems: 2, low: -1, high: 1 });
    expect(day21?.tone).toBeCloseTo(-0.4, 3);
    const all = band([0.5, 0.1, -0.3, 0.1, -0.6, -0.2], 2.571);
    expect(got.overall).toMatchObject({ items: 7, toneItems: 6 });
    expect(got.overall.tone).toBeCloseTo(all.mean, 3);
    expect(got.overall.low).toBeCloseTo(all.low, 3);
    expect(got.overall.high).toBeCloseTo(all.high, 3);
  });

  it('splits by language and by the source’s country, regrouping when a source’s country is set', async () => {
    const before = await image();
    const en = before.byLanguage.find((g) => g.key === 'en');
    expect(en).toMatchObject({ items: 3, toneItems: 3 });
    expect(en?.tone).toBeCloseTo((0.5 + 0.1 - 0.6) / 3, 3);
    expect(before.bySourceCountry).toEqual([expect.objectContaining({ key: 'unknown', items: 7, sourceIds: [tokyo.id, wire.id].sort() })]);
    const patched = await admin.patch(`/api/v1/listening/sources/${tokyo.id}`, { country: 'JP' });
    expect(patched.statusCode, patched.body).toBe(200);
    expect(patched.json().country).toBe('JP');
    const after = await image();
    const jp = after.bySourceCountry.find((g) => g.key === 'JP');
    expect(jp).toMatchObject({ items: 3, toneItems: 3, sourceIds: [tokyo.id] });
    expect(after.bySourceCountry.find((g) => g.key === 'unknown')).toMatchObject({ items: 4, toneItems: 3, sourceIds: [wire.id] });
    expect((await admin.patch(`/api/v1/listening/sources/${tokyo.id}`, { country: 'Japan' })).statusCode).toBe(400);
  });

  it('names the items that pull the index up and down, around the period’s mean', async () => {
    const { pull } = await image();
    // The mean is −0.0667: above it 0.5, 0.1, 0.1 (newest first among equals); below it −0.6, −0.3, −0.2.
    expect(pull.up.map((i) => i.tone)).toEqual([0.5, expect.closeTo(0.1, 5), expect.closeTo(0.1, 5)]);
    expect(pull.up.map((i) => i.headline)).toEqual(['Report a on regional affairs and trade.', 'Report d on regional affairs and trade.', 'Report b on regional affairs and trade.']);
    expect(pull.down.map((i) => Number(i.tone.toFixed(3)))).toEqual([-0.6, -0.3, -0.2]);
    // One day's pull: around that day's own mean (0.1), only a pulls up.
    const day = await admin.get('/api/v1/insights/image/items?from=2026-11-20T00:00:00Z&to=2026-11-21T00:00:00Z');
    expect(day.statusCode, day.body).toBe(200);
    expect(day.json().up.map((i: { headline: string }) => i.headline)).toEqual(['Report a on regional affairs and trade.']);
    expect(day.json().down.map((i: { tone: number }) => Number(i.tone.toFixed(3)))).toEqual([-0.3]);
  });

  it('is unchanged when the items are applied again and their event replayed', async () => {
    const before = await imageRollups();
    expect(before).toContain('"dimension":"image"');
    const ids = (await queryRows<{ id: string }>(t.ctx.db, sql`select id from listening_items`)).map((r) => r.id);
    const outcome = await t.ctx.db.transaction((tx) => applyItemIds(tx, ids));
    expect(outcome).toMatchObject({ added: 0, changed: 0, unchanged: ids.length });
    await t.ctx.db.transaction((tx) => appendEvents(tx, [{ type: itemsReanalysed, unitId: rootId, data: { ids } }]));
    t.ctx.notifyOutbox();
    await until(outboxDrained, 'the replayed event to be handled');
    expect(await imageRollups()).toBe(before);
  });

  it('is recounted for the new country when an administrator changes it, and audited', async () => {
    const denied = await put(admin, '/api/v1/insights/settings/our-country', { country: 'japan' });
    expect(denied.statusCode).toBe(400);
    const changed = await put(admin, '/api/v1/insights/settings/our-country', { country: 'JP' });
    expect(changed.statusCode, changed.body).toBe(200);
    expect((changed.json() as OurCountryDto).country).toBe('JP');
    expect((await admin.get('/api/v1/insights/rollups/rebuild')).json()).toMatchObject({ state: 'running', total: cases.length });
    await runJobs();
    expect((await admin.get('/api/v1/insights/rollups/rebuild')).json()).toMatchObject({ state: 'done', done: cases.length });
    const japan = await image();
    // a, f, h mention Japan: 0.5, 0.9, −0.2.
    expect(japan.country).toBe('JP');
    expect(japan.overall).toMatchObject({ items: 3, toneItems: 3 });
    expect(japan.overall.tone).toBeCloseTo(0.4, 3);
    const audit = await queryRows<{ summary: Record<string, unknown> }>(t.ctx.db, sql`select summary from audit_log where action = 'insights-image.country-changed'`);
    expect(audit.map((a) => a.summary)).toEqual([{ from: 'ID', to: 'JP', rebuild: true }]);
    // Back to Indonesia: the first figures again, exactly.
    await put(admin, '/api/v1/insights/settings/our-country', { country: 'ID' });
    await runJobs();
    expect((await image()).overall).toMatchObject({ items: 7, toneItems: 6 });
  });

  it('is empty with no country, and only administrators may set it', async () => {
    const none = await put(admin, '/api/v1/insights/settings/our-country', { country: null });
    expect(none.statusCode, none.body).toBe(200);
    await runJobs();
    const empty = await image();
    expect(empty.country).toBeNull();
    expect(empty.overall.items).toBe(0);
    expect(empty.pull).toEqual({ up: [], down: [] });
    await put(admin, '/api/v1/insights/settings/our-country', { country: 'ID' });
    await runJobs();
    const user = await buildUser(t.ctx, { role: 'analyst' });
    const analyst = await signInAs(t.app, user.email, testPassword);
    expect((await analyst.get('/api/v1/insights/settings/our-country')).json().policies).toEqual({ update: false });
    expect((await put(analyst, '/api/v1/insights/settings/our-country', { country: 'MY' })).statusCode).toBe(403);
    expect(await readOurCountry(t.ctx.db)).toBe('ID');
  });
});

describe('today’s top stories (the home dashboard)', () => {
  it('ranks near-duplicate clusters by their items in the period, each shown by its first item', async () => {
    // a, b and d retold by three outlets: one cluster; g alone.
    const first = (await queryRows<{ id: string }>(t.ctx.db, sql`select id from listening_items where external_id = 'a'`))[0]?.id;
    await t.ctx.db.execute(sql`update listening_items set cluster_id = ${first} where external_id in ('a', 'b', 'd')`);
    const res = await admin.get('/api/v1/listening/top-stories?from=2026-11-20T00:00:00Z&to=2026-11-22T00:00:00Z&limit=2');
    expect(res.statusCode, res.body).toBe(200);
    const [top, second] = res.json().items;
    expect(top).toMatchObject({ clusterId: first, itemId: first, items: 3, sources: 2, sourceName: 'Tokyo daily', headline: 'Report a on regional affairs and trade.' });
    expect(second.items).toBe(1);
    expect(res.json().items).toHaveLength(2);
    // The period bounds the count: on the 21st the cluster has no item.
    const nextDay = await admin.get('/api/v1/listening/top-stories?from=2026-11-21T00:00:00Z&to=2026-11-22T00:00:00Z');
    expect(nextDay.json().items.map((s: { items: number }) => s.items)).toEqual([1, 1]);
    expect((await admin.get('/api/v1/listening/top-stories?from=2026-11-22T00:00:00Z&to=2026-11-21T00:00:00Z')).statusCode).toBe(400);
  });
});
