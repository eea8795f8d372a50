import { z } from 'zod';
import { isoDateTime } from './common.ts';

/**
 * Voeten's issue codes of UN General Assembly roll calls: arms control and disarmament, the
 * Palestinian conflict, human rights, colonialism, nuclear weapons and material, economic development.
 */
export const unIssues = ['di', 'me', 'hr', 'co', 'nu', 'ec'] as const;
export type UnIssueCode = (typeof unIssues)[number];

/** The three files of a UN votes import, uploaded one at a time (roll calls first). */
export const unVotesParts = ['roll-calls', 'issues', 'votes'] as const;
export type UnVotesPart = (typeof unVotesParts)[number];

export const unVotesImportQuery = z.object({ part: z.enum(unVotesParts) });

/** What one file did: rows read, and of the stored rows how many were new, changed or already there. */
export const unVotesImportResult = z.object({
  part: z.enum(unVotesParts),
  rows: z.number().int(),
  added: z.number().int(),
  changed: z.number().int(),
  unchanged: z.number().int(),
  /** Rows that are not positions (absent, not a member): read and not stored. */
  skipped: z.number().int(),
  /** Roll calls that have votes but no description yet (their votes count once the roll calls file is imported). */
  rollCallsWithoutDescription: z.number().int(),
});
export type UnVotesImportResult = z.output<typeof unVotesImportResult>;

/** Where a bad file stopped the import (the error's details); line 0 is the file as a whole (a damaged gzip). */
export const unVotesFileProblem = z.object({ part: z.enum(unVotesParts), line: z.number().int(), column: z.string().optional(), value: z.string().optional() });
export type UnVotesFileProblem = z.output<typeof unVotesFileProblem>;

export const unIdealPointsRun = z.object({
  state: z.enum(['idle', 'running', 'done', 'failed']),
  done: z.number().int(),
  total: z.number().int(),
});

/** The largest UN votes file an import takes (the full votes file is about 25 MB as CSV, 3 MB gzipped). */
export const unVotesMaxBytes = 200 * 1024 * 1024;

/**
 * Where a background import of one file is: `queued`, `checking` every line, `storing` the rows,
 * `computing` the ideal points its votes changed, then `done` — or `failed`, having stored nothing
 * when the file was at fault.
 */
export const unVotesImportStatuses = ['queued', 'checking', 'storing', 'computing', 'done', 'failed'] as const;
export type UnVotesImportStatus = (typeof unVotesImportStatuses)[number];

export const unVotesImport = z.object({
  id: z.uuid(),
  part: z.enum(unVotesParts),
  fileName: z.string(),
  sizeBytes: z.number().int(),
  status: z.enum(unVotesImportStatuses),
  /** The whole import, 0–100: checking the file, then storing its rows, then computing ideal points. */
  percent: z.number().int().min(0).max(100),
  /** Bytes of the uploaded file checked so far (compressed bytes for a gzip file). */
  bytesChecked: z.number().int(),
  /** Lines read so far (all of them once the file is checked, absences included). */
  rowsRead: z.number().int(),
  /** Distinct rows to store: known once the file is checked. */
  rowsToStore: z.number().int().nullable(),
  rowsStored: z.number().int(),
  /** The ideal points recomputed because of this import; null when it changed nothing they depend on. */
  idealPoints: unIdealPointsRun.nullable(),
  /** What the file did, once its rows are stored. */
  result: unVotesImportResult.nullable(),
  /** Why it failed: `invalid-file` names the line (nothing of the file was stored); `failed` is the server's fault. */
  error: z.object({ code: z.enum(['invalid-file', 'failed']), message: z.string(), problem: unVotesFileProblem.nullable() }).nullable(),
  createdAt: isoDateTime,
  finishedAt: isoDateTime.nullable(),
});
export type UnVotesImport = z.output<typeof unVotesImport>;

export const unVotesImportListQuery = z.object({ limit: z.coerce.number().int().min(1).max(50).default(10) });
export const unVotesImportList = z.object({ items: z.array(unVotesImport) });
export type UnVotesImportList = z.output<typeof unVotesImportList>;

export const unVotesStatus = z.object({
  rollCalls: z.number().int(),
  votes: z.number().int(),
  countries: z.number().int(),
  firstSession: z.number().int().nullable(),
  lastSession: z.number().int().nullable(),
  /** Whether the caller may import (insight.manage at the organisation). */
  canImport: z.boolean(),
  idealPoints: unIdealPointsRun,
});
export type UnVotesStatus = z.output<typeof unVotesStatus>;

/**
 * One reason a state is ranked where it is, as data; the interface turns it into a sentence with
 * its figure. `un-agreement`: share of agreement on the topic's UN votes in sessions from–to;
 * `co-mentions`: listening items on the topic naming both states in the last `days` days;
 * `statements`: our statements on the topic naming the state in the last `days` days.
 */
export const partnerReason = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('un-agreement'), agreement: z.number(), votes: z.number().int(), issues: z.array(z.enum(unIssues)), fromSession: z.number().int(), toSession: z.number().int() }),
  z.object({ kind: z.literal('co-mentions'), items: z.number().int(), days: z.number().int() }),
  z.object({ kind: z.literal('statements'), statements: z.number().int(), days: z.number().int() }),
]);
export type PartnerReason = z.output<typeof partnerReason>;

export const cooperationQuery = z.object({
  /** A listening topic id (`human-rights`, `climate-environment`, …). */
  topic: z.string().min(1).max(100),
  /** How many recent UN sessions the agreement covers. */
  sessions: z.coerce.number().int().min(1).max(20).default(4),
  /** How many days of listening and statements count. */
  days: z.coerce.number().int().min(1).max(365).default(90),
  limit: z.coerce.number().int().min(1).max(100).default(20),
});
export type CooperationQuery = z.output<typeof cooperationQuery>;

export const partnerDto = z.object({
  /** ISO 3166-1 alpha-2 where known, otherwise the name the votes file gave. */
  country: z.string(),
  /** 0–1: the weighted blend of the parts below (weights in `cooperationRanking.weights`). */
  score: z.number(),
  reasons: z.array(partnerReason),
});

export const cooperationRanking = z.object({
  ourCountry: z.string(),
  topic: z.string(),
  /** The topic's UN issues; empty when the topic has none, then every roll call counts. */
  issues: z.array(z.enum(unIssues)),
  sessions: z.object({ from: z.number().int(), to: z.number().int() }).nullable(),
  days: z.number().int(),
  weights: z.object({ unAgreement: z.number(), coMentions: z.number(), statements: z.number() }),
  partners: z.array(partnerDto),
});
export type CooperationRanking = z.output<typeof cooperationRanking>;

export const countryProfileQuery = z.object({
  topic: z.string().min(1).max(100).optional(),
  days: z.coerce.number().int().min(1).max(365).default(90),
});

export const countryProfile = z.object({
  country: z.string(),
  ourCountry: z.string(),
  /** Agreement with our country per session (Voeten's score: identical 1, one abstains ½, yes against no 0). */
  agreementTrend: z.array(z.object({ session: z.number().int(), year: z.number().int().nullable(), agreement: z.number(), votes: z.number().int() })),
  /** Agreement with our country per issue over the last `recentSessions`. */
  issueAgreement: z.array(z.object({ issue: z.enum(unIssues), agreement: z.number().nullable(), votes: z.number().int() })),
  recentSessions: z.object({ from: z.number().int(), to: z.number().int() }).nullable(),
  /** One-dimensional ideal points per session (the United States' side positive), both states. */
  idealPoints: z.array(z.object({ session: z.number().int(), ours: z.number().nullable(), theirs: z.number().nullable() })),
  /** Listening items mentioning the country per day, from the trend figures. */
  listening: z.object({
    from: isoDateTime,
    to: isoDateTime,
    points: z.array(z.object({ at: isoDateTime, items: z.number().int(), tone: z.number().nullable() })),
    items: z.number().int(),
    tone: z.number().nullable(),
  }),
  statements: z.array(z.object({ id: z.string(), title: z.string(), status: z.string(), at: isoDateTime })),
  reasons: z.array(partnerReason),
});
export type CountryProfile = z.output<typeof countryProfile>;
