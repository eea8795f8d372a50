import type { UnVotesFileProblem, UnVotesImportResult, UnVotesPart } from '@diplodesk/contracts';
import { bigint, boolean, date, doublePrecision, index, integer, jsonb, primaryKey, pgTable, smallint, text, timestamp } from 'drizzle-orm/pg-core';
import type { Actor } from '../../../platform/audit/audit.ts';
import { createdAt, idColumn, updatedAt } from '../../../platform/db/columns.ts';

/**
 * UN General Assembly roll calls (Voeten's `rcid`), imported from a roll-calls file. Organisation-wide
 * reference data: every unit reads the same votes.
 */
export const insightsUnRollCalls = pgTable(
  'insights_un_roll_calls',
  {
    rcid: integer('rcid').primaryKey(),
    session: integer('session').notNull(),
    date: date('date'),
    important: boolean('important').notNull().default(false),
    amendment: boolean('amendment'),
    paragraph: boolean('paragraph'),
    resolution: text('resolution'),
    short: text('short'),
    description: text('description'),
  },
  (t) => [index('insights_un_roll_calls_session_idx').on(t.session)],
);

/** Issue codes of a roll call (`me`, `nu`, `di`, `hr`, `co`, `ec`); a roll call may carry several. */
export const insightsUnRollCallIssues = pgTable(
  'insights_un_roll_call_issues',
  {
    rcid: integer('rcid').notNull(),
    issue: text('issue').notNull(),
  },
  (t) => [primaryKey({ columns: [t.rcid, t.issue] }), index('insights_un_roll_call_issues_issue_idx').on(t.issue)],
);

/**
 * One state's position on one roll call: 1 yes, 2 abstain, 3 no. Absences and non-membership are
 * not stored (they count in no agreement). `country` is the ISO 3166-1 alpha-2 code where the file
 * gives one, otherwise the name it gives (states that no longer exist: "Yemen Arab Republic").
 */
export const insightsUnVotes = pgTable(
  'insights_un_votes',
  {
    rcid: integer('rcid').notNull(),
    country: text('country').notNull(),
    vote: smallint('vote').notNull(),
  },
  (t) => [primaryKey({ columns: [t.rcid, t.country] }), index('insights_un_votes_country_idx').on(t.country, t.rcid)],
);

/** The names the votes file gave each country key (for display where no ISO code exists). */
export const insightsUnCountries = pgTable('insights_un_countries', {
  country: text('country').primaryKey(),
  name: text('name').notNull(),
});

/** One-dimensional ideal point per session and state, computed after each import. */
export const insightsUnIdealPoints = pgTable(
  'insights_un_ideal_points',
  {
    session: integer('session').notNull(),
    country: text('country').notNull(),
    idealPoint: doublePrecision('ideal_point').notNull(),
    votes: integer('votes').notNull(),
  },
  (t) => [primaryKey({ columns: [t.session, t.country] }), index('insights_un_ideal_points_country_idx').on(t.country)],
);

/** `stored` becomes `computing` or `done` when presented, by the ideal points recomputed after it. */
export type UnVotesImportState = 'queued' | 'checking' | 'storing' | 'stored' | 'failed';
export type UnVotesImportError = { code: 'invalid-file' | 'failed'; message: string; problem: UnVotesFileProblem | null };

/**
 * One uploaded file of UN votes, imported in the background: the file waits in storage while its
 * lines are checked, then its rows are stored a chunk per transaction with the counts so far, so a
 * restarted job resumes at `rows_stored` and the counts stay exact.
 */
export const insightsUnVotesImports = pgTable(
  'insights_un_votes_imports',
  {
    id: idColumn(),
    part: text('part').$type<UnVotesPart>().notNull(),
    fileName: text('file_name').notNull(),
    /** The uploaded file, removed when the import ends. */
    storageKey: text('storage_key').notNull(),
    sizeBytes: bigint('size_bytes', { mode: 'number' }).notNull(),
    status: text('status').$type<UnVotesImportState>().notNull().default('queued'),
    bytesChecked: bigint('bytes_checked', { mode: 'number' }).notNull().default(0),
    rowsRead: integer('rows_read').notNull().default(0),
    rowsToStore: integer('rows_to_store'),
    rowsStored: integer('rows_stored').notNull().default(0),
    added: integer('added').notNull().default(0),
    changed: integer('changed').notNull().default(0),
    result: jsonb('result').$type<UnVotesImportResult>(),
    /** Whether storing queued a recomputation of the ideal points (its run id is this import's id). */
    idealPoints: boolean('ideal_points').notNull().default(false),
    error: jsonb('error').$type<UnVotesImportError>(),
    /** Who uploaded it: the audit entry written when the rows are stored names them. */
    actor: jsonb('actor').$type<Actor>().notNull(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
    finishedAt: timestamp('finished_at', { withTimezone: true }),
  },
  (t) => [index('insights_un_votes_imports_created_idx').on(t.createdAt)],
);
