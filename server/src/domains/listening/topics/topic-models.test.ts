import { DEFAULT_TAXONOMY, trainTopicModel } from '@diplodesk/analysis';
import { describe, expect, it } from 'vitest';
import type { Executor } from '../../../platform/db/index.ts';
import type { TopicModels } from './classify-item.ts';
import { createTopicModelCache, trainInSlices } from './topic-models.ts';

describe('trainInSlices', () => {
  it('learns exactly what one pass over all texts learns', async () => {
    const words = 'navy patrol natuna vaccine clinic tariff steel climate flood summit minister refugee cyber football music weather'.split(' ');
    const texts = Array.from({ length: 1100 }, (_, i) => Array.from({ length: 12 }, (_, k) => words[(i * 7 + k * 5 + (i % 13) * k) % words.length]).join(' '));
    const whole = trainTopicModel(DEFAULT_TAXONOMY, texts, { language: 'en' });
    const sliced = await trainInSlices(DEFAULT_TAXONOMY, texts, 'en');
    expect(sliced.classes).toEqual(whole.classes);
    expect(sliced.docCounts).toEqual(whole.docCounts);
    expect(sliced.totals).toEqual(whole.totals);
    expect(sliced.vocabularySize).toBe(whole.vocabularySize);
    expect(new Map([...sliced.wordCounts].sort())).toEqual(new Map([...whole.wordCounts].sort()));
  });
});

describe('createTopicModelCache', () => {
  const a = {} as Executor;
  const b = {} as Executor;
  const tick = () => new Promise((r) => setTimeout(r, 0));

  it('trains once per version; another executor never waits on a training still reading through the first', async () => {
    const loads: Executor[] = [];
    let finish: (m: TopicModels) => void = () => undefined;
    const cache = createTopicModelCache({
      load: (x) => {
        loads.push(x);
        return new Promise<TopicModels>((resolve) => {
          finish = resolve;
        });
      },
    });
    const first = cache.get(a, DEFAULT_TAXONOMY, 'v1');
    expect(cache.get(a, DEFAULT_TAXONOMY, 'v1')).toBe(first);
    const other = cache.get(b, DEFAULT_TAXONOMY, 'v1');
    expect(other).not.toBe(first);
    expect(loads).toEqual([a, b]);
    finish({});
    await other;
    await tick();
    // Settled models are shared with anyone; a new version trains again.
    expect(cache.get(a, DEFAULT_TAXONOMY, 'v1')).toBe(other);
    cache.get(a, DEFAULT_TAXONOMY, 'v2');
    expect(loads).toHaveLength(3);
  });

  it('forgets a failed training', async () => {
    let calls = 0;
    const cache = createTopicModelCache({ load: async () => (calls++ === 0 ? Promise.reject(new Error('database gone')) : {}) });
    await expect(cache.get(a, DEFAULT_TAXONOMY, 'v1')).rejects.toThrow('database gone');
    await tick();
    await expect(cache.get(a, DEFAULT_TAXONOMY, 'v1')).resolves.toEqual({});
    expect(calls).toBe(2);
  });
});
