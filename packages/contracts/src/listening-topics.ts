import { z } from 'zod';
import { isoDateTime, plainText, policies, uuid } from './common.ts';

/** Keywords a topic may have in one language; past this the list stops being a taxonomy. */
export const maxKeywordsPerLanguage = 200;
export const maxKeywordLength = 100;

/** Why a keyword cannot be used, or null when it can (shared by the server's schema and the web form). */
export type KeywordProblem = 'empty' | 'too-long' | 'no-letters' | 'not-a-word' | 'lone-wildcard' | 'misplaced-wildcard';

// A keyword matches words (letters and digits); a part without one can never match anything.
const hasWordCharacter = /[\p{L}\p{N}]/u;
// The words the classifier reads: letters and digits, joined inside by a hyphen or an apostrophe
// (al-qaeda, women's). A prefix may end with one (al-*). Anything else (u.s., #tag, commas) never matches.
const word = /^[\p{L}\p{N}]+(?:['’-][\p{L}\p{N}]+)*$/u;
const prefix = /^[\p{L}\p{N}]+(?:['’-][\p{L}\p{N}]+)*['’-]?$/u;

/**
 * Checks one keyword against the syntax the classifier reads: words, a phrase of words, a prefix
 * ending in `*` (only at the very end), and capitals meaning "exactly as written".
 * @example keywordProblem('vaccin*') // null
 * @example keywordProblem('*') // 'lone-wildcard'
 */
export function keywordProblem(raw: string): KeywordProblem | null {
  const keyword = raw.trim();
  if (keyword === '') return 'empty';
  if (keyword.length > maxKeywordLength) return 'too-long';
  const parts = keyword.split(/\s+/);
  if (parts.some((p) => p === '*')) return 'lone-wildcard';
  if (parts.some((p) => p.slice(0, -1).includes('*')) || parts.slice(0, -1).some((p) => p.endsWith('*'))) return 'misplaced-wildcard';
  if (parts.some((p) => !hasWordCharacter.test(p))) return 'no-letters';
  if (parts.some((p) => (p.endsWith('*') ? !prefix.test(p.slice(0, -1)) : !word.test(p)))) return 'not-a-word';
  return null;
}

const keywordMessages: Record<KeywordProblem, string> = {
  empty: 'A keyword cannot be empty.',
  'too-long': `A keyword can have at most ${maxKeywordLength} characters.`,
  'no-letters': 'A keyword needs letters or digits; punctuation alone matches nothing.',
  'not-a-word': 'A keyword is made of words: letters and digits, joined only by a hyphen or an apostrophe (al-qaeda); other signs never match.',
  'lone-wildcard': 'A lone * would match every word; put it after the start of a word (vaccin*).',
  'misplaced-wildcard': 'A * may only end the keyword (vaccin*).',
};

export const topicKeyword = z
  .string()
  .trim()
  .superRefine((value, ctx) => {
    const problem = keywordProblem(value);
    if (problem) ctx.addIssue({ code: 'custom', message: keywordMessages[problem], params: { problem } });
  });

/** A language of keywords: an ISO 639 code such as `en`, `id`, `ms`, `fr`. */
export const topicLanguage = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[a-z]{2,3}$/, 'A language is a two- or three-letter code (en, id, fr).');

const keywordList = z.array(topicKeyword).max(maxKeywordsPerLanguage, `At most ${maxKeywordsPerLanguage} keywords per language.`);

/** Keyword lists per language; language codes are checked with a message that names the code, and lower-cased. */
export const topicKeywords = z
  .record(z.string(), keywordList)
  .superRefine((value, ctx) => {
    for (const code of Object.keys(value)) {
      if (!topicLanguage.safeParse(code).success) ctx.addIssue({ code: 'custom', path: [code], message: `"${code.slice(0, 20)}" is not a language code: use two or three letters (en, id, fr).` });
    }
  })
  .transform((value) => {
    const out: Record<string, string[]> = {};
    for (const [code, list] of Object.entries(value)) {
      const language = code.trim().toLowerCase();
      out[language] = [...(out[language] ?? []), ...list];
    }
    return out;
  });
export type TopicKeywordsInput = z.input<typeof topicKeywords>;

export const topicLabels = z.object({
  en: plainText(1, 80),
  id: plainText(1, 80),
});

/** Stable id of a topic inside stored items (`maritime-security`); derived from the English label. */
export const topicKey = z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/).max(80);

export const listeningTopicDto = z.object({
  id: uuid,
  key: z.string(),
  labels: z.object({ en: z.string(), id: z.string() }),
  keywords: z.record(z.string(), z.array(z.string())),
  position: z.number().int(),
  archivedAt: isoDateTime.nullable(),
  updatedAt: isoDateTime,
  /** Items published in the last 30 days that carry this topic. */
  itemsLast30Days: z.number().int(),
  policies,
});
export type ListeningTopicDto = z.infer<typeof listeningTopicDto>;

export const listeningTopicListResponse = z.object({ items: z.array(listeningTopicDto), policies });
export type ListeningTopicList = z.infer<typeof listeningTopicListResponse>;

export const createListeningTopicRequest = z.object({
  labels: topicLabels,
  keywords: topicKeywords.default({}),
});
export type CreateListeningTopicRequest = z.input<typeof createListeningTopicRequest>;

export const updateListeningTopicRequest = z.object({
  labels: topicLabels.optional(),
  /** The full keyword lists per language; a language left out loses its keywords. */
  keywords: topicKeywords.optional(),
  /** Moves the topic to this place in the list (0 = first). */
  position: z.number().int().min(0).max(10_000).optional(),
});
export type UpdateListeningTopicRequest = z.input<typeof updateListeningTopicRequest>;

/** A sample text tried against a draft taxonomy (nothing is saved). */
export const topicTestRequest = z.object({
  text: z.string().trim().min(1).max(5000),
  /** The text's language; detected when left out. */
  language: topicLanguage.optional(),
  topics: z
    .array(z.object({ key: z.string().trim().min(1).max(80), labels: z.object({ en: z.string().max(80), id: z.string().max(80) }), keywords: topicKeywords }))
    .max(200),
});
export type TopicTestRequest = z.input<typeof topicTestRequest>;

export const topicTestResponse = z.object({
  /** The language the text was read as (detected or given) and the keyword list used for it. */
  language: z.string(),
  keywordLanguage: z.string(),
  /** Whether a model learnt from the ministry's own items added to the scores. */
  usedModel: z.boolean(),
  topics: z.array(
    z.object({
      key: z.string(),
      score: z.number(),
      keywordScore: z.number(),
      /** Whether the score reaches the threshold at which an item is given the topic. */
      assigned: z.boolean(),
      matched: z.array(z.object({ keyword: z.string(), count: z.number().int() })),
    }),
  ),
});
export type TopicTestResult = z.infer<typeof topicTestResponse>;

export const reapplyPeriods = ['7d', '30d', '90d'] as const;
export type ReapplyPeriod = (typeof reapplyPeriods)[number];
export const reapplyTopicsRequest = z.object({ period: z.enum(reapplyPeriods) });

export const reapplyStatusDto = z.object({
  state: z.enum(['idle', 'running', 'done', 'failed']),
  period: z.enum(reapplyPeriods).nullable(),
  done: z.number().int(),
  total: z.number().int(),
  startedAt: isoDateTime.nullable(),
  finishedAt: isoDateTime.nullable(),
});
export type ReapplyStatus = z.infer<typeof reapplyStatusDto>;
