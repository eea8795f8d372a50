// Agreement between states from the stored votes, computed in SQL at read time: one state against
// all over a few sessions joins some tens of thousands of votes, one pair over every session a
// few thousand, so neither needs a precomputed table (the ideal points do; see ideal-points.job.ts).
import type { UnIssueCode } from '@diplodesk/contracts';
import { sql } from 'drizzle-orm';
import { type Executor, queryRows } from '../../../platform/db/index.ts';

/**
 * Voeten's agreement score of two positions: identical 1, one abstains ½, yes against no 0 (codes 1
 * yes, 2 abstain, 3 no). Absences are not stored, so a roll call one of them missed counts for neither.
 */
const score = sql`case when a.vote = b.vote then 1.0 when a.vote = 2 or b.vote = 2 then 0.5 else 0.0 end`;

const issueFilter = (issues: readonly UnIssueCode[]) =>
  issues.length === 0
    ? sql``
    : sql`and exists (select 1 from insights_un_roll_call_issues i where i.rcid = a.rcid and i.issue in (${sql.join(
        issues.map((i) => sql`${i}`),
        sql`, `,
      )}))`;

export type AgreementRow = { country: string; agreement: number; votes: number };

/** The latest `count` sessions with roll calls (within those stored): [from, to], or null before any import. */
export async function recentSessions(x: Executor, count: number): Promise<{ from: number; to: number } | null> {
  const [row] = await queryRows<{ first: number | null; last: number | null }>(x, sql`select min(session) as first, max(session) as last from insights_un_roll_calls`);
  if (row?.last === null || row?.last === undefined) return null;
  const last = Number(row.last);
  // Never a session before the first stored one: "sessions 68–71" would claim votes that are not there.
  return { from: Math.max(Number(row.first ?? 1), last - count + 1), to: last };
}

/** Agreement of every other state with `country` over sessions from–to, on roll calls of any of `issues` (all when empty). */
export async function agreementWithAll(x: Executor, country: string, sessions: { from: number; to: number }, issues: readonly UnIssueCode[]): Promise<AgreementRow[]> {
  const rows = await queryRows<{ country: string; total: number | string; votes: number | string }>(
    x,
    sql`select b.country, sum(${score}) as total, count(*) as votes
      from insights_un_votes a
      join insights_un_roll_calls r on r.rcid = a.rcid and r.session between ${sessions.from} and ${sessions.to}
      join insights_un_votes b on b.rcid = a.rcid and b.country <> a.country
      where a.country = ${country} ${issueFilter(issues)}
      group by b.country`,
  );
  return rows.map((r) => ({ country: r.country, agreement: Number(r.total) / Number(r.votes), votes: Number(r.votes) }));
}

export type SessionAgreement = { session: number; year: number | null; agreement: number; votes: number };

/** Agreement of a pair per session, oldest first (the session's year is that of its first roll call). */
export async function pairAgreementBySession(x: Executor, ours: string, theirs: string): Promise<SessionAgreement[]> {
  const rows = await queryRows<{ session: number; first: string | Date | null; total: number | string; votes: number | string }>(
    x,
    sql`select r.session, min(r.date) as first, sum(${score}) as total, count(*) as votes
      from insights_un_votes a
      join insights_un_votes b on b.rcid = a.rcid and b.country = ${theirs}
      join insights_un_roll_calls r on r.rcid = a.rcid
      where a.country = ${ours}
      group by r.session order by r.session`,
  );
  return rows.map((r) => ({
    session: Number(r.session),
    year: r.first ? new Date(r.first).getUTCFullYear() : null,
    agreement: Number(r.total) / Number(r.votes),
    votes: Number(r.votes),
  }));
}

/** Agreement of a pair per issue over sessions from–to. */
export async function pairAgreementByIssue(x: Executor, ours: string, theirs: string, sessions: { from: number; to: number }): Promise<{ issue: UnIssueCode; agreement: number; votes: number }[]> {
  const rows = await queryRows<{ issue: UnIssueCode; total: number | string; votes: number | string }>(
    x,
    sql`select i.issue, sum(${score}) as total, count(*) as votes
      from insights_un_votes a
      join insights_un_votes b on b.rcid = a.rcid and b.country = ${theirs}
      join insights_un_roll_calls r on r.rcid = a.rcid and r.session between ${sessions.from} and ${sessions.to}
      join insights_un_roll_call_issues i on i.rcid = a.rcid
      where a.country = ${ours}
      group by i.issue`,
  );
  return rows.map((r) => ({ issue: r.issue, agreement: Number(r.total) / Number(r.votes), votes: Number(r.votes) }));
}

/** Ideal points of two states per session, oldest first. */
export async function idealPointsOf(x: Executor, ours: string, theirs: string): Promise<{ session: number; ours: number | null; theirs: number | null }[]> {
  const rows = await queryRows<{ session: number; ours: number | null; theirs: number | null }>(
    x,
    sql`select session, max(ideal_point) filter (where country = ${ours}) as ours, max(ideal_point) filter (where country = ${theirs}) as theirs
      from insights_un_ideal_points where country in (${ours}, ${theirs}) group by session order by session`,
  );
  return rows.map((r) => ({ session: Number(r.session), ours: r.ours === null ? null : Number(r.ours), theirs: r.theirs === null ? null : Number(r.theirs) }));
}

/** Counts for the import panel. */
export async function unVotesCounts(x: Executor): Promise<{ rollCalls: number; votes: number; countries: number; firstSession: number | null; lastSession: number | null }> {
  const [row] = await queryRows<{ roll_calls: number | string; votes: number | string; countries: number | string; first: number | null; last: number | null }>(
    x,
    sql`select (select count(*) from insights_un_roll_calls) as roll_calls, (select count(*) from insights_un_votes) as votes,
      (select count(distinct country) from insights_un_votes) as countries,
      (select min(session) from insights_un_roll_calls) as first, (select max(session) from insights_un_roll_calls) as last`,
  );
  return {
    rollCalls: Number(row?.roll_calls ?? 0),
    votes: Number(row?.votes ?? 0),
    countries: Number(row?.countries ?? 0),
    firstSession: row?.first === null || row?.first === undefined ? null : Number(row.first),
    lastSession: row?.last === null || row?.last === undefined ? null : Number(row.last),
  };
}
