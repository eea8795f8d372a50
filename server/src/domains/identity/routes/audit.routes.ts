import { auditListQuery, auditListResponse, auditVerifyResponse } from '@diplodesk/contracts';
import { and, desc, eq, gte, inArray, like, lt, lte, or, type SQL } from 'drizzle-orm';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { verifyAuditChain } from '../../../platform/audit/audit.ts';
import { reachPaths } from '../../../platform/authz/principal.ts';
import { requirePrincipal } from '../../../platform/authz/route-auth.ts';
import type { PlatformContext } from '../../../platform/context.ts';
import { auditLog } from '../../../platform/db/platform.tables.ts';
import { findRootUnit } from '../identity.repo.ts';
import { units } from '../identity.tables.ts';

const auditRead = { auth: { access: 'permission', permission: 'audit.read' } } as const;

export const auditRoutes: FastifyPluginAsyncZod<{ ctx: PlatformContext }> = async (app, { ctx }) => {
  app.get('/audit', { config: auditRead, schema: { tags: ['audit'], summary: 'Audit entries, newest first', querystring: auditListQuery, response: { 200: auditListResponse } } }, async (req) => {
    const p = requirePrincipal(req);
    const q = req.query;
    const root = await findRootUnit(ctx.db);
    const reach = reachPaths(p, 'audit.read');
    const conditions: (SQL | undefined)[] = [
      q.action ? like(auditLog.action, `${q.action.replace(/[%_\\]/g, '\\$&')}%`) : undefined,
      q.actorId ? eq(auditLog.actorId, q.actorId) : undefined,
      q.targetType ? eq(auditLog.targetType, q.targetType) : undefined,
      q.targetId ? eq(auditLog.targetId, q.targetId) : undefined,
      q.from ? gte(auditLog.at, new Date(q.from)) : undefined,
      q.to ? lte(auditLog.at, new Date(q.to)) : undefined,
      q.before ? lt(auditLog.seq, q.before) : undefined,
    ];
    // An administrator of a mission sees the entries of their subtree; one at the root sees all.
    if (!root || !reach.includes(root.path)) {
      const inReach = ctx.db.select({ id: units.id }).from(units).where(or(...reach.map((r) => like(units.path, `${r}%`))));
      conditions.push(inArray(auditLog.unitId, inReach));
    }
    const rows = await ctx.db.select().from(auditLog).where(and(...conditions)).orderBy(desc(auditLog.seq)).limit(q.limit + 1);
    const page = rows.slice(0, q.limit);
    return {
      items: page.map((r) => ({ ...r, at: r.at.toISOString() })),
      nextBefore: rows.length > q.limit ? (page[page.length - 1]?.seq ?? null) : null,
    };
  });

  app.get('/audit/verify', { config: auditRead, schema: { tags: ['audit'], summary: 'Recompute the hash chain', response: { 200: auditVerifyResponse } } }, async () =>
    verifyAuditChain(ctx.db),
  );
};
