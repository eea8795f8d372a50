import { z } from 'zod';
import { isoDateTime, uuid } from './common.ts';
import { alertBandExit, alertNotifyDefaults, alertNotifyFields, hasCompleteQuietHours, quietHoursIssue } from './insights-alerts.ts';

/** ISO 3166-1 alpha-2, upper case. */
const countryCode = z
  .string()
  .trim()
  .transform((s) => s.toUpperCase())
  .pipe(z.string().regex(/^[A-Z]{2}$/, 'A country is its two-letter ISO code (e.g. ID).'));

/** Days of history a monitor's charts show, and periods (days) forecast after them. */
export const monitorHistoryDays = { min: 14, max: 180, default: 56 } as const;
export const monitorHorizonDays = { min: 1, max: 28, default: 7 } as const;

/** A monitor's settings as written, without defaults: a change names only what it changes. */
const monitorFields = z.object({
  name: z.string().trim().min(1).max(120),
  /** Listening topic keys (the taxonomy's ids, e.g. `climate-environment`); none = every item of the regions. */
  topicIds: z.array(z.string().trim().min(1).max(100)).max(20),
  countries: z.array(countryCode).max(250),
  /** Items per day the forecast must not reach; null = warn only when the observed value leaves the band. */
  warnLevel: z.number().int().min(1).max(10_000_000).nullable(),
  /** Whether GDELT conflict events in the regions take part in the warning (they are shown either way). */
  watchEvents: z.boolean(),
  enabled: z.boolean(),
  /** Who hears of its warnings besides the inbox, and its quiet hours: as on an alert rule. */
  ...alertNotifyFields.shape,
});

const f = monitorFields.shape;
/** What a threat monitor watches: items about these topics that mention these countries (none = the whole world). */
export const monitorInput = monitorFields.extend({
  unitId: uuid,
  topicIds: f.topicIds.default([]),
  countries: f.countries.default([]),
  warnLevel: f.warnLevel.default(null),
  watchEvents: f.watchEvents.default(true),
  enabled: f.enabled.default(true),
  ...alertNotifyDefaults,
});
export const createMonitorRequest = monitorInput
  .refine((m) => new Set(m.countries).size === m.countries.length, { message: 'Each country once.', path: ['countries'] })
  .refine(hasCompleteQuietHours, quietHoursIssue);
/** A change: only the settings named (without defaults: switching a monitor off leaves what it watches as it is). */
export const updateMonitorRequest = monitorFields.partial();

/** Why a monitor warns now: the band exit, on which (UTC) day, and the value. */
export const monitorWarning = alertBandExit.extend({
  /** Start of the (UTC) day that left the band, or that the forecast crosses the level on. */
  at: isoDateTime,
  observed: z.number(),
});
export type MonitorWarningDto = z.output<typeof monitorWarning>;

export const monitorDto = z.object({
  id: uuid,
  unitId: uuid,
  /** The default monitor it was seeded as (a taxonomy topic id), or null. */
  key: z.string().nullable(),
  name: z.string(),
  /** The seeded name in both languages, until someone renames the monitor. */
  labels: z.object({ en: z.string(), id: z.string() }).nullable(),
  topicIds: z.array(z.string()),
  countries: z.array(z.string()),
  warnLevel: z.number().int().nullable(),
  watchEvents: z.boolean(),
  enabled: z.boolean(),
  ...alertNotifyFields.shape,
  /** The current warning; null when every observed value is within its band. */
  warning: monitorWarning.nullable(),
  warningSince: isoDateTime.nullable(),
  lastBandExitAt: isoDateTime.nullable(),
  lastEvaluatedAt: isoDateTime.nullable(),
  /** Items per UTC day over the last 14 days, oldest first (the list's sparkline). */
  spark: z.array(z.number().int()),
  createdAt: isoDateTime,
  updatedAt: isoDateTime,
  policies: z.object({ update: z.boolean() }),
});
export type MonitorDto = z.output<typeof monitorDto>;
export const monitorListResponse = z.object({ items: z.array(monitorDto), policies: z.object({ create: z.boolean() }) });
export type MonitorListResponse = z.output<typeof monitorListResponse>;

export const monitorSeriesQuery = z.object({
  days: z.coerce.number().int().min(monitorHistoryDays.min).max(monitorHistoryDays.max).default(monitorHistoryDays.default),
  horizon: z.coerce.number().int().min(monitorHorizonDays.min).max(monitorHorizonDays.max).default(monitorHorizonDays.default),
});

/** A forecast band over days: the observed days it was checked on, then the days ahead. */
export const monitorBand = z.object({
  /** 0.8: four of five days are expected inside. */
  level: z.number(),
  at: z.array(isoDateTime),
  mean: z.array(z.number()),
  lower: z.array(z.number()),
  upper: z.array(z.number()),
});
export type MonitorBandDto = z.output<typeof monitorBand>;

export const monitorSeriesResponse = z.object({
  monitor: monitorDto,
  /** UTC days of the history, oldest first; the last one is today (so far). */
  days: z.array(isoDateTime),
  items: z.array(z.number().int()),
  /** Mean tone (−1…1) per day, null on days without a scored item. */
  tone: z.array(z.number().nullable()),
  /** GDELT material-conflict events (CAMEO roots 14–20) per day in the monitor's regions, and their Goldstein-weighted intensity. */
  events: z.array(z.number().int()),
  intensity: z.array(z.number()),
  /** Null while the history is too short to forecast. */
  itemsBand: monitorBand.nullable(),
  intensityBand: monitorBand.nullable(),
  /** Per country over the whole period, largest first. */
  countries: z.array(z.object({ country: z.string(), items: z.number().int(), events: z.number().int(), intensity: z.number() })),
  /** GDELT events per CAMEO root and country over the period, most intense first. */
  eventGroups: z.array(z.object({ rootCode: z.string(), country: z.string().nullable(), events: z.number().int(), intensity: z.number() })),
  from: isoDateTime,
  to: isoDateTime,
});
export type MonitorSeriesResponse = z.output<typeof monitorSeriesResponse>;
