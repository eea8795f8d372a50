import { boolean, date, doublePrecision, index, integer, primaryKey, pgTable, smallint, text } from 'drizzle-orm/pg-core';

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
