import { z } from 'zod';
import { isoDateTime, policies, timeZone, uiLocale, uuid } from './common.ts';

/** A calendar day, `YYYY-MM-DD`, read in the unit's time zone. */
export const briefDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'use YYYY-MM-DD')
  .refine((d) => !Number.isNaN(Date.parse(`${d}T00:00:00Z`)) && new Date(`${d}T00:00:00Z`).toISOString().startsWith(d), 'not a calendar day');

/**
 * The sections a daily brief can carry, in the order they are shown. `image-index` and
 * `threat-changes` come from their own providers once those are plugged in; until then the brief
 * shows them as not configured, with no figures.
 */
export const briefSectionIds = ['top-stories', 'alerts', 'image-index', 'threat-changes'] as const;
export type BriefSectionId = (typeof briefSectionIds)[number];

/**
 * One section of a brief, in words neither language owns: figures and chart points are keyed
 * numbers (each side puts them in the reader's language), items are titles with links.
 */
export const briefSection = z.object({
  id: z.string(),
  state: z.enum(['ready', 'not-configured']),
  figures: z.array(z.object({ key: z.string(), value: z.number() })),
  items: z.array(
    z.object({
      title: z.string(),
      /** The title in each interface language, when it has one (a default monitor's name): shown in place of `title`. */
      titles: z.object({ en: z.string(), id: z.string() }).optional(),
      /** A path in the staff app (`/listening/items/…`) or an absolute address. */
      url: z.string(),
      /** How many items (a story's near-duplicates, an alert's observed items). */
      count: z.number().nullable(),
      at: isoDateTime.nullable(),
      /** A short qualifier: an alert's kind, a story's source count. */
      tag: z.string().nullable(),
    }),
  ),
  /** Optional small bar chart: a value per labelled point (e.g. per hour). */
  chart: z.array(z.object({ label: z.string(), value: z.number() })).nullable(),
});
export type BriefSectionDto = z.output<typeof briefSection>;

export const briefQuery = z.object({
  unit: uuid,
  /** The unit's day; today in the unit's zone when left out. */
  date: briefDate.optional(),
  /** The PDF's language; the caller's own when left out. */
  lang: uiLocale.optional(),
});

export const briefDto = z.object({
  unitId: uuid,
  unitName: z.string(),
  date: z.string(),
  timeZone: z.string(),
  from: isoDateTime,
  to: isoDateTime,
  generatedAt: isoDateTime,
  sections: z.array(briefSection),
});
export type BriefDto = z.output<typeof briefDto>;

const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'use HH:MM (24-hour clock)');

/** When and to whom a unit's daily brief is e-mailed. */
export const briefScheduleInput = z.object({
  enabled: z.boolean(),
  /** Local time of day (in `timeZone`) at which the brief of the day before is sent. */
  timeOfDay: hhmm,
  timeZone,
  /** The language of the brief for the addresses below; people of the unit get their own. */
  language: uiLocale,
  /** People of the unit (by user id). */
  userIds: z.array(uuid).max(50).default([]),
  /** Further addresses (a shared desk mailbox). */
  addresses: z.array(z.email().max(254)).max(50).default([]),
});
export const briefScheduleRequest = briefScheduleInput.extend({ unitId: uuid });
export type BriefScheduleRequest = z.input<typeof briefScheduleRequest>;

export const briefScheduleDto = briefScheduleInput.extend({
  unitId: uuid,
  /** False until someone saves a schedule for the unit (the values shown are then the defaults). */
  saved: z.boolean(),
  updatedAt: isoDateTime.nullable(),
  policies,
});
export type BriefScheduleDto = z.output<typeof briefScheduleDto>;
export const briefScheduleQuery = z.object({ unit: uuid });

/** A brief e-mailed to one recipient: the delivery log. */
export const briefDeliveryDto = z.object({
  id: uuid,
  unitId: uuid,
  date: z.string(),
  target: z.string(),
  locale: uiLocale,
  state: z.enum(['pending', 'sending', 'retrying', 'sent', 'failed', 'unconfirmed']),
  attempts: z.number().int(),
  lastError: z.string().nullable(),
  createdAt: isoDateTime,
  sentAt: isoDateTime.nullable(),
});
export type BriefDeliveryDto = z.output<typeof briefDeliveryDto>;
export const briefDeliveryListResponse = z.object({ items: z.array(briefDeliveryDto) });
