// The learnt half of the topic classifier: per keyword language, a naive Bayes model trained on
// the ministry's own recent items, labelled by the taxonomy's keywords. It lets an item that uses
// none of the keywords still score for the topics its words usually travel with.
import { normalise, type Taxonomy, type TopicModel, trainTopicModel } from '@diplodesk/analysis';
import { and, desc, eq, sql } from 'drizzle-orm';
import type { Executor } from '../../../platform/db/index.ts';
import { listeningItems } from '../listening.tables.ts';
import type { TopicModels } from './classify-item.ts';

/** Below this many items in a language a model learns noise; keywords alone are used. */
export const minTrainingItems = 200;
export const maxTrainingItems = 5000;
const modelLanguages = ['en', 'id'] as const;
// Training reads every keyword at every word; slices keep one web or worker process responsive.
const sliceSize = 250;

async function recentTexts(x: Executor, language: string, limit: number): Promise<string[]> {
  const rows = await x
    .select({ text: listeningItems.text })
    .from(listeningItems)
    .where(and(eq(listeningItems.language, language), sql`length(${listeningItems.text}) > 20`))
    .orderBy(desc(listeningItems.publishedAt))
    .limit(limit);
  return rows.map((r) => normalise(r.text).text);
}

/** Naive Bayes counts add up: a model of two slices is the sum of their counts (same taxonomy, same classes). */
function addCounts(into: TopicModel, part: TopicModel): TopicModel {
  const add = (target: number[], source: readonly number[]) => {
    for (const [c, n] of source.entries()) target[c] = (target[c] ?? 0) + n;
  };
  add(into.docCounts, part.docCounts);
  add(into.totals, part.totals);
  for (const [word, counts] of part.wordCounts) {
    const row = into.wordCounts.get(word);
    if (row) add(row, counts);
    else into.wordCounts.set(word, counts);
  }
  into.vocabularySize = into.wordCounts.size;
  return into;
}

const nextTick = () => new Promise<void>((resolve) => setImmediate(resolve));

/** Trains like trainTopicModel, a slice at a time, yielding to the event loop between slices. */
export async function trainInSlices(taxonomy: Taxonomy, texts: readonly string[], language: string): Promise<TopicModel> {
  let model = trainTopicModel(taxonomy, texts.slice(0, sliceSize), { language });
  for (let start = sliceSize; start < texts.length; start += sliceSize) {
    await nextTick();
    model = addCounts(model, trainTopicModel(taxonomy, texts.slice(start, start + sliceSize), { language }));
  }
  return model;
}

/**
 * A model per language ('en', 'id') from the most recent stored items in it (up to 5,000 each);
 * none for a language with fewer than 200 items. Retrain after the taxonomy changes.
 * @example const models = await loadTopicModels(tx, taxonomy); classifyItemTopics(text, lang, taxonomy, models)
 */
export async function loadTopicModels(x: Executor, taxonomy: Taxonomy): Promise<TopicModels> {
  const models: TopicModels = {};
  if (taxonomy.length === 0) return models;
  for (const language of modelLanguages) {
    const texts = await recentTexts(x, language, maxTrainingItems);
    if (texts.length >= minTrainingItems) models[language] = await trainInSlices(taxonomy, texts, language);
  }
  return models;
}

export type TopicModelCache = {
  /** The models for this taxonomy version: trained once, then reused until they are `maxAgeMs` old. */
  get(x: Executor, taxonomy: Taxonomy, version: string): Promise<TopicModels>;
};

type CacheEntry = { version: string; at: number; executor: Executor; settled: boolean; models: Promise<TopicModels> };

/** One process's models, shared by whoever classifies (re-apply job, the "try a text" endpoint). */
export function createTopicModelCache(opts: { maxAgeMs?: number; load?: typeof loadTopicModels } = {}): TopicModelCache {
  const maxAgeMs = opts.maxAgeMs ?? 30 * 60_000;
  const load = opts.load ?? loadTopicModels;
  let entry: CacheEntry | undefined;
  return {
    get(x, taxonomy, version) {
      const current = entry && entry.version === version && Date.now() - entry.at < maxAgeMs ? entry : undefined;
      // A training still reading through another executor is not joined: on PGlite (one
      // connection) a job waiting inside its transaction for reads queued behind that same
      // transaction would wait for ever. Finished models are shared freely.
      if (current && (current.settled || current.executor === x)) return current.models;
      const started: CacheEntry = { version, at: Date.now(), executor: x, settled: false, models: load(x, taxonomy) };
      entry = started;
      started.models.then(
        () => {
          started.settled = true;
        },
        // A failed training is forgotten, so the next caller tries again.
        () => {
          if (entry === started) entry = undefined;
        },
      );
      return started.models;
    },
  };
}

/** This process's cache, shared by the re-apply job and the "try a text" endpoint. */
export const sharedTopicModels = createTopicModelCache();
