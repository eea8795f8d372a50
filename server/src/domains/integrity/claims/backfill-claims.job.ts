// A claim added (or re-worded) finds the items stored before it only by going through history:
// this job pages through listening's items of the claim's unit and below, a page per job, each page
// committed with its job and queueing the next, so progress survives restarts and any instance can
// read it. Matching is idempotent per (item, claim), so a page done twice links nothing twice.
import { sql } from 'drizzle-orm';
import { z } from 'zod';
import { type Executor, newIdFor, queryRows } from '../../../platform/db/index.ts';
import { jobs } from '../../../platform/db/platform.tables.ts';
import { defineJob, enqueueJob } from '../../../platform/jobs/index.ts';
import { isWithin } from '../../../platform/authz/principal.ts';
import { findUnit, listUnits } from '../../identity/index.ts';
import { countItems, storedItemsPage } from '../../listening/index.ts';
import type { ClaimIndex } from './claim-index.ts';
import { matchItems } from './match-items.ts';

const payload = z.object({
  runId: z.uuid(),
  /** The claims looked for (one claim added or re-worded, or a whole import). */
  claimIds: z.array(z.uuid()).min(1).max(5000),
  /** The unit whose items (and its sub-units') are gone through. */
  unitId: z.uuid(),
  /** Items after this id (time-ordered) are still to do; null on the first page. */
  afterId: z.uuid().nullable(),
  done: z.number().int().min(0),
  total: z.number().int().min(0),
});
const jobName = 'integrity.backfill-claims@1';
const spec = { name: jobName, payload, maxAttempts: 5 } as const;
export const defaultBackfillPage = 500;

/**
 * The job, bound to the process's claim matcher. A claim re-worded while its back-fill runs starts
 * a second run; the first goes on to the end (it links nothing twice), so no run needs cancelling.
 */
export function createBackfillClaimsJob(claims: ClaimIndex, pageSize = defaultBackfillPage) {
  const job = defineJob({
    ...spec,
    async handler(input, { tx }) {
      const unitIds = await subtreeOf(tx, input.unitId);
      const page = await storedItemsPage(tx, { afterId: input.afterId, limit: pageSize, unitIds });
      await matchItems(tx, claims, page, { onlyClaimIds: new Set(input.claimIds) });
      const done = input.done + page.length;
      const last = page.at(-1);
      if (page.length === pageSize && last) {
        await enqueueJob(tx, job, { ...input, afterId: last.id, done, total: Math.max(input.total, done) }, { idempotencyKey: `${jobName}:${input.runId}:${done}` });
      }
    },
  });
  return job;
}

async function subtreeOf(x: Executor, unitId: string): Promise<string[]> {
  const unit = await findUnit(x, unitId);
  if (!unit) return [];
  return (await listUnits(x)).filter((u) => isWithin(u.path, unit.path)).map((u) => u.id);
}

/** Queues the first page of a back-fill (in the transaction that added or changed the claims). */
export async function enqueueBackfill(tx: Executor, input: { claimIds: string[]; unitId: string }): Promise<void> {
  if (input.claimIds.length === 0) return;
  const total = await countItems(tx, await subtreeOf(tx, input.unitId));
  const runId = newIdFor();
  const def = defineJob({ ...spec, handler: async () => undefined });
  await enqueueJob(tx, def, { runId, claimIds: input.claimIds, unitId: input.unitId, afterId: null, done: 0, total }, { idempotencyKey: `${jobName}:${runId}:0` });
}

export type BackfillRun = { state: 'idle' | 'running' | 'done' | 'failed'; done: number; total: number };

/** Each claim's latest back-fill, read from the newest job that looks for it. */
export async function latestBackfills(x: Executor, claimIds: readonly string[]): Promise<Map<string, BackfillRun>> {
  const out = new Map<string, BackfillRun>();
  if (claimIds.length === 0) return out;
  const rows = await queryRows<{ claim_id: string; status: string | null; payload: unknown }>(
    x,
    sql`select c.id as claim_id, j.status, j.payload
      from jsonb_array_elements_text(${JSON.stringify(claimIds)}::jsonb) as c(id)
      left join lateral (
        select status, payload from ${jobs} where name = ${jobName} and payload->'claimIds' @> to_jsonb(c.id)
        order by created_at desc, id desc limit 1
      ) j on true`,
  );
  for (const r of rows) {
    const parsed = payload.safeParse(r.payload);
    if (!r.status || !parsed.success) continue;
    const run = parsed.data;
    const state = r.status === 'completed' ? 'done' : r.status === 'failed' ? 'failed' : 'running';
    out.set(r.claim_id, { state, done: state === 'done' ? Math.max(run.total, run.done) : run.done, total: run.total });
  }
  return out;
}
