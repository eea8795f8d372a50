import { auditCheckpointCreateResponse, auditExportMaxEntries, auditExportQuery, auditListQuery, auditListResponse, auditVerifyResponse, csvRow } from '@diplodesk/contracts';
import { and, asc, desc, eq, gte, inArray, like, lt, lte, or, type SQL } from 'drizzle-orm';
import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { appendAudit, verifyAuditChain } from '../../../platform/audit/audit.ts';
import { createAuditCheckpoint, publishCheckpoint } from '../../../platform/audit/checkpoints.ts';
import { reachPaths } from '../../../platform/authz/principal.ts';
import { requirePrincipal } from '../../../platform/authz/route-auth.ts';
import { fileDownload } from '../../../platform/http/responses.ts';
import { inTransaction, type PlatformContext } from '../../../platform/context.ts';
import { auditLog } from '../../../platform/db/platform.tables.ts';
import { AppError } from '../../../platform/errors/app-error.ts';
import { findRootUnit } from '../identity.repo.ts';
import { units, users } from '../identity.tables.ts';
import { actorOf } from './route-helpers.ts';

const auditRead = { auth: { access: 'permission', permission: 'audit.read' } } as const;
const systemManage = { auth: { access: 'permission', permission: 'system.manage' } } as const;

export const auditRoutes: FastifyPluginAsyncZod<{ ctx: PlatformContext }> = async (app, { ctx }) => {
  app.get('/audit', { config: auditRead, schema: { tags: ['audit'], summary: 'Audit entries, newest first', querystring: auditListQuery, response: { 200: auditListResponse } } }, async (req) => {
    const q = req.query;
    const conditions = await auditFilter(ctx, req, q);
    if (q.before) conditions.push(lt(auditLog.seq, q.before));
    const rows = await ctx.db.select().from(auditLog).where(and(...conditions)).orderBy(desc(auditLog.seq)).limit(q.limit + 1);
    const page = rows.slice(0, q.limit);
    const labels = await targetLabels(ctx, page);
    return {
      items: page.map((r) => ({ ...r, at: r.at.toISOString(), targetLabel: labels.get(r.id) ?? null })),
      nextBefore: rows.length > q.limit ? (page[page.length - 1]?.seq ?? null) : null,
    };
  });

  // A copy of the record leaves the system: a fresh second factor first, and the export is itself audited.
  app.get(
    '/audit/export',
    {
      config: { ...auditRead, stepUp: true },
      schema: { tags: ['audit'], summary: `Every matching audit entry, oldest first, as CSV or JSON Lines (at most ${auditExportMaxEntries})`, querystring: auditExportQuery, response: { 200: fileDownload('The entries as CSV or JSON Lines, per `format`', ['text/csv', 'application/x-ndjson']) } },
    },
    async (req, reply) => {
      const q = req.query;
      const rows = await ctx.db
        .select()
        .from(auditLog)
        .where(and(...(await auditFilter(ctx, req, q))))
        .orderBy(asc(auditLog.seq))
        .limit(auditExportMaxEntries + 1);
      if (rows.length > auditExportMaxEntries) throw new AppError('request.invalid', `More than ${auditExportMaxEntries} entries match: choose a shorter period.`, { maxEntries: auditExportMaxEntries });
      const labels = await targetLabels(ctx, rows);
      await inTransaction(ctx, (tx) =>
        appendAudit(tx, actorOf(req), { action: 'audit.exported', targetType: 'workspace', targetId: null, unitId: null, summary: { format: q.format, entries: rows.length, filters: { ...q, format: undefined } } }),
      );
      const stamp = new Date().toISOString().slice(0, 19).replaceAll(':', '');
      void reply.header('content-disposition', `attachment; filename="diplodesk-audit-${stamp}.${q.format === 'csv' ? 'csv' : 'jsonl'}"`);
      if (q.format === 'jsonl') {
        void reply.type('application/x-ndjson; charset=utf-8');
        return rows.map((r) => JSON.stringify({ ...r, at: r.at.toISOString(), targetLabel: labels.get(r.id) ?? null })).join('\n') + (rows.length ? '\n' : '');
      }
      void reply.type('text/csv; charset=utf-8');
      const header = csvRow(['seq', 'at', 'actor', 'actorId', 'tokenId', 'action', 'targetType', 'targetId', 'target', 'unitId', 'summary', 'requestId', 'hash']);
      const lines = rows.map((r) =>
        csvRow([r.seq, r.at.toISOString(), r.actorLabel, r.actorId, r.tokenId, r.action, r.targetType, r.targetId, labels.get(r.id) ?? null, r.unitId, JSON.stringify(r.summary), r.requestId, r.hash]),
      );
      // A byte-order mark so spreadsheet software reads the names as UTF-8.
      return `\uFEFF${[header, ...lines].join('\r\n')}\r\n`;
    },
  );

  app.get('/audit/verify', { config: auditRead, schema: { tags: ['audit'], summary: 'Recompute the hash chain', response: { 200: auditVerifyResponse } } }, async () =>
    verifyAuditChain(ctx.db),
  );

  // On demand (besides the hourly job): sign the head now, e.g. before a handover or an export.
  // The audit entry follows the checkpoint, so the next checkpoint covers it.
  app.post('/audit/checkpoints', { config: systemManage, schema: { tags: ['audit'], summary: 'Sign a checkpoint of the audit chain head now', response: { 200: auditCheckpointCreateResponse, 201: auditCheckpointCreateResponse } } }, async (req, reply) => {
    const p = requirePrincipal(req);
    const root = await findRootUnit(ctx.db);
    // The organisation's key signs: only an administrator of the whole organisation may use it.
    if (!root || !reachPaths(p, 'system.manage').includes(root.path)) throw new AppError('authz.forbidden');
    const row = await inTransaction(ctx, async (tx) => {
      const created = await createAuditCheckpoint(tx, ctx.secretBox.for('signing-keys'), root.id);
      if (created) {
        await appendAudit(tx, actorOf(req), { action: 'audit.checkpoint-created', targetType: 'audit-checkpoint', targetId: String(created.seq), unitId: root.id, summary: { seq: created.seq, hash: created.headHash, kid: created.kid } });
      }
      return created;
    });
    return reply.status(row ? 201 : 200).send({ created: row !== null, checkpoint: row ? publishCheckpoint(row) : null });
  });
};

type AuditRow = typeof auditLog.$inferSelect;

/** Keys an entry's summary uses for the name of what it is about, in order of preference. */
const summaryNameKeys = ['name', 'title', 'displayName', 'email', 'handle', 'fileName'] as const;

/**
 * People read "Sari Wulandari (sari@…)" and "Embassy in Tokyo", not UUID fragments: users and units
 * are named as they are now (renamed ones included); other targets by the name their entry recorded.
 */
async function targetLabels(ctx: PlatformContext, rows: readonly AuditRow[]): Promise<Map<string, string>> {
  const ids = (type: string) => [...new Set(rows.filter((r) => r.targetType === type && r.targetId).map((r) => r.targetId as string))].filter((id) => /^[0-9a-f-]{36}$/i.test(id));
  const userIds = ids('user');
  const unitIds = ids('unit');
  const userRows = userIds.length > 0 ? await ctx.db.select({ id: users.id, name: users.displayName, email: users.email }).from(users).where(inArray(users.id, userIds)) : [];
  const unitRows = unitIds.length > 0 ? await ctx.db.select({ id: units.id, name: units.name }).from(units).where(inArray(units.id, unitIds)) : [];
  const userLabel = new Map(userRows.map((u) => [u.id, `${u.name} (${u.email})`]));
  const unitLabel = new Map(unitRows.map((u) => [u.id, u.name]));
  const labels = new Map<string, string>();
  for (const row of rows) {
    const known = row.targetId ? (row.targetType === 'user' ? userLabel.get(row.targetId) : row.targetType === 'unit' ? unitLabel.get(row.targetId) : undefined) : undefined;
    const summary = row.summary as Record<string, unknown>;
    const recorded = summaryNameKeys.map((key) => summary[key]).find((value): value is string => typeof value === 'string' && value.trim() !== '');
    const label = known ?? recorded;
    if (label) labels.set(row.id, label);
  }
  return labels;
}

/** The filters both the list and the export apply, within the units the caller may read the audit of. */
async function auditFilter(ctx: PlatformContext, req: FastifyRequest, q: { action?: string; actorId?: string; targetType?: string; targetId?: string; from?: string; to?: string }): Promise<(SQL | undefined)[]> {
  const p = requirePrincipal(req);
  const root = await findRootUnit(ctx.db);
  const reach = reachPaths(p, 'audit.read');
  const conditions: (SQL | undefined)[] = [
    q.action ? like(auditLog.action, `${q.action.replace(/[%_\\]/g, '\\$&')}%`) : undefined,
    q.actorId ? eq(auditLog.actorId, q.actorId) : undefined,
    q.targetType ? eq(auditLog.targetType, q.targetType) : undefined,
    q.targetId ? eq(auditLog.targetId, q.targetId) : undefined,
    q.from ? gte(auditLog.at, new Date(q.from)) : undefined,
    q.to ? lte(auditLog.at, new Date(q.to)) : undefined,
  ];
  // An administrator of a mission sees the entries of their subtree; one at the root sees all.
  if (!root || !reach.includes(root.path)) {
    const inReach = ctx.db.select({ id: units.id }).from(units).where(or(...reach.map((r) => like(units.path, `${r}%`))));
    conditions.push(inArray(auditLog.unitId, inReach));
  }
  return conditions;
}
