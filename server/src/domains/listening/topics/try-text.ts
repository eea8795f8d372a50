// The "try a text" box: a sample text against a draft of the taxonomy (nothing saved), with the
// scores an item would get and the keywords that produced them.
import { classifyTopics, createLanguageIdentifier, type LanguageIdentifier, normalise, type Taxonomy } from '@diplodesk/analysis';
import type { TopicTestResult, topicTestRequest } from '@diplodesk/contracts';
import type { z } from 'zod';
import type { Executor } from '../../../platform/db/index.ts';
import { keywordLanguageFor, taxonomyForLanguage, type TopicModels } from './classify-item.ts';
import { matchedKeywords } from './matched-keywords.ts';
import { cleanKeywords } from './topic-input.ts';
import { loadTaxonomy } from './taxonomy.repo.ts';
import type { TopicModelCache } from './topic-models.ts';

/** classifyTopics' default minScore: an item is given a topic from this score up. */
export const assignThreshold = 0.2;

let identifier: Promise<LanguageIdentifier> | undefined;

async function detectLanguage(text: string): Promise<string> {
  identifier ??= createLanguageIdentifier();
  return (await identifier).identify(text).language;
}

const round = (n: number) => Math.round(n * 1000) / 1000;

/** Scores of every draft topic for the text, best first; topics with neither score nor keyword left out. */
export function scoreDraft(text: string, language: string, draft: Taxonomy, models: TopicModels): TopicTestResult {
  const keywordLanguage = keywordLanguageFor(language);
  const model = keywordLanguage === 'en' || keywordLanguage === 'id' ? models[keywordLanguage] : undefined;
  const taxonomy = taxonomyForLanguage(draft, keywordLanguage);
  const normalised = normalise(text).text;
  const scores = (m?: typeof model) => new Map(classifyTopics(normalised, taxonomy, { language: keywordLanguage, minScore: 0, ...(m ? { model: m } : {}) }).map((t) => [t.id, t.score]));
  const combined = scores(model);
  const keywordOnly = model ? scores() : combined;
  const topics = taxonomy
    .map((topic) => {
      const score = combined.get(topic.id) ?? 0;
      return { key: topic.id, score: round(score), keywordScore: round(keywordOnly.get(topic.id) ?? 0), assigned: score >= assignThreshold, matched: matchedKeywords(normalised, topic, keywordLanguage) };
    })
    .filter((t) => t.score >= 0.01 || t.matched.length > 0)
    .sort((a, b) => b.score - a.score);
  return { language, keywordLanguage, usedModel: model !== undefined, topics };
}

/**
 * Tries the text with the draft. The learnt model is the one of the saved taxonomy (training per
 * keystroke would take seconds): it still speaks for the draft's saved topics, and a new topic
 * scores on its keywords alone until it is saved.
 */
export async function tryText(x: Executor, models: TopicModelCache, input: z.output<typeof topicTestRequest>): Promise<TopicTestResult> {
  const language = input.language ?? (await detectLanguage(normalise(input.text).text));
  const draft: Taxonomy = input.topics.map((t) => ({ id: t.key, labels: t.labels, keywords: cleanKeywords(t.keywords) }));
  const saved = await loadTaxonomy(x);
  return scoreDraft(input.text, language, draft, await models.get(x, saved.taxonomy, saved.version));
}
