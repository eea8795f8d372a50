// The rollups against the items they summarise: counted once per item however often listening's
// events arrive, moved when an item is re-analysed, rebuilt from history, and served as trends.
import type { IngestItem } from '@diplodesk/connector-sdk';
import type { TrendResponse } from '@diplodesk/contracts';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../../../platform/db/index.ts';
import { appendEvents } from '../../../platform/events/outbox.ts';
import { createJobRegistry, createJobRunner } from '../../../platform/jobs/index.ts';
import { buildUser, testPassword } from '../../../test/factories.ts';
import { adminEmail, adminPassword, type Client, createTestApp, signInAs, type TestApp } from '../../../test/test-app.ts';
import { findRootUnit } from '../../identity/index.ts';
import { type Analyser, createAnalyser, ingestBatch, insertSource, itemsReanalysed, type SourceRow } from '../../listening/index.ts';
import { insightsJobs } from '../index.ts';
import { applyItemIds } from '../rollups/apply-items.ts';

let t: TestApp;
let analyser: Analyser;
let admin: Client;
let feed: SourceRow;
let rootId: string;

// 2026-11-20 … 2026-11-22; times chosen around midnight in Jakarta (UTC+7) so UTC days and Jakarta days differ.
const at = (day: number, hour: number, minute = 0) => new Date(Date.UTC(2026, 10, day, hour, minute)).toISOString();
const texts = [
  'Indonesia dan Malaysia menandatangani kesepakatan perikanan di Jakarta. Nelayan sangat senang!',
  'Japan and Australia agree on maritime security cooperation in the Pacific; a great step.',
  'Pemerintah gagal menangani banjir, warga sangat kecewa dengan pelayanan yang buruk.',
  'Vaccine donations from Indonesia to Pacific partners arrive in Fiji and Samoa.',
  'Indonesia hosts regional talks on climate finance with Viet Nam and the Philippines.',
];
const items: IngestItem[] = [
  ...texts.map((text, i) => ({ remoteId: `d20-${i}`, text, publishedAt: at(20, 10 + i) })),
  // 18:30 UTC on the 20th is 01:30 on the 21st in Jakarta.
  ...texts.slice(0, 3).map((text, i) => ({ remoteId: `d20-late-${i}`, text: `${text} (late edition ${i})`, publishedAt: at(20, 18, 30) })),
  ...texts.slice(1, 4).map((text, i) => ({ remoteId: `d21-${i}`, text: `${text} Day two, report ${i}.`, publishedAt: at(21, 9 + i) })),
];

const period = 'from=2026-11-20T00:00:00Z&to=2026-11-23T00:00:00Z';

async function trend(query: string): Promise<TrendResponse> {
  const res = await admin.get(`/api/v1/insights/trends?${query}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as TrendResponse;
}

/** What the items table says directly: items per key of a dimension, from listening's own rows. */
async function directCounts(dimension: 'country' | 'language'): Promise<Map<string, number>> {
  const rows = await queryRows<{ key: string; n: number }>(
    t.ctx.db,
    dimension === 'country'
      ? sql`select c as key, count(*)::int as n from listening_items, jsonb_array_elements_text(countries) c group by c`
      : sql`select language as key, count(*)::int as n from listening_items group by language`,
  );
  return new Map(rows.map((r) => [r.key, Number(r.n)]));
}

async function rollupsSnapshot(): Promise<string> {
  const rows = await queryRows(t.ctx.db, sql`select unit_id, dimension, key, bucket, items, round(tone_sum::numeric, 6) as tone_sum, tone_items from insights_rollups where items <> 0 or tone_items <> 0 order by 1, 2, 3, 4`);
  return JSON.stringify(rows);
}

async function until(check: () => Promise<boolean>, what: string): Promise<void> {
  const deadline = Date.now() + 10_000;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

beforeAll(async () => {
  t = await createTestApp();
  analyser = await createAnalyser();
  rootId = (await findRootUnit(t.ctx.db))?.id ?? '';
  feed = await insertSource(t.ctx.db, { unitId: rootId, connector: 'rss', name: 'Regional feed', config: { url: 'https://news.example/rss' } });
  admin = await signInAs(t.app, adminEmail, adminPassword);
  await ingestBatch(t.ctx, analyser, feed, items);
  // Listening's event reaches the insights subscriber through the outbox and the bus.
  await until(async () => (await trend(period)).series[0]?.total === items.length, 'the rollups to count every item');
});
afterAll(() => t?.close());

describe('insights rollups', () => {
  it('count every item once, per UTC day and per day in Jakarta', async () => {
    const utc = await trend(`${period}&bucket=day&tz=UTC`);
    expect(utc.buckets).toEqual(['2026-11-20T00:00:00.000Z', '2026-11-21T00:00:00.000Z', '2026-11-22T00:00:00.000Z']);
    expect(utc.series[0]?.points.map((p) => p.items)).toEqual([8, 3, 0]);
    const jakarta = await trend(`${period}&bucket=day&tz=Asia/Jakarta`);
    // Jakarta's days begin at 17:00 UTC the day before; the 18:30 items belong to the 21st there.
    expect(jakarta.buckets[0]).toBe('2026-11-19T17:00:00.000Z');
    expect(jakarta.series[0]?.points.map((p) => p.items)).toEqual([5, 6, 0, 0]);
  });

  it('agree with the items themselves by country and by language', async () => {
    for (const dimension of ['country', 'language'] as const) {
      const got = await trend(`${period}&dimension=${dimension}&top=50`);
      const direct = await directCounts(dimension);
      expect(new Map(got.series.map((s) => [s.key, s.total]))).toEqual(direct);
    }
    const tone = await trend(period);
    const [row] = await queryRows<{ mean: number }>(t.ctx.db, sql`select avg(sentiment)::float8 as mean from listening_items where sentiment is not null and published_at < '2026-11-21'`);
    expect(tone.series[0]?.points[0]?.tone).toBeCloseTo(Number(row?.mean), 3);
  });

  it('are unchanged when the same items are applied again, and when their event is replayed', async () => {
    const before = await rollupsSnapshot();
    const ids = (await queryRows<{ id: string }>(t.ctx.db, sql`select id from listening_items`)).map((r) => r.id);
    const outcome = await t.ctx.db.transaction((tx) => applyItemIds(tx, ids));
    expect(outcome).toEqual({ added: 0, changed: 0, unchanged: ids.length, unitIds: [] });
    await t.ctx.db.transaction((tx) => appendEvents(tx, [{ type: itemsReanalysed, unitId: rootId, data: { ids } }]));
    t.ctx.notifyOutbox();
    await until(async () => (await queryRows<{ n: number }>(t.ctx.db, sql`select count(*)::int as n from outbox where dispatched_at is null`))[0]?.n === 0, 'the replayed event to be handled');
    expect(await rollupsSnapshot()).toBe(before);
  });

  it('move a re-analysed item from its old keys to its new ones', async () => {
    const [item] = await queryRows<{ id: string; countries: string[]; language: string }>(t.ctx.db, sql`select id, countries, language from listening_items where external_id = 'd20-1'`);
    expect(item?.countries).toEqual(expect.arrayContaining(['JP', 'AU']));
    const beforeJp = (await trend(`${period}&dimension=country&keys=JP`)).series[0]?.total ?? 0;
    await t.ctx.db.execute(sql`update listening_items set countries = '["NZ"]'::jsonb, sentiment = -0.5 where id = ${item?.id}`);
    await t.ctx.db.transaction((tx) => applyItemIds(tx, [item?.id ?? '']));
    expect((await trend(`${period}&dimension=country&keys=JP`)).series[0]?.total ?? 0).toBe(beforeJp - 1);
    expect((await trend(`${period}&dimension=country&keys=NZ`)).series[0]?.total).toBe(1);
    // The total is the same: the item moved, it was not added.
    expect((await trend(period)).series[0]?.total).toBe(items.length);
  });

  it('are rebuilt from history with progress, to the same figures', async () => {
    const expected = await rollupsSnapshot();
    // A bug's trace: figures doubled and a bucket lost.
    await t.ctx.db.execute(sql`update insights_rollups set items = items * 2`);
    await t.ctx.db.execute(sql`delete from insights_item_facts where item_id in (select id from listening_items where external_id like 'd21-%')`);
    expect(await rollupsSnapshot()).not.toBe(expected);
    const started = await admin.post('/api/v1/insights/rollups/rebuild', {});
    expect(started.statusCode, started.body).toBe(202);
    expect(started.json()).toMatchObject({ state: 'running', done: 0, total: items.length });
    expect((await admin.post('/api/v1/insights/rollups/rebuild', {})).json().error.code).toBe('insights-rollups.rebuild-running');
    const job = insightsJobs(t.ctx);
    const runner = createJobRunner({ db: t.database.db, registry: createJobRegistry(job), workerId: 'insights-test', pollMs: 50 });
    while (await runner.runOnce()) {
      // one page per job
    }
    expect((await admin.get('/api/v1/insights/rollups/rebuild')).json()).toMatchObject({ state: 'done', done: items.length, total: items.length });
    expect(await rollupsSnapshot()).toBe(expected);
    const audit = await queryRows<{ action: string }>(t.ctx.db, sql`select action from audit_log where action = 'insights-rollups.rebuilt'`);
    expect(audit).toHaveLength(1);
  });
});

describe('the trends API', () => {
  it('ranks series, sums the rest as others, and gives share-of-voice totals', async () => {
    const got = await trend(`${period}&dimension=country&top=2`);
    expect(got.series).toHaveLength(3);
    expect(got.series[2]?.key).toBe('others');
    const totals = got.series.map((s) => s.total);
    expect(totals[0]).toBeGreaterThanOrEqual(totals[1] ?? 0);
    expect(got.totals.map((p) => p.items)).toEqual([8, 3, 0]);
  });

  it('exports a chart as CSV with the same numbers', async () => {
    const res = await admin.get(`/api/v1/insights/trends.csv?${period}&dimension=language`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('text/csv');
    expect(res.headers['content-disposition']).toContain('trend-language-day-2026-11-20.csv');
    const [head, ...rows] = res.body.trim().split('\r\n');
    expect(head).toBe('bucket_start,dimension,key,items,items_with_tone,mean_tone,share_of_all');
    const json = await trend(`${period}&dimension=language`);
    expect(rows).toHaveLength(json.series.length * json.buckets.length);
    const sum = rows.reduce((n, r) => n + Number(r.split(',')[3]), 0);
    expect(sum).toBe(json.series.reduce((n, s) => n + s.total, 0));
  });

  it('refuses a period that ends before it begins, or too long for its bucket, with a clear message', async () => {
    const backwards = await admin.get('/api/v1/insights/trends?from=2026-11-22T00:00:00Z&to=2026-11-20T00:00:00Z');
    expect(backwards.statusCode).toBe(400);
    expect(backwards.json().error.message).toBe('The period must end after it begins.');
    const long = await admin.get('/api/v1/insights/trends?from=2026-01-01T00:00:00Z&to=2026-11-20T00:00:00Z&bucket=hour');
    expect(long.statusCode).toBe(400);
    expect(long.json().error.message).toContain('at most 31 days');
    expect((await admin.get(`/api/v1/insights/trends?${period}&tz=Mars/Olympus`)).statusCode).toBe(400);
  });
});

describe('trends by saved search', () => {
  let pacific: string;

  beforeAll(async () => {
    const res = await admin.post('/api/v1/listening/saved-searches', { name: 'Pacific', query: { q: 'Pacific' } });
    expect(res.statusCode, res.body).toBe(201);
    pacific = (res.json() as { id: string }).id;
  });

  it("count each day's items matching the saved search, as listening's search finds them", async () => {
    const got = await trend(`${period}&bucket=day&tz=UTC&dimension=saved-search&keys=${pacific}`);
    expect(got.series.map((s) => s.key)).toEqual([pacific]);
    // Texts 1 and 3 mention the Pacific: d20-1, d20-3 and the late d20-late-1 on the 20th; d21-0 and d21-2 on the 21st.
    expect(got.series[0]?.points.map((p) => p.items)).toEqual([3, 2, 0]);
    // The drill-down (the search with the saved filters over one bucket) finds exactly the point's items.
    const search = await admin.get(`/api/v1/listening/items?q=Pacific&from=${got.buckets[0]}&to=${got.buckets[1]}&limit=50&facets=0`);
    expect(search.statusCode, search.body).toBe(200);
    expect((search.json() as { items: unknown[] }).items).toHaveLength(3);
    // Without keys: every saved search the caller can see.
    const all = await trend(`${period}&bucket=day&dimension=saved-search`);
    expect(all.series.map((s) => s.key)).toEqual([pacific]);
  });

  it('are unchanged when the items are ingested again, re-applied, and their event replayed', async () => {
    const query = `${period}&bucket=hour&tz=UTC&dimension=saved-search&keys=${pacific}`;
    const before = JSON.stringify((await trend(query)).series);
    const snapshot = await rollupsSnapshot();
    await ingestBatch(t.ctx, analyser, feed, items);
    const ids = (await queryRows<{ id: string }>(t.ctx.db, sql`select id from listening_items`)).map((r) => r.id);
    await t.ctx.db.transaction((tx) => applyItemIds(tx, ids));
    await t.ctx.db.transaction((tx) => appendEvents(tx, [{ type: itemsReanalysed, unitId: rootId, data: { ids } }]));
    t.ctx.notifyOutbox();
    await until(async () => (await queryRows<{ n: number }>(t.ctx.db, sql`select count(*)::int as n from outbox where dispatched_at is null`))[0]?.n === 0, 'the replayed event to be handled');
    expect(JSON.stringify((await trend(query)).series)).toBe(before);
    expect(await rollupsSnapshot()).toBe(snapshot);
  });

  it("refuse another person's private saved search, and an unknown one", async () => {
    const other = await signInAs(t.app, (await buildUser(t.ctx, { role: 'analyst' })).email, testPassword);
    expect((await other.get(`/api/v1/insights/trends?${period}&dimension=saved-search&keys=${pacific}`)).statusCode).toBe(404);
    // Their own view by saved search has none of the admin's.
    const theirs = await other.get(`/api/v1/insights/trends?${period}&dimension=saved-search`);
    expect(theirs.statusCode).toBe(200);
    expect((theirs.json() as TrendResponse).series).toEqual([]);
    const unknown = await admin.get(`/api/v1/insights/trends?${period}&dimension=saved-search&keys=0190a5f0-0000-7000-8000-000000000001`);
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json().error.code).toBe('listening-saved-search.not-found');
  });
});
