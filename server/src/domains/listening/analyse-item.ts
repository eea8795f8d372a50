// The analysis each collected item gets before it is stored: language, entities, countries,
// topics and tone, from the pure analysis package. One language model per process.
import { countriesMentioned, createLanguageIdentifier, DEFAULT_TAXONOMY, type LanguageIdentifier, normalise, sentiment, type Taxonomy } from '@diplodesk/analysis';
import { createHash } from 'node:crypto';
import type { ItemTopic } from './listening.tables.ts';
import { classifyItemTopics, keywordLanguageFor, type TopicModels } from './topics/classify-item.ts';

export type ItemAnalysis = {
  text: string;
  contentHash: string;
  language: string;
  languageConfidence: number;
  countries: string[];
  topics: ItemTopic[];
  topicIds: string[];
  sentiment: number | null;
  sentimentMethod: string | null;
  hashtags: string[];
  mentions: string[];
  urls: string[];
};

export type Analyser = { analyse(input: { text: string; language?: string | undefined; countries?: string[] | undefined }): ItemAnalysis };

let identifier: Promise<LanguageIdentifier> | undefined;

/**
 * Loads the language model once (≈ 1 MB, a few hundred ms) and returns the analyser for the
 * ministry's taxonomy and, when trained, its topic models per language.
 */
export async function createAnalyser(taxonomy: Taxonomy = DEFAULT_TAXONOMY, models: TopicModels = {}): Promise<Analyser> {
  identifier ??= createLanguageIdentifier();
  const lid = await identifier;
  return {
    analyse(input) {
      const n = normalise(input.text);
      const detected = lid.identify(n.text);
      // The text itself decides; a language the source states (often feed-wide, e.g. an RSS
      // channel's <language>) is used only when the model cannot tell (short text: 'und').
      const language = detected.language !== 'und' ? detected.language : (input.language ?? 'und');
      // Country names in Malay and the regional languages of Indonesia are mostly the Indonesian ones.
      const gazetteerLanguage = keywordLanguageFor(language) === 'id' ? 'id' : 'en';
      const countries = new Set<string>([...(input.countries ?? []), ...countriesMentioned(n.text, { language: gazetteerLanguage }).map((c) => c.code)]);
      const topics = classifyItemTopics(n.text, language, taxonomy, models);
      const tone = sentiment(n.text, language);
      return {
        text: cleanText(input.text),
        contentHash: createHash('sha256').update(n.text.toLowerCase()).digest('hex'),
        language,
        languageConfidence: Math.round(detected.confidence * 1000) / 1000,
        countries: [...countries].sort(),
        topics,
        topicIds: topics.map((t) => t.id),
        sentiment: tone.method === 'none' ? null : Math.round(tone.score * 1000) / 1000,
        sentimentMethod: tone.method === 'none' ? null : tone.method,
        // Facets compare tags and handles case-insensitively and without their sigils.
        hashtags: [...new Set(n.hashtags.map((h) => h.replace(/^#/, '').toLowerCase()))],
        mentions: [...new Set(n.mentions.map((m) => m.replace(/^@/, '').toLowerCase()))],
        urls: n.urls,
      };
    },
  };
}

/**
 * What an item keeps when the analyser fails on it (a defect, never expected): its cleaned text
 * and content hash, language `und` and no entities — stored rather than lost, and findable by text.
 */
export function unanalysed(text: string): ItemAnalysis {
  const n = normalise(text);
  return {
    text: cleanText(text),
    contentHash: createHash('sha256').update(n.text.toLowerCase()).digest('hex'),
    language: 'und',
    languageConfidence: 0,
    countries: [],
    topics: [],
    topicIds: [],
    sentiment: null,
    sentimentMethod: null,
    hashtags: [],
    mentions: [],
    urls: n.urls,
  };
}

/** Stored with its paragraphs (analysis and the content hash use the normalised form). */
function cleanText(text: string): string {
  return text.normalize('NFKC').replace(/[^\S\n]+/g, ' ').replace(/ *\n */g, '\n').replace(/\n{3,}/g, '\n\n').trim();
}
