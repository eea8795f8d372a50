// Which keywords of a topic a text matched, for the "try a text" box. The matcher itself lives in
// @diplodesk/analysis and is not exported; asking it about one keyword at a time gives exactly
// its own verdict (no second implementation of the syntax to drift from it).
import { classifyTopics, type Topic } from '@diplodesk/analysis';

export type KeywordMatch = { keyword: string; count: number };

// keywordScore(hits) = 1 − 0.5^hits, so hits = log2(1 / (1 − score)); past ~50 hits the score rounds to 1.
const maxCountable = 50;

function hitsOf(score: number): number {
  if (score <= 0) return 0;
  if (score >= 1) return maxCountable;
  return Math.min(maxCountable, Math.round(Math.log2(1 / (1 - score))));
}

/**
 * The topic's keywords (in `language`) that occur in the text, with how often, most frequent first.
 * @example matchedKeywords('Navy ships near Natuna', topic, 'en') // [{ keyword: 'navy', count: 1 }, { keyword: 'natuna', count: 1 }]
 */
export function matchedKeywords(text: string, topic: Pick<Topic, 'keywords'>, language: string): KeywordMatch[] {
  const out: KeywordMatch[] = [];
  for (const keyword of new Set(topic.keywords[language] ?? [])) {
    const probe = [{ id: 'probe', labels: { en: '', id: '' }, keywords: { [language]: [keyword] } }];
    const [found] = classifyTopics(text, probe, { language, minScore: Number.MIN_VALUE });
    const count = hitsOf(found?.score ?? 0);
    if (count > 0) out.push({ keyword, count });
  }
  return out.sort((a, b) => b.count - a.count);
}
