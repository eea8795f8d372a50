import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/test-app.ts';
import { findRootUnit } from '../../identity/index.ts';
import { facetSummary, searchItems, seedListeningDemo } from '../index.ts';

let t: TestApp;
let unitIds: string[];

beforeAll(async () => {
  t = await createTestApp();
  unitIds = [(await findRootUnit(t.ctx.db))?.id ?? ''];
  await seedListeningDemo(t.ctx);
  await seedListeningDemo(t.ctx); // idempotent
});
afterAll(() => t?.close());

describe('demo listening sample', () => {
  it('is stored once, analysed, in several languages, with the retold story as one cluster', async () => {
    const items = await searchItems(t.ctx.db, { unitIds, limit: 100 });
    expect(items).toHaveLength(20);
    const languages = (await facetSummary(t.ctx.db, { unitIds, limit: 100 })).language.map((f) => f.value);
    expect(languages).toEqual(expect.arrayContaining(['id', 'en', 'ar', 'zh', 'fr', 'ms']));
    const first = items.find((i) => i.externalId === 'demo-01');
    const cluster = items.filter((i) => i.clusterId === first?.clusterId).map((i) => i.externalId);
    expect(cluster.length).toBeGreaterThanOrEqual(4);
    expect(cluster).not.toContain('demo-13');
    const critics = items.filter((i) => i.externalId === 'demo-11' || i.externalId === 'demo-12');
    for (const c of critics) expect(c.sentiment ?? 0).toBeLessThan(0);
    expect(items.find((i) => i.externalId === 'demo-13')?.topicIds).toContain('health');
  });
});
