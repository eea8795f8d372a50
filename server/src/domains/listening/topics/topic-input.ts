// Shaping what a person typed into a topic: its key from the English label, and tidy keyword lists.
import type { TopicKeywords } from '../listening.tables.ts';

/**
 * A stable key from an English label: lower case ASCII words joined by hyphens
 * ("Climate & environment" → "climate-environment"); accents are dropped, other scripts fall back to "topic".
 */
export function keyFromLabel(label: string): string {
  const words = label
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
  const key = words.join('-').slice(0, 60).replace(/-+$/, '');
  return key || 'topic';
}

/** Keywords trimmed, without exact repeats, languages without keywords left out, languages in a stable order. */
export function cleanKeywords(keywords: Record<string, string[]>): TopicKeywords {
  const out: TopicKeywords = {};
  for (const language of Object.keys(keywords).sort(byLanguage)) {
    const list = [...new Set((keywords[language] ?? []).map((k) => k.trim().replace(/\s+/g, ' ')).filter(Boolean))];
    if (list.length > 0) out[language] = list;
  }
  return out;
}

// English and Indonesian first (the languages every ministry sees), then the rest alphabetically.
function byLanguage(a: string, b: string): number {
  const rank = (l: string) => (l === 'en' ? 0 : l === 'id' ? 1 : 2);
  return rank(a) - rank(b) || a.localeCompare(b);
}

/** The keyword languages whose lists differ between two versions of a topic (for the audit entry). */
export function changedLanguages(before: TopicKeywords, after: TopicKeywords): string[] {
  const languages = new Set([...Object.keys(before), ...Object.keys(after)]);
  return [...languages].filter((l) => JSON.stringify(before[l] ?? []) !== JSON.stringify(after[l] ?? [])).sort(byLanguage);
}
