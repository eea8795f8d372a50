// The analysis each collected item gets before it is stored: language, entities, countries,
// topics and tone, from the pure analysis package. One language model per process.
import { classifyTopics, countriesMentioned, createLanguageIdentifier, DEFAULT_TAXONOMY, type LanguageIdentifier, normalise, sentiment, type Taxonomy } from '@diplodesk/analysis';
import { createHash } from 'node:crypto';
import type { ItemTopic } from './listening.tables.ts';

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

/** Loads the language model once (≈ 1 MB, a few hundred ms) and returns the analyser. */
export async function createAnalyser(taxonomy: Taxonomy = DEFAULT_TAXONOMY): Promise<Analyser> {
  identifier ??= createLanguageIdentifier();
  const lid = await identifier;
  return {
    analyse(input) {
      const n = normalise(input.text);
      const detected = lid.identify(n.text);
      // The text itself decides; a language the source states (often feed-wide, e.g. an RSS
      // channel's <language>) is used only when the model cannot tell (short text: 'und').
      const language = detected.language !== 'und' ? detected.language : (input.language ?? 'und');
      const gazetteerLanguage = language.startsWith('id') || language.startsWith('ms') ? 'id' : 'en';
      const countries = new Set<string>([...(input.countries ?? []), ...countriesMentioned(n.text, { language: gazetteerLanguage }).map((c) => c.code)]);
      const topics = classifyTopics(n.text, taxonomy, { language: gazetteerLanguage }).map((t) => ({ id: t.id, score: Math.round(t.score * 1000) / 1000 }));
      const tone = sentiment(n.text, language);
      return {
        // Stored with its paragraphs (analysis and the content hash use the normalised form).
        text: input.text.normalize('NFKC').replace(/[^\S\n]+/g, ' ').replace(/ *\n */g, '\n').replace(/\n{3,}/g, '\n\n').trim(),
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
