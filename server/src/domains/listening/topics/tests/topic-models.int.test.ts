import type { IngestItem } from '@diplodesk/connector-sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../../test/test-app.ts';
import { createAnalyser } from '../../analyse-item.ts';
import { ingestBatch } from '../../commands/ingest-batch.ts';
import { insertSource, type SourceRow } from '../../listening.repo.ts';
import { classifyItemTopics } from '../classify-item.ts';
import { seedListeningTopics } from '../commands/seed-topics.ts';
import { findOrganisationId, loadTaxonomy } from '../taxonomy.repo.ts';
import { createTopicModelCache, loadTopicModels, minTrainingItems } from '../topic-models.ts';

let t: TestApp;
let source: SourceRow;

// English items where "clinics" always travels with a health keyword, and unrelated chatter.
function items(from: number, count: number): IngestItem[] {
  const places = ['Surabaya', 'Medan', 'Makassar', 'Bandung', 'Semarang', 'Padang', 'Manado', 'Kupang'];
  return Array.from({ length: count }, (_, k) => {
    const i = from + k;
    const place = `${places[i % places.length]} district ${i}`;
    const text =
      i % 2 === 0
        ? `Vaccine clinics in ${place} stay open late as clinics expect more patients, report number ${i}.`
        : `The football club from ${place} won the weekend match and fans celebrated downtown, report number ${i}.`;
    return { remoteId: `m${i}`, text, language: 'en', publishedAt: new Date(Date.now() - i * 60_000).toISOString() };
  });
}

beforeAll(async () => {
  t = await createTestApp();
  await seedListeningTopics(t.ctx);
  source = await insertSource(t.ctx.db, { unitId: (await findOrganisationId(t.ctx.db)) ?? '', connector: 'import', name: 'Model items', status: 'paused', config: {} });
});
afterAll(() => t?.close());

describe('topic models from the ministry’s own items', () => {
  it('learns nothing below the minimum, then lets a text without keywords score', async () => {
    const analyser = await createAnalyser();
    await ingestBatch(t.ctx, analyser, source, items(0, minTrainingItems - 20));
    const { taxonomy, version } = await loadTaxonomy(t.ctx.db);
    expect(await loadTopicModels(t.ctx.db, taxonomy)).toEqual({});

    await ingestBatch(t.ctx, analyser, source, items(minTrainingItems - 20, 60));
    const models = await loadTopicModels(t.ctx.db, taxonomy);
    expect(models.en).toBeDefined();
    expect(models.id).toBeUndefined();
    const text = 'New clinics open across the province';
    expect(classifyItemTopics(text, 'en', taxonomy, {})).toEqual([]);
    expect(classifyItemTopics(text, 'en', taxonomy, models)[0]?.id).toBe('health');

    const cache = createTopicModelCache();
    const first = cache.get(t.ctx.db, taxonomy, version);
    expect(cache.get(t.ctx.db, taxonomy, version)).toBe(first);
    expect((await first).en?.docCounts).toEqual(models.en?.docCounts);
    const retrained = cache.get(t.ctx.db, taxonomy, 'another version');
    expect(retrained).not.toBe(first);
    expect((await retrained).en).toBeDefined();
  });
});
