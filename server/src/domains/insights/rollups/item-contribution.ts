// Where one item counts: pure, so the rule can be read and tested on its own.
import type { ItemFacts } from '../../listening/index.ts';

/** What an item adds to the rollups: its unit, its hour (UTC), its dimension keys and its tone. */
export type Contribution = { unitId: string; bucket: Date; keys: string[]; tone: number | null };

const HOUR_MS = 3_600_000;

/** The hour an instant falls in. */
export const hourOf = (at: Date): Date => new Date(Math.floor(at.getTime() / HOUR_MS) * HOUR_MS);

/**
 * The keys an item counts under: always `all:`; its source and language; each country mentioned and
 * each topic once (an item about two topics counts once in each, so topic series may sum to more
 * than `all`). Sorted, so equal contributions compare equal.
 */
export function contributionOf(item: ItemFacts): Contribution {
  const keys = new Set<string>(['all:', `source:${item.sourceId}`, `language:${item.language}`]);
  for (const c of item.countries) keys.add(`country:${c}`);
  for (const t of item.topicIds) keys.add(`topic:${t}`);
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
