import type { ListeningTopicDto, TopicTestRequest, UiLocale } from '@diplodesk/contracts';

/** A topic as the "try a text" box sends it: saved or being edited. */
export type DraftTopic = TopicTestRequest['topics'][number];

/** The key a not-yet-saved topic goes by in a test (never a stored key: those have no underscore). */
export const newTopicKey = '_new';

/** English and Indonesian first (always shown), then the other languages the topic has, alphabetically. */
export function keywordLanguages(keywords: Record<string, string[]>): string[] {
  const others = Object.keys(keywords)
    .filter((l) => l !== 'en' && l !== 'id')
    .sort();
  return ['en', 'id', ...others];
}

/** The active topics as the classifier sees them, with one of them (or a new one) replaced by a draft. */
export function draftTaxonomy(topics: ListeningTopicDto[], draft?: DraftTopic & { id?: string }): DraftTopic[] {
  const active = topics.filter((t) => t.archivedAt === null && t.id !== draft?.id).map((t) => ({ key: t.key, labels: t.labels, keywords: t.keywords }));
  if (!draft) return active;
  const at = draft.id ? topics.filter((t) => t.archivedAt === null).findIndex((t) => t.id === draft.id) : -1;
  const own = { key: draft.key, labels: draft.labels, keywords: draft.keywords };
  return at < 0 ? [...active, own] : [...active.slice(0, at), own, ...active.slice(at)];
}

export function labelIn(labels: { en: string; id: string }, locale: UiLocale): string {
  return labels[locale].trim() || labels.en || labels.id;
}
