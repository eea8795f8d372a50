// Writes a checked UN votes file a chunk at a time. Each chunk is one upsert statement that skips
// rows already stored as they are and counts new rows (xmax = 0) apart from changed ones, so the
// same file imported again changes nothing and says so.
import { sql } from 'drizzle-orm';
import { type Executor, queryRows } from '../../../../platform/db/index.ts';
import type { ParsedPart, RollCallRow } from './unvotes-file.ts';

export type Counts = { added: number; changed: number };

/** The distinct rows of a checked file in a fixed order, so a resumed import skips exactly the chunks it stored. */
export type WritePlan = {
  /** Distinct rows (the later of two lines with the same key counts). */
  total: number;
  write(tx: Executor, from: number, to: number): Promise<Counts>;
  /** Once every chunk is stored: what the chunks do not cover (the votes file's country names). */
  finish(tx: Executor): Promise<void>;
};

const counted = (upserted: ReturnType<typeof sql>) => sql`with upserted as (${upserted} returning (xmax = 0) as inserted)
  select count(*) filter (where inserted) as added, count(*) filter (where not inserted) as changed from upserted`;

async function run(tx: Executor, statement: ReturnType<typeof sql>): Promise<Counts> {
  const [got] = await queryRows<{ added: number | string; changed: number | string }>(tx, counted(statement));
  return { added: Number(got?.added ?? 0), changed: Number(got?.changed ?? 0) };
}

function lastByKey<T>(rows: T[], key: (row: T) => string): T[] {
  return [...new Map(rows.map((r) => [key(r), r])).values()];
}

const rollCallsInsert = (json: string) =>
  sql`insert into insights_un_roll_calls as t (rcid, session, date, important, amendment, paragraph, resolution, short, description)
    select rcid, session, date, important, amendment, paragraph, resolution, short, description
    from json_to_recordset(${json}::json) as x(rcid int, session int, date date, important boolean, amendment boolean, paragraph boolean, resolution text, short text, description text)
    on conflict (rcid) do update set session = excluded.session, date = excluded.date, important = excluded.important, amendment = excluded.amendment,
      paragraph = excluded.paragraph, resolution = excluded.resolution, short = excluded.short, description = excluded.description
    where (t.session, t.date, t.important, t.amendment, t.paragraph, t.resolution, t.short, t.description)
      is distinct from (excluded.session, excluded.date, excluded.important, excluded.amendment, excluded.paragraph, excluded.resolution, excluded.short, excluded.description)`;

const issuesInsert = (json: string) =>
  sql`insert into insights_un_roll_call_issues (rcid, issue)
    select rcid, issue from json_to_recordset(${json}::json) as x(rcid int, issue text)
    on conflict do nothing`;

const votesInsert = (json: string) =>
  sql`insert into insights_un_votes as t (rcid, country, vote)
    select x.rcid, x.country, x.vote from (select (r->>0)::int as rcid, r->>1 as country, (r->>2)::smallint as vote from json_array_elements(${json}::json) as r) as x
    -- Rows already stored as they are skip the conflict path (a re-import is mostly these).
    where not exists (select 1 from insights_un_votes s where s.rcid = x.rcid and s.country = x.country and s.vote = x.vote)
    on conflict (rcid, country) do update set vote = excluded.vote where t.vote <> excluded.vote`;

const namesInsert = (json: string) =>
  sql`insert into insights_un_countries as t (country, name) select country, name from json_to_recordset(${json}::json) as x(country text, name text)
    on conflict (country) do update set name = excluded.name where t.name <> excluded.name`;

function planOf<T>(rows: T[], insert: (json: string) => ReturnType<typeof sql>, finish: WritePlan['finish'] = async () => undefined): WritePlan {
  return {
    total: rows.length,
    write: (tx, from, to) => run(tx, insert(JSON.stringify(rows.slice(from, to)))),
    finish,
  };
}

/**
 * The rows of a checked file as chunks to write.
 *
 * @example const plan = planWrites(parsed); await plan.write(tx, 0, 10_000)
 */
export function planWrites(parsed: ParsedPart): WritePlan {
  if (parsed.part === 'roll-calls') return planOf(lastByKey<RollCallRow>(parsed.rows, (r) => String(r.rcid)), rollCallsInsert);
  if (parsed.part === 'issues') return planOf(lastByKey(parsed.rows, (r) => `${r.rcid}|${r.issue}`), issuesInsert);
  const v = parsed.rows;
  // A state voting twice on one roll call in one file: the later line counts (one statement may not touch a row twice).
  const last = new Map<string, number>();
  for (let i = 0; i < v.rcids.length; i++) last.set(`${v.rcids[i]}|${v.countries[i]}`, i);
  const rows = [...last.values()].map((i) => [v.rcids[i], v.countries[i], v.votes[i]]);
  const names = [...v.names].map(([country, name]) => ({ country, name }));
  return planOf(rows, votesInsert, async (tx) => {
    for (let i = 0; i < names.length; i += 10_000) await run(tx, namesInsert(JSON.stringify(names.slice(i, i + 10_000))));
  });
}

/** Roll calls that have votes but no description yet. */
export async function rollCallsWithoutDescription(tx: Executor): Promise<number> {
  const [orphans] = await queryRows<{ n: number | string }>(
    tx,
    sql`select count(distinct v.rcid) as n from insights_un_votes v where not exists (select 1 from insights_un_roll_calls r where r.rcid = v.rcid)`,
  );
  return Number(orphans?.n ?? 0);
}
