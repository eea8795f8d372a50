// How a stored or incoming item gets its topics from the ministry's taxonomy: which keyword list
// applies to the item's language, and which learnt model (if any) adds to the keywords. Pure.
import { classifyTopics, normalise, type Taxonomy, type TopicModel } from '@diplodesk/analysis';
import type { ItemTopic } from '../listening.tables.ts';

/** Models learnt from the ministry's own items, per keyword language (see topic-models.ts). */
export type TopicModels = { en?: TopicModel; id?: TopicModel };

// Regional languages of Indonesia that language identification names. Their news and posts borrow
// Indonesian's words for government, disasters, health and the like, and were read with the
// Indonesian keywords while they were identified as Indonesian.
const READ_AS_INDONESIAN = new Set(['id', 'ms', 'jv', 'su', 'min', 'ban', 'ace', 'bjn']);

/**
 * The keyword language for an item's language: Indonesian keywords also serve Malay and the
 * regional languages of Indonesia (the affix stemmer and most words are shared), and anything
 * else reads its own keywords when the ministry added some, with the English list as well (names
 * such as ASEAN, WHO or COVID travel).
 */
export function keywordLanguageFor(language: string): string {
  const base = language.toLowerCase().split('-')[0] ?? '';
  if (READ_AS_INDONESIAN.has(base)) return 'id';
  if (/^[a-z]{2,3}$/.test(base) && base !== 'und') return base;
  return 'en';
}

const perLanguage = new WeakMap<Taxonomy, Map<string, Taxonomy>>();

/** The taxonomy as seen by one keyword language: its own keywords plus the English ones (other than en/id). */
export function taxonomyForLanguage(taxonomy: Taxonomy, language: string): Taxonomy {
  if (language === 'en' || language === 'id') return taxonomy;
  let cache = perLanguage.get(taxonomy);
  if (!cache) {
    cache = new Map();
    perLanguage.set(taxonomy, cache);
  }
  let found = cache.get(language);
  if (!found) {
    found = taxonomy.map((t) => ({ ...t, keywords: { [language]: [...new Set([...(t.keywords[language] ?? []), ...(t.keywords.en ?? [])])] } }));
    cache.set(language, found);
  }
  return found;
}

/**
 * An item's topics (multi-label, scores 0…1 rounded to three decimals, best first) under the
 * ministry's taxonomy, with the learnt model of the item's keyword language when there is one.
 * @example classifyItemTopics('Navy patrols near Natuna', 'en', taxonomy, {}) // [{ id: 'maritime-security', score: 0.75 }]
 */
export function classifyItemTopics(text: string, language: string, taxonomy: Taxonomy, models: TopicModels = {}): ItemTopic[] {
  const keywordLanguage = keywordLanguageFor(language);
  const model = keywordLanguage === 'en' || keywordLanguage === 'id' ? models[keywordLanguage] : undefined;
  return classifyTopics(normalise(text).text, taxonomyForLanguage(taxonomy, keywordLanguage), { language: keywordLanguage, ...(model ? { model } : {}) }).map((t) => ({
    id: t.id,
    score: Math.round(t.score * 1000) / 1000,
  }));
}
