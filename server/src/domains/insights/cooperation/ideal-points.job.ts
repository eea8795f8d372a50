// Recomputes the one-dimensional ideal points after an import, a few sessions per job: each page
// commits with its job and queues the next, so the work survives restarts and its progress
// (done/total sessions) is in the chain's payloads for the import panel to show.
import { buildVoteMatrix, idealPoints, type UnVote } from '@diplodesk/analysis';
import { and, desc, eq, inArray, sql } from 'drizzle-orm';
import { z } from 'zod';
import { type Executor, queryRows } from '../../../platform/db/index.ts';
import { jobs } from '../../../platform/db/platform.tables.ts';
import { defineJob, enqueueJob } from '../../../platform/jobs/index.ts';

const payload = z.object({
  runId: z.uuid(),
  /** Sessions after this one are still to do; 0 on the first page. */
  afterSession: z.number().int().min(0),
  done: z.number().int().min(0),
  total: z.number().int().min(0),
});

const jobName = 'insights.un-ideal-points@1';
const sessionsPerPage = 8;
const WORD = ['', 'yes', 'abstain', 'no'] as const;
/** The state put at the positive end, as in Bailey, Strezhnev and Voeten's estimates. */
const ORIENT_TO = 'US';

/** Ideal points of one session from its stored votes (rows replaced). */
export async function computeSessionIdealPoints(tx: Executor, session: number): Promise<number> {
  const rows = await queryRows<{ rcid: number; country: string; vote: number }>(
    tx,
    sql`select v.rcid, v.country, v.vote from insights_un_votes v join insights_un_roll_calls r on r.rcid = v.rcid where r.session = ${session} order by v.rcid`,
  );
  const votes: UnVote[] = rows.map((r) => ({ rcid: String(r.rcid), country: r.country, vote: WORD[Number(r.vote)] as UnVote['vote'] }));
  const rcids = [...new Set(votes.map((v) => v.rcid))];
  const matrix = await buildVoteMatrix(votes, rcids.map((rcid) => ({ rcid, session, important: false, issues: [] })));
  // A state needs ten positions in a session to be placed (fewer in a session with few roll calls).
  const minVotes = Math.min(10, Math.max(2, Math.ceil(rcids.length / 2)));
  const points = idealPoints(matrix, [...rcids.keys()], { orientTo: ORIENT_TO, minVotes });
  await tx.execute(sql`delete from insights_un_ideal_points where session = ${session}`);
  if (points.length > 0) {
    const json = JSON.stringify(points.map((p) => ({ country: p.country, ideal_point: p.idealPoint, votes: p.votes })));
    await tx.execute(sql`insert into insights_un_ideal_points (session, country, ideal_point, votes)
      select ${session}, country, ideal_point, votes from json_to_recordset(${json}::json) as x(country text, ideal_point double precision, votes int)`);
  }
  return points.length;
}

export const idealPointsJob = defineJob({
  name: jobName,
  payload,
  maxAttempts: 5,
  async handler(input, { tx }) {
    if (input.afterSession === 0) await tx.execute(sql`delete from insights_un_ideal_points p where not exists (select 1 from insights_un_roll_calls r where r.session = p.session)`);
    const sessions = await queryRows<{ session: number }>(
      tx,
      sql`select distinct session from insights_un_roll_calls where session > ${input.afterSession} order by session limit ${sessionsPerPage}`,
    );
    for (const { session } of sessions) await computeSessionIdealPoints(tx, Number(session));
    const last = sessions.at(-1);
    const done = input.done + sessions.length;
    if (sessions.length === sessionsPerPage && last) {
      await enqueueJob(tx, idealPointsJob, { ...input, afterSession: Number(last.session), done, total: Math.max(input.total, done) }, { idempotencyKey: `${jobName}:${input.runId}:${done}` });
    }
  },
});

/** Queues the first page of a recomputation. */
export async function enqueueIdealPoints(tx: Executor, runId: string): Promise<void> {
  const [count] = await queryRows<{ n: number | string }>(tx, sql`select count(distinct session) as n from insights_un_roll_calls`);
  await enqueueJob(tx, idealPointsJob, { runId, afterSession: 0, done: 0, total: Number(count?.n ?? 0) }, { idempotencyKey: `${jobName}:${runId}:0` });
}

export type IdealPointsRun = { state: 'idle' | 'running' | 'done' | 'failed'; done: number; total: number };

function runOf(latest: { status: string; payload: unknown } | undefined): IdealPointsRun {
  const parsed = payload.safeParse(latest?.payload);
  if (!latest || !parsed.success) return { state: 'idle', done: 0, total: 0 };
  const run = parsed.data;
  if (latest.status === 'completed') return { state: 'done', done: run.total, total: run.total };
  if (latest.status === 'failed') return { state: 'failed', done: run.done, total: run.total };
  return { state: 'running', done: run.done, total: run.total };
}

/** The latest recomputation's progress, from its newest job. */
export async function latestIdealPoints(x: Executor): Promise<IdealPointsRun> {
  const [latest] = await x.select({ status: jobs.status, payload: jobs.payload }).from(jobs).where(and(eq(jobs.name, jobName))).orderBy(desc(jobs.createdAt), desc(jobs.id)).limit(1);
  return runOf(latest);
}

/** The progress of the given recomputations (each import's run id is the import's id), from each one's newest job. */
export async function idealPointsRuns(x: Executor, runIds: readonly string[]): Promise<Map<string, IdealPointsRun>> {
  if (runIds.length === 0) return new Map();
  const runId = sql<string>`${jobs.payload}->>'runId'`;
  const rows = await x
    .selectDistinctOn([runId], { runId, status: jobs.status, payload: jobs.payload })
    .from(jobs)
    .where(and(eq(jobs.name, jobName), inArray(runId, [...runIds])))
    .orderBy(runId, desc(jobs.createdAt), desc(jobs.id));
  return new Map(rows.map((r) => [r.runId, runOf(r)]));
}
