import type { UnIssueCode } from '@diplodesk/contracts';
import { DEFAULT_TAXONOMY } from '@diplodesk/analysis';

/**
 * The UN issue codes a listening topic corresponds to. Topics with none (climate, health, cyber …)
 * are compared over every roll call: the General Assembly's codes cover only these six issues.
 */
const TOPIC_UN_ISSUES: Readonly<Record<string, readonly UnIssueCode[]>> = {
  'arms-control': ['di'],
  'palestinian-conflict': ['me'],
  'human-rights': ['hr'],
  colonialism: ['co'],
  nuclear: ['nu'],
  'economic-development': ['ec'],
  'trade-investment': ['ec'],
};

export const unIssuesOfTopic = (topic: string): UnIssueCode[] => [...(TOPIC_UN_ISSUES[topic] ?? [])];

/**
 * Words that mark a statement as being about a topic (a substring of its text): the default
 * taxonomy's label parts and its first keywords, in English and Indonesian. A topic the ministry
 * added itself is matched by its id as a tag and its id's words.
 */
export function topicTerms(topic: string): string[] {
  const entry = DEFAULT_TAXONOMY.find((t) => t.id === topic);
  if (!entry) return [topic.replace(/-/g, ' ')];
  const labels = Object.values(entry.labels).flatMap((l) => l.split('&'));
  const keywords = Object.values(entry.keywords).flatMap((list) => (list ?? []).slice(0, 6));
  return [...new Set([...labels, ...keywords].map((w) => w.replace(/\*/g, '').trim().toLowerCase()).filter((w) => w.length >= 5))];
}
