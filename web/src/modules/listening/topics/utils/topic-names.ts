// Topic labels for every screen that names topics (search facets, item badges), from the
// ministry's taxonomy rather than a fixed list: an added topic shows its own label, an archived one
// keeps it. They live in i18next's store as `listeningTopicNames.<key>`, so they follow the
// interface language like every other word.
import type { ListeningTopicDto } from '@diplodesk/contracts';
import i18next from 'i18next';
import { uiLocales } from '../../../../lib/intl.ts';
import { fetchTopics } from '../api/topics.api.ts';

const known = new Set<string>();
let installed = '';
let requested = false;

export const topicNameKey = (key: string) => `listeningTopicNames.${key}`;

export function hasTopicName(key: string): boolean {
  return known.has(key);
}

/** Puts the taxonomy's labels into the interface's words (both languages) and redraws once if they changed. */
export function installTopicNames(topics: Pick<ListeningTopicDto, 'key' | 'labels'>[]): void {
  const fingerprint = JSON.stringify(topics.map((t) => [t.key, t.labels.en, t.labels.id]));
  if (fingerprint === installed) return;
  installed = fingerprint;
  requested = true;
  for (const locale of uiLocales) {
    const names = Object.fromEntries(topics.map((t) => [t.key, t.labels[locale]]));
    i18next.addResourceBundle(locale, 'translation', { listeningTopicNames: names }, true, true);
  }
  for (const t of topics) known.add(t.key);
  // react-i18next redraws on `languageChanged` (its default binding, not on store changes): the
  // same event tells every component using t() that words it may show have arrived.
  if (i18next.isInitialized) i18next.emit('languageChanged', i18next.language);
}

/** Loads the labels once per session, the first time a topic is named before the taxonomy was read. */
export function requestTopicNames(): void {
  if (requested) return;
  requested = true;
  fetchTopics()
    .then((list) => installTopicNames(list.items))
    // Without the labels, topics keep their built-in names (or their keys); nothing else depends on them.
    .catch(() => undefined);
}
