// The nation-image index: the mean tone of the items that mention our country, per bucket and by
// source country, language and topic, each with a 95 % interval from its item count and spread
// (the rollups keep the sum of squared tones for this), and the items that pull it up and down.
import type { ImageFigure, ImageGroup, ImageItem, ImageQuery, ImageResponse } from '@diplodesk/contracts';
import { meanInterval } from '@diplodesk/analysis';
import type { Executor } from '../../../platform/db/index.ts';
import { type ItemHighlight, sourceCountries, toneExtremes } from '../../listening/index.ts';
import { imageDimensions } from '../rollups/item-contribution.ts';
import { type BucketRow, bucketSums } from '../rollups/rollups.repo.ts';
import { wholeBuckets } from '../trends.ts';
import { readOurCountry } from './our-country.ts';

type Sums = { items: number; toneSum: number; toneItems: number; toneSqSum: number };
const zero = (): Sums => ({ items: 0, toneSum: 0, toneItems: 0, toneSqSum: 0 });
const round = (v: number | null) => (v === null ? null : Number(v.toFixed(4)));

function add(into: Sums, r: Sums): Sums {
  into.items += r.items;
  into.toneSum += r.toneSum;
  into.toneItems += r.toneItems;
  into.toneSqSum += r.toneSqSum;
  return into;
}

/** A group's figure: its items, and its mean tone with the 95 % t interval (n = items with a tone). */
export function figureOf(s: Sums): ImageFigure {
  const m = meanInterval({ n: s.toneItems, sum: s.toneSum, sqSum: s.toneSqSum });
  return { items: s.items, toneItems: s.toneItems, tone: round(m.mean), low: round(m.low), high: round(m.high) };
}

function groupsOf(rows: readonly BucketRow[], keyOf: (key: string) => string = (k) => k): Map<string, Sums> {
  const groups = new Map<string, Sums>();
  for (const r of rows) {
    const key = keyOf(r.key);
    groups.set(key, add(groups.get(key) ?? zero(), r));
  }
  return groups;
}

const ranked = (groups: Map<string, Sums>, extra?: (key: string) => Partial<ImageGroup>): ImageGroup[] =>
  [...groups.entries()].map(([key, s]) => ({ key, ...figureOf(s), ...extra?.(key) })).sort((a, b) => b.items - a.items || a.key.localeCompare(b.key));

export const presentImageItem = (i: ItemHighlight): ImageItem => ({
  id: i.id,
  headline: i.headline,
  url: i.url,
  sourceName: i.sourceName,
  publishedAt: i.publishedAt.toISOString(),
  language: i.language,
  tone: Number((i.sentiment ?? 0).toFixed(4)),
});

/** The items of a period that pull the index up and down the most (around the period's mean tone). */
export async function imagePull(tx: Executor, q: { country: string | null; unitIds: readonly string[]; from: Date; to: Date; around: number; limit: number }) {
  if (q.country === null) return { up: [], down: [] };
  const { up, down } = await toneExtremes(tx, { unitIds: q.unitIds, country: q.country, from: q.from, to: q.to, around: q.around, limit: q.limit });
  return { up: up.map(presentImageItem), down: down.map(presentImageItem) };
}

/** The mean tone of the period's items (for the pull), straight from the rollups. */
export async function imageMean(tx: Executor, q: { unitIds: readonly string[]; from: Date; to: Date }): Promise<number> {
  const rows = await bucketSums(tx, { unitIds: q.unitIds, dimension: imageDimensions.all, bucket: 'week', tz: 'UTC', from: q.from, to: q.to });
  const sums = rows.reduce(add, zero());
  return sums.toneItems > 0 ? sums.toneSum / sums.toneItems : 0;
}

export async function imageOf(tx: Executor, q: ImageQuery, unitIds: readonly string[]): Promise<ImageResponse> {
  const country = await readOurCountry(tx);
  const { buckets, start, until } = await wholeBuckets(tx, q);
  const base = { unitIds, bucket: q.bucket, tz: q.tz, from: start, to: until };
  const all = await bucketSums(tx, { ...base, dimension: imageDimensions.all });
  const languages = await bucketSums(tx, { ...base, dimension: imageDimensions.language });
  const topics = await bucketSums(tx, { ...base, dimension: imageDimensions.topic });
  const sources = await bucketSums(tx, { ...base, dimension: imageDimensions.source });
  const byAt = groupsOf(
    all.map((r) => ({ ...r, key: String(r.at.getTime()) })),
  );
  const points = buckets.map((b) => ({ at: b.toISOString(), ...figureOf(byAt.get(String(b.getTime())) ?? zero()) }));
  const overallSums = all.reduce((s, r) => add(s, r), zero());
  // Source rows are keyed by source id; the source's country is read now, so a corrected country
  // regroups the history at once.
  const bySource = groupsOf(sources);
  const where = new Map((await sourceCountries(tx, [...bySource.keys()])).map((s) => [s.id, s.country ?? 'unknown']));
  const countryOf = (sourceId: string) => where.get(sourceId) ?? 'unknown';
  const sourceIdsOf = new Map<string, string[]>();
  for (const id of bySource.keys()) sourceIdsOf.set(countryOf(id), [...(sourceIdsOf.get(countryOf(id)) ?? []), id]);
  const overall = figureOf(overallSums);
  return {
    country,
    bucket: q.bucket,
    tz: q.tz,
    from: start.toISOString(),
    to: until.toISOString(),
    buckets: buckets.map((b) => b.toISOString()),
    points,
    overall,
    bySourceCountry: ranked(groupsOf(sources, countryOf), (key) => ({ sourceIds: (sourceIdsOf.get(key) ?? []).sort() })),
    byLanguage: ranked(groupsOf(languages)),
    byTopic: ranked(groupsOf(topics)),
    pull: await imagePull(tx, { country, unitIds, from: start, to: until, around: overall.tone ?? 0, limit: 5 }),
  };
}
