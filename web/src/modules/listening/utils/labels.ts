import type { UiLocale } from '@diplodesk/contracts';
import { countryName } from '../../../lib/countries.ts';
import { hasTopicName, requestTopicNames, topicNameKey } from '../topics/utils/topic-names.ts';

/** The default taxonomy's topics (ids from packages/analysis) → translation keys. */
export const topicLabelKeys: Record<string, string> = {
  'climate-environment': 'listening.topics.climate-environment',
  'terrorism-extremism': 'listening.topics.terrorism-extremism',
  'trade-investment': 'listening.topics.trade-investment',
  health: 'listening.topics.health',
  'maritime-security': 'listening.topics.maritime-security',
  migration: 'listening.topics.migration',
  'human-rights': 'listening.topics.human-rights',
  'technology-cyber': 'listening.topics.technology-cyber',
  'diplomacy-cooperation': 'listening.topics.diplomacy-cooperation',
  'arms-control': 'listening.topics.arms-control',
  'palestinian-conflict': 'listening.topics.palestinian-conflict',
  colonialism: 'listening.topics.colonialism',
  nuclear: 'listening.topics.nuclear',
  'economic-development': 'listening.topics.economic-development',
};

export const sentimentMethodKeys: Record<string, string> = {
  vader: 'listening.tone.methods.vader',
  afinn: 'listening.tone.methods.afinn',
  'id-lexicon': 'listening.tone.methods.id-lexicon',
  'afinn-nusax': 'listening.tone.methods.afinn-nusax',
  'id-lexicon-nusax': 'listening.tone.methods.id-lexicon-nusax',
};

/**
 * A topic's label in the interface language, from the ministry's taxonomy (loaded once, see
 * topics/utils/topic-names.ts); until it has arrived, the default topics' built-in names, else the key.
 */
export function topicLabel(id: string, t: (key: string) => string): string {
  if (hasTopicName(id)) return t(topicNameKey(id));
  requestTopicNames();
  const key = topicLabelKeys[id];
  return key ? t(key) : id;
}

/** Regional-indicator letters: "ID" → 🇮🇩. */
export function flagEmoji(code: string): string {
  if (!/^[A-Za-z]{2}$/.test(code)) return '';
  return String.fromCodePoint(...[...code.toUpperCase()].map((c) => 0x1f1e6 + c.charCodeAt(0) - 65));
}

export function countryLabel(code: string, locale: UiLocale): string {
  return countryName(code.toUpperCase(), locale);
}

/** Tone buckets: the word carries the meaning, the colour only repeats it. */
export type ToneKind = 'positive' | 'negative' | 'neutral';
export function toneKind(score: number): ToneKind {
  if (score >= 0.05) return 'positive';
  if (score <= -0.05) return 'negative';
  return 'neutral';
}

export function signedScore(score: number, locale: string): string {
  return new Intl.NumberFormat(locale, { signDisplay: 'exceptZero', minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(score);
}
