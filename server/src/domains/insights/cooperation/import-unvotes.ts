import type { UnVotesImportResult, UnVotesPart } from '@diplodesk/contracts';
import { sql } from 'drizzle-orm';
import { appendAudit, type Actor } from '../../../platform/audit/audit.ts';
import { can, type Principal } from '../../../platform/authz/principal.ts';
import { inTransaction, type PlatformContext } from '../../../platform/context.ts';
import { type Executor, newIdFor, queryRows } from '../../../platform/db/index.ts';
import { AppError } from '../../../platform/errors/app-error.ts';
import { findRootUnit } from '../../identity/index.ts';
import { enqueueIdealPoints } from './ideal-points.job.ts';
import { type IssueRow, type ParsedPart, type RollCallRow, readUnVotesPart, type VoteRows } from './unvotes-file.ts';

const batch = 10_000;
type Counts = { added: number; changed: number };

/** Inserts or updates a batch given as JSON rows; counts new rows (xmax 0) and changed ones; equal rows are not touched. */
async function upsert(tx: Executor, statement: (json: string) => ReturnType<typeof sql>, rows: readonly unknown[]): Promise<Counts> {
  const counts = { added: 0, changed: 0 };
  for (let i = 0; i < rows.length; i += batch) {
    const [got] = await queryRows<{ added: number | string; changed: number | string }>(tx, statement(JSON.stringify(rows.slice(i, i + batch))));
    counts.added += Number(got?.added ?? 0);
    counts.changed += Number(got?.changed ?? 0);
  }
  return counts;
}

const counted = (upserted: ReturnType<typeof sql>) => sql`with upserted as (${upserted} returning (xmax = 0) as inserted)
  select count(*) filter (where inserted) as added, count(*) filter (where not inserted) as changed from upserted`;

function writeRollCalls(tx: Executor, rows: RollCallRow[]): Promise<Counts> {
  return upsert(
    tx,
    (json) =>
      counted(sql`insert into insights_un_roll_calls as t (rcid, session, date, important, amendment, paragraph, resolution, short, description)
        select rcid, session, date, important, amendment, paragraph, resolution, short, description
        from json_to_recordset(${json}::json) as x(rcid int, session int, date date, important boolean, amendment boolean, paragraph boolean, resolution text, short text, description text)
        on conflict (rcid) do update set session = excluded.session, date = excluded.date, important = excluded.important, amendment = excluded.amendment,
          paragraph = excluded.paragraph, resolution = excluded.resolution, short = excluded.short, description = excluded.description
        where (t.session, t.date, t.important, t.amendment, t.paragraph, t.resolution, t.short, t.description)
          is distinct from (excluded.session, excluded.date, excluded.important, excluded.amendment, excluded.paragraph, excluded.resolution, excluded.short, excluded.description)`),
    dedupe(rows, (r) => String(r.rcid)),
  );
}

function writeIssues(tx: Executor, rows: IssueRow[]): Promise<Counts> {
  return upsert(
    tx,
    (json) =>
      counted(sql`insert into insights_un_roll_call_issues (rcid, issue)
        select rcid, issue from json_to_recordset(${json}::json) as x(rcid int, issue text)
        on conflict do nothing`),
    dedupe(rows, (r) => `${r.rcid}|${r.issue}`),
  );
}

async function writeVotes(tx: Executor, v: VoteRows): Promise<Counts> {
  // A state voting twice on one roll call in one file: the later line counts (one statement may not touch a row twice).
  const last = new Map<string, number>();
  for (let i = 0; i < v.rcids.length; i++) last.set(`${v.rcids[i]}|${v.countries[i]}`, i);
  const rows = [...last.values()].map((i) => [v.rcids[i], v.countries[i], v.votes[i]]);
  const counts = await upsert(
    tx,
    (json) =>
      counted(sql`insert into insights_un_votes as t (rcid, country, vote)
        select x.rcid, x.country, x.vote from (select (r->>0)::int as rcid, r->>1 as country, (r->>2)::smallint as vote from json_array_elements(${json}::json) as r) as x
        -- Rows already stored as they are skip the conflict path (a re-import is mostly these).
        where not exists (select 1 from insights_un_votes s where s.rcid = x.rcid and s.country = x.country and s.vote = x.vote)
        on conflict (rcid, country) do update set vote = excluded.vote where t.vote <> excluded.vote`),
    rows,
  );
  const names = [...v.names].map(([country, name]) => ({ country, name }));
  await upsert(
    tx,
    (json) =>
      counted(sql`insert into insights_un_countries as t (country, name) select country, name from json_to_recordset(${json}::json) as x(country text, name text)
        on conflict (country) do update set name = excluded.name where t.name <> excluded.name`),
    names,
  );
  return counts;
}

function dedupe<T>(rows: T[], key: (row: T) => string): T[] {
  return [...new Map(rows.map((r) => [key(r), r])).values()];
}

const rowCount = (parsed: ParsedPart) => (parsed.part === 'votes' ? parsed.rows.rcids.length + parsed.rows.skipped : parsed.rows.length);

/**
 * Imports one file of UN General Assembly votes (roll calls, issues or votes) for the whole
 * organisation: `insight.manage` at the root unit. The file is read and checked whole first; then
 * everything is written in one transaction with its audit entry, so a bad line stores nothing and
 * the same file again changes nothing. The ideal points are recomputed afterwards in the background.
 */
export async function importUnVotes(ctx: PlatformContext, p: Principal, part: UnVotesPart, body: AsyncIterable<Uint8Array>, actor: Actor, fileName?: string): Promise<UnVotesImportResult> {
  const root = await findRootUnit(ctx.db);
  if (!root) throw new AppError('unit.not-found');
  if (!can(p, 'insight.manage', root.path)) throw new AppError('authz.forbidden');
  return importUnVotesFile(ctx, part, body, actor, fileName);
}

/** The import itself, for callers that hold the database already (the CLI, run by the operator). */
export async function importUnVotesFile(ctx: PlatformContext, part: UnVotesPart, body: AsyncIterable<Uint8Array>, actor: Actor, fileName?: string): Promise<UnVotesImportResult> {
  const root = await findRootUnit(ctx.db);
  const parsed = await readUnVotesPart(part, body);
  return inTransaction(ctx, async (tx) => {
    // One import at a time: two uploads of overlapping votes would otherwise race on the same rows.
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext('insights.un-votes-import'))`);
    const counts =
      parsed.part === 'roll-calls' ? await writeRollCalls(tx, parsed.rows) : parsed.part === 'issues' ? await writeIssues(tx, parsed.rows) : await writeVotes(tx, parsed.rows);
    const stored = parsed.part === 'votes' ? new Set(parsed.rows.rcids.map((r, i) => `${r}|${parsed.rows.countries[i]}`)).size : dedupe<unknown>(parsed.rows, (r) => JSON.stringify(r)).length;
    const [orphans] = await queryRows<{ n: number | string }>(
      tx,
      sql`select count(distinct v.rcid) as n from insights_un_votes v where not exists (select 1 from insights_un_roll_calls r where r.rcid = v.rcid)`,
    );
    const result: UnVotesImportResult = {
      part,
      rows: rowCount(parsed),
      added: counts.added,
      changed: counts.changed,
      unchanged: Math.max(0, stored - counts.added - counts.changed),
      skipped: parsed.part === 'votes' ? parsed.rows.skipped : 0,
      rollCallsWithoutDescription: Number(orphans?.n ?? 0),
    };
    await appendAudit(tx, actor, {
      action: 'insights-unvotes.imported',
      targetType: 'insights-unvotes',
      targetId: null,
      unitId: root?.id ?? null,
      summary: { ...result, ...(fileName ? { fileName } : {}) },
    });
    if (counts.added + counts.changed > 0 && part !== 'issues') await enqueueIdealPoints(tx, newIdFor());
    return result;
  });
}
