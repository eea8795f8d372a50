import { z } from 'zod';
import { isoDateTime, plainText, policies, timeZone, uuid } from './common.ts';
import { trendDimensions } from './insights.ts';

/**
 * What an alert rule watches for in a series of the rollups:
 * - `threshold`: more than `above` items in one bucket;
 * - `spike`: the shipped spike detector (seasonal expectation, count surprise; same defaults for every series);
 * - `window`: the last hour against the previous 12 hours (or a day against the previous 14), confirmed against yesterday and last week;
 * - `burst`: Kleinberg's two-state automaton on the series' share of all items;
 * - `tone-drop`: the average tone of the last hours falling below the week before;
 * - `cluster-growth`: a near-duplicate cluster reaching `threshold` distinct accounts in one hour
 *   (the same text spreading fast: a campaign, a copied claim).
 */
export const alertRuleKinds = ['threshold', 'spike', 'window', 'burst', 'tone-drop', 'cluster-growth'] as const;
export type AlertRuleKind = (typeof alertRuleKinds)[number];

const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'use HH:MM (24-hour clock)');

/**
 * Who hears of an alert besides the inbox, and when no one does: the same settings on an alert rule
 * and on a threat monitor (one validation, one form, one planner).
 */
export const alertNotifyFields = z.object({
  /** Local times (IANA zone `timeZone`) between which alerts are kept in the inbox without notifying anyone. */
  quietFrom: hhmm.nullable(),
  quietTo: hhmm.nullable(),
  timeZone,
  /** People of the unit (by user id) who get the alert by e-mail, in their own language. */
  emailUserIds: z.array(uuid).max(50),
  /** Further e-mail addresses (a shared desk mailbox); these get English. */
  emailAddresses: z.array(z.email().max(254)).max(50),
  /** Whether the unit's webhooks (and those of the units above it that take sub-units' alerts) are called. */
  notifyWebhooks: z.boolean(),
});
export type AlertNotifySettings = z.output<typeof alertNotifyFields>;

const n = alertNotifyFields.shape;
/** The notify settings with their defaults: no quiet hours, no one but the inbox. */
export const alertNotifyDefaults = {
  quietFrom: n.quietFrom.default(null),
  quietTo: n.quietTo.default(null),
  timeZone: n.timeZone.default('UTC'),
  emailUserIds: n.emailUserIds.default([]),
  emailAddresses: n.emailAddresses.default([]),
  notifyWebhooks: n.notifyWebhooks.default(false),
};

/** Quiet hours have a start and an end, or neither (with `quietHoursIssue`, a refinement of rules and monitors). */
export const hasCompleteQuietHours = (r: { quietFrom: string | null; quietTo: string | null }): boolean => (r.quietFrom === null) === (r.quietTo === null);
export const quietHoursIssue = { message: 'Quiet hours need a start and an end.', path: ['quietTo'] };

/** A rule's settings as written, without defaults: a change names only what it changes. */
const alertRuleFields = z.object({
  name: plainText(1, 120),
  kind: z.enum(alertRuleKinds),
  /** The series watched: all items of the unit (and below), or one key of a dimension. */
  dimension: z.enum(trendDimensions),
  key: plainText(1, 200).nullable(),
  /** Items per bucket for `threshold`, accounts per hour for `cluster-growth`; ignored by the other kinds. */
  threshold: z.number().int().min(1).max(1_000_000).nullable(),
  /** Hourly or daily buckets (`spike`, `window`, `threshold`). */
  bucket: z.enum(['hour', 'day']),
  /** A repeat within this many minutes of the last one is merged into it, with a count. */
  coolDownMinutes: z.number().int().min(0).max(10_080),
  notifyInApp: z.boolean(),
  ...alertNotifyFields.shape,
  enabled: z.boolean(),
});

const f = alertRuleFields.shape;
export const alertRuleInput = alertRuleFields.extend({
  unitId: uuid,
  dimension: f.dimension.default('all'),
  key: f.key.default(null),
  threshold: f.threshold.default(null),
  bucket: f.bucket.default('hour'),
  coolDownMinutes: f.coolDownMinutes.default(720),
  notifyInApp: f.notifyInApp.default(true),
  ...alertNotifyDefaults,
  enabled: f.enabled.default(true),
});
export type AlertRuleInput = z.input<typeof alertRuleInput>;

export const createAlertRuleRequest = alertRuleInput
  .refine((r) => r.kind !== 'threshold' || r.threshold !== null, { message: 'A threshold rule needs its number of items.', path: ['threshold'] })
  .refine((r) => r.kind !== 'cluster-growth' || (r.threshold !== null && r.threshold >= 2), { message: 'A cluster rule needs how many accounts per hour (at least 2) make it fire.', path: ['threshold'] })
  .refine((r) => r.kind !== 'cluster-growth' || r.dimension === 'all', { message: 'A cluster rule watches every cluster of the unit; it cannot be narrowed to one series.', path: ['dimension'] })
  .refine((r) => r.dimension === 'all' || r.key !== null, { message: 'Choose which one the rule watches.', path: ['key'] })
  .refine(hasCompleteQuietHours, quietHoursIssue);
/** A change: only the settings named (without defaults, so a change of one setting leaves the others as they are). */
export const updateAlertRuleRequest = alertRuleFields.partial();

export const alertRuleDto = alertRuleInput.extend({
  id: uuid,
  createdAt: isoDateTime,
  updatedAt: isoDateTime,
  lastEvaluatedAt: isoDateTime.nullable(),
  policies,
});
export type AlertRuleDto = z.output<typeof alertRuleDto>;
export const alertRuleListResponse = z.object({ items: z.array(alertRuleDto), policies });

/**
 * Why a threat monitor warned, as its alert keeps it: the figure, whether a day left the band
 * (above or below) or the forecast reaches the monitor's level, and the band or level it was judged by.
 */
export const alertBandExit = z.object({
  metric: z.enum(['items', 'intensity']),
  reason: z.enum(['above-band', 'below-band', 'forecast-level']),
  lower: z.number(),
  upper: z.number(),
  level: z.number().nullable(),
});
export type AlertBandExit = z.output<typeof alertBandExit>;

/** Why an alert fired: the watched series around it, what was expected, and the score against its threshold. */
export const alertWhy = z.object({
  method: z.string(),
  bucket: z.enum(['hour', 'day']),
  series: z.array(z.object({ at: isoDateTime, value: z.number() })),
  /** The bucket(s) that fired (indexes into `series`). */
  start: z.number().int(),
  end: z.number().int(),
  observed: z.number(),
  expected: z.number(),
  sd: z.number().nullable(),
  score: z.number(),
  threshold: z.number(),
  /** The near-duplicate cluster that grew (`cluster-growth`): its id (its first item's) and how many items it had in the window. */
  clusterId: uuid.nullable().optional(),
  /** A monitor's warning (`forecast-band`): the figure, the reason and the band (absent on alerts raised before it was kept). */
  band: alertBandExit.optional(),
});
export type AlertWhy = z.output<typeof alertWhy>;

/** What can raise an alert: a rule's kind, or a threat monitor leaving its forecast band. */
export const alertKinds = [...alertRuleKinds, 'forecast-band'] as const;
export type AlertKind = (typeof alertKinds)[number];

export const alertStates = ['open', 'acknowledged'] as const;
export const alertDto = z.object({
  id: uuid,
  ruleId: uuid,
  ruleName: z.string(),
  /** The name in both languages while a seeded monitor keeps its seeded name (show `ruleLabels[language]`); else null. */
  ruleLabels: z.object({ en: z.string(), id: z.string() }).nullable(),
  /** Set when a threat monitor raised the alert (then `ruleId` is the monitor's id too). */
  monitorId: uuid.nullable(),
  unitId: uuid,
  kind: z.enum(alertKinds),
  dimension: z.enum(trendDimensions),
  key: z.string().nullable(),
  firstFiredAt: isoDateTime,
  lastFiredAt: isoDateTime,
  /** Firings merged into this alert (1 = fired once). */
  repeats: z.number().int(),
  /** Whether anyone was notified (false inside the rule's quiet hours). */
  notified: z.boolean(),
  state: z.enum(alertStates),
  acknowledgedAt: isoDateTime.nullable(),
  why: alertWhy,
  /** The period to open in the search: the buckets that fired. */
  from: isoDateTime,
  to: isoDateTime,
  /** The statement drafted with "Respond", and the time from the alert to its publication. */
  response: z
    .object({ statementId: uuid, draftedAt: isoDateTime.nullable(), publishedAt: isoDateTime.nullable(), minutesToPublish: z.number().int().nullable() })
    .nullable(),
});
export type AlertDto = z.output<typeof alertDto>;
export const alertListQuery = z.object({ state: z.enum([...alertStates, 'all']).default('all'), limit: z.coerce.number().int().min(1).max(200).default(50) });
export const alertListResponse = z.object({ items: z.array(alertDto), open: z.number().int() });
