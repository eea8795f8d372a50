import { z } from 'zod';
import { isoDateTime, policies, timeZone, uuid } from './common.ts';
import { trendBuckets } from './insights.ts';

/** Our country: ISO 3166-1 alpha-2, or null for none (the image index is then empty). */
export const ourCountryCode = z
  .string()
  .regex(/^[A-Z]{2}$/, 'Two capital letters (ISO 3166-1 alpha-2)')
  .nullable();

export const ourCountryDto = z.object({
  country: ourCountryCode,
  /** When an administrator last set it; null while the default applies (Indonesia in the demo workspace). */
  updatedAt: isoDateTime.nullable(),
  policies,
});
export type OurCountryDto = z.output<typeof ourCountryDto>;
export const ourCountryRequest = z.object({ country: ourCountryCode }).strict();

export const imageQuery = z.object({
  bucket: z.enum(trendBuckets).default('day'),
  from: isoDateTime,
  to: isoDateTime,
  /** IANA zone the buckets begin in (the user's zone). */
  tz: timeZone.default('UTC'),
  unitId: uuid.optional(),
});
export type ImageQuery = z.output<typeof imageQuery>;

/** Mean tone of a group of items with its 95 % interval (t interval from the items' count and spread). */
export const imageFigure = z.object({
  items: z.number().int(),
  /** Items with a tone: the n of the mean and the interval. */
  toneItems: z.number().int(),
  tone: z.number().nullable(),
  /** The interval's bounds; null when fewer than two items have a tone. */
  low: z.number().nullable(),
  high: z.number().nullable(),
});
export type ImageFigure = z.output<typeof imageFigure>;

export const imagePoint = imageFigure.extend({ at: isoDateTime });
export type ImagePoint = z.output<typeof imagePoint>;

export const imageGroup = imageFigure.extend({
  /** Language code, topic id, or the source country (ISO code, or `unknown`). */
  key: z.string(),
  /** For a source country: the sources behind it (the drill-down's filter). */
  sourceIds: z.array(uuid).optional(),
});
export type ImageGroup = z.output<typeof imageGroup>;

export const imageItem = z.object({
  id: uuid,
  headline: z.string(),
  url: z.string().nullable(),
  sourceName: z.string(),
  publishedAt: isoDateTime,
  language: z.string(),
  tone: z.number(),
});
export type ImageItem = z.output<typeof imageItem>;

export const imageItemsResponse = z.object({ up: z.array(imageItem), down: z.array(imageItem) });
export type ImageItemsResponse = z.output<typeof imageItemsResponse>;

export const imageItemsQuery = z.object({
  from: isoDateTime,
  to: isoDateTime,
  unitId: uuid.optional(),
  limit: z.coerce.number().int().min(1).max(50).default(5),
});

export const imageResponse = z.object({
  /** Our country; null when none is set (then every figure is empty). */
  country: ourCountryCode,
  bucket: z.enum(trendBuckets),
  tz: z.string(),
  from: isoDateTime,
  to: isoDateTime,
  /** Every bucket start of the period (the points line up with these). */
  buckets: z.array(isoDateTime),
  points: z.array(imagePoint),
  overall: imageFigure,
  bySourceCountry: z.array(imageGroup),
  byLanguage: z.array(imageGroup),
  byTopic: z.array(imageGroup),
  /** The period's items furthest above and below the mean: what pulls the index up and down. */
  pull: imageItemsResponse,
});
export type ImageResponse = z.output<typeof imageResponse>;
