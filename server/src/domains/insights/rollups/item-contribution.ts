// Where one item counts: pure, so the rule can be read and tested on its own.
import type { ItemFacts } from '../../listening/index.ts';

/** What an item adds to the rollups: its unit, its hour (UTC), its dimension keys and its tone. */
export type Contribution = { unitId: string; bucket: Date; keys: string[]; tone: number | null };

const HOUR_MS = 3_600_000;

/** The hour an instant falls in. */
export const hourOf = (at: Date): Date => new Date(Math.floor(at.getTime() / HOUR_MS) * HOUR_MS);

/** The dimensions of the nation-image index: items that mention our country, overall and split. */
export const imageDimensions = { all: 'image', language: 'image-language', topic: 'image-topic', source: 'image-source' } as const;

/**
 * The keys an item counts under: always `all:`; its source and language; each country mentioned and
 * each topic once (an item about two topics counts once in each, so topic series may sum to more
 * than `all`). An item that mentions our country also counts in the image index: `image:all`, its
 * language, each topic and its source (grouped by the source's country when read, so a source's
 * country can be corrected without re-counting). Sorted, so equal contributions compare equal.
 */
export function contributionOf(item: ItemFacts, ourCountry: string | null): Contribution {
  const keys = new Set<string>(['all:', `source:${item.sourceId}`, `language:${item.language}`]);
  for (const c of item.countries) keys.add(`country:${c}`);
  for (const t of item.topicIds) keys.add(`topic:${t}`);
  if (ourCountry !== null && item.countries.includes(ourCountry)) {
    keys.add(`${imageDimensions.all}:all`);
    keys.add(`${imageDimensions.language}:${item.language}`);
    keys.add(`${imageDimensions.source}:${item.sourceId}`);
    for (const t of item.topicIds) keys.add(`${imageDimensions.topic}:${t}`);
  }
  const tone = item.sentiment === null || !Number.isFinite(item.sentiment) ? null : item.sentiment;
  return { unitId: item.unitId, bucket: hourOf(item.publishedAt), keys: [...keys].sort(), tone };
}

export function sameContribution(a: Contribution, b: Contribution): boolean {
  return a.unitId === b.unitId && a.bucket.getTime() === b.bucket.getTime() && a.tone === b.tone && a.keys.length === b.keys.length && a.keys.every((k, i) => k === b.keys[i]);
}

/** Splits `dimension:key` (the key may itself contain colons). */
export function splitKey(key: string): { dimension: string; key: string } {
  const at = key.indexOf(':');
  return { dimension: key.slice(0, at), key: key.slice(at + 1) };
}
