import { jobStatsQuery, jobStatsResponse, probeJobsRequest, probeJobsResponse } from '@diplodesk/contracts';
import { sql } from 'drizzle-orm';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { uuidv7 } from 'uuidv7';
import { appendAudit } from '../audit/audit.ts';
import { requirePrincipal } from '../authz/route-auth.ts';
import { type PlatformContext, inTransaction } from '../context.ts';
import { queryRows } from '../db/index.ts';
import { enqueueJob, probeJob } from '../jobs/index.ts';

const systemManage = { auth: { access: 'permission', permission: 'system.manage' } } as const;

/** Operators' view of the workers: queue counts, and a self-test that proves jobs run exactly once. */
export const systemRoutes: FastifyPluginAsyncZod<{ ctx: PlatformContext }> = async (app, { ctx }) => {
  app.get('/system/jobs', { config: systemManage, schema: { tags: ['system'], summary: 'Job queue counts (and a self-test by label)', querystring: jobStatsQuery, response: { 200: jobStatsResponse } } }, async (req) => {
    const rows = await queryRows<{ name: string; status: 'queued' | 'running' | 'completed' | 'failed'; count: number }>(
      ctx.db,
      sql`select name, status, count(*)::int as count from jobs group by name, status order by name, status`,
    );
    const byStatus = { queued: 0, running: 0, completed: 0, failed: 0 };
    for (const r of rows) byStatus[r.status] += r.count;
    let probe = null;
    if (req.query.label) {
      const label = req.query.label;
      const [counts] = await queryRows<{ enqueued: number; ran: number; distinct_jobs: number }>(
        ctx.db,
        sql`select (select count(*)::int from jobs where name = ${probeJob.name} and payload->>'label' = ${label}) as enqueued,
                   (select count(*)::int from job_probe_ledger where label = ${label}) as ran,
                   (select count(distinct job_id)::int from job_probe_ledger where label = ${label}) as distinct_jobs`,
      );
      probe = { label, enqueued: counts?.enqueued ?? 0, ran: counts?.ran ?? 0, distinctJobs: counts?.distinct_jobs ?? 0 };
    }
    return { byStatus, byName: rows, probe };
  });

  app.post('/system/jobs/probe', { config: systemManage, schema: { tags: ['system'], summary: 'Enqueue self-test jobs', body: probeJobsRequest, response: { 202: probeJobsResponse } } }, async (req, reply) => {
    const p = requirePrincipal(req);
    const label = `probe-${uuidv7()}`;
    await inTransaction(ctx, async (tx) => {
      for (let i = 0; i < req.body.count; i++) await enqueueJob(tx, probeJob, { label, sleepMs: req.body.sleepMs }, { idempotencyKey: `${label}:${i}` });
      await appendAudit(tx, { userId: p.userId, label: p.email, requestId: req.id, tokenId: p.tokenId ?? null }, {
        action: 'system.jobs-probed',
        targetType: 'jobs',
        targetId: label,
        unitId: null,
        summary: { count: req.body.count, sleepMs: req.body.sleepMs },
      });
    });
    return reply.status(202).send({ label, enqueued: req.body.count });
  });
};
