// Where one item counts: pure, so the rule can be read and tested on its own.
import type { ItemFacts } from '../../listening/index.ts';

/** What an item adds to the rollups: its unit, its hour (UTC), its dimension keys and its tone. */
export type Contribution = { unitId: string; bucket: Date; keys: string[]; tone: number | null; intensity: number | null };

/** CAMEO roots of material conflict (QuadClass 4): protest, force posture, reduced relations, coercion, assault, fight, mass violence. */
export const MATERIAL_CONFLICT_ROOTS: ReadonlySet<string> = new Set(['14', '15', '16', '17', '18', '19', '20']);

/** The `event` key of a material-conflict event: its root and where it took place (empty when GDELT coded no country). */
export const eventKey = (rootCode: string, country: string | null): string => `${rootCode}|${country ?? ''}`;

/** The `topic-country` key: an item about a topic that mentions a country. */
export const topicCountryKey = (topicId: string, country: string): string => `${topicId}|${country}`;

/** Goldstein-weighted intensity of one event: how conflictual it is, 0 (neutral or cooperative) to 10. */
export const intensityOf = (goldstein: number | null): number => (goldstein === null || !Number.isFinite(goldstein) ? 0 : Math.max(0, -goldstein));

const HOUR_MS = 3_600_000;

/** The hour an instant falls in. */
export const hourOf = (at: Date): Date => new Date(Math.floor(at.getTime() / HOUR_MS) * HOUR_MS);

/** The dimensions of the nation-image index: items that mention our country, overall and split. */
export const imageDimensions = { all: 'image', language: 'image-language', topic: 'image-topic', source: 'image-source' } as const;

/**
 * The keys an item counts under: always `all:`; its source and language; each country mentioned and
 * each topic once (an item about two topics counts once in each, so topic series may sum to more
 * than `all`); each (topic, country) pair; and, for a GDELT material-conflict event (CAMEO roots
 * 14–20), `event:<root>|<action country>` carrying its intensity. An item that mentions our
 * country also counts in the image index: `image:all`, its language, each topic and its source
 * (grouped by the source's country when read, so a source's country can be corrected without
 * re-counting). Sorted, so equal contributions compare equal.
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
  // Monitors ask for topics within regions: the pairs are counted so that neither is guessed.
  for (const t of item.topicIds) for (const c of item.countries) keys.add(`topic-country:${topicCountryKey(t, c)}`);
  let intensity: number | null = null;
  if (item.event && MATERIAL_CONFLICT_ROOTS.has(item.event.rootCode)) {
    keys.add(`event:${eventKey(item.event.rootCode, item.event.actionCountry)}`);
    intensity = intensityOf(item.event.goldstein);
  }
  const tone = item.sentiment === null || !Number.isFinite(item.sentiment) ? null : item.sentiment;
  return { unitId: item.unitId, bucket: hourOf(item.publishedAt), keys: [...keys].sort(), tone, intensity };
}

export function sameContribution(a: Contribution, b: Contribution): boolean {
  return a.unitId === b.unitId && a.bucket.getTime() === b.bucket.getTime() && a.tone === b.tone && sameReal(a.intensity, b.intensity) && a.keys.length === b.keys.length && a.keys.every((k, i) => k === b.keys[i]);
}

// The stored intensity is a real (4 bytes): compare at its precision, or a replay would look changed.
const sameReal = (a: number | null, b: number | null): boolean => (a === null || b === null ? a === b : Math.fround(a) === Math.fround(b));

/** Splits `dimension:key` (the key may itself contain colons). */
export function splitKey(key: string): { dimension: string; key: string } {
  const at = key.indexOf(':');
  return { dimension: key.slice(0, at), key: key.slice(at + 1) };
}
