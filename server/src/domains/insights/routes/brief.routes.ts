import { briefDeliveryListResponse, briefDto, briefQuery, briefScheduleDto, briefScheduleQuery, briefScheduleRequest } from '@diplodesk/contracts';
import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { desc, eq } from 'drizzle-orm';
import type { Actor } from '../../../platform/audit/audit.ts';
import { can, isWithin, reachPaths } from '../../../platform/authz/principal.ts';
import { requirePrincipal } from '../../../platform/authz/route-auth.ts';
import { staffUrlOf } from '../../../platform/config/config.ts';
import type { PlatformContext } from '../../../platform/context.ts';
import { AppError } from '../../../platform/errors/app-error.ts';
import { fileDownload } from '../../../platform/http/responses.ts';
import { findUnit, type UnitRow } from '../../identity/index.ts';
import { buildBrief } from '../brief/build-brief.ts';
import { renderBriefPdf } from '../brief/brief-pdf.ts';
import { findSchedule, presentSchedule, saveBriefSchedule } from '../brief/brief-schedule.ts';
import { insightsBriefDeliveries } from '../brief/brief.tables.ts';
import { briefFileName } from '../brief/send-brief.job.ts';

const read = { auth: { access: 'permission', permission: 'insight.read' } } as const;
const manage = { auth: { access: 'permission', permission: 'insight.manage' } } as const;
const tags = ['insights'];

function actorOf(req: FastifyRequest): Actor {
  const p = requirePrincipal(req);
  return { userId: p.userId, label: p.email, requestId: req.id, tokenId: p.tokenId ?? null };
}

/** Daily brief per unit: the page's data, the PDF, the e-mail schedule and its delivery log. */
export const briefRoutes: FastifyPluginAsyncZod<{ ctx: PlatformContext }> = async (app, { ctx }) => {
  /** The unit, when the caller reads its insights (404 otherwise, so units are not probed). */
  async function readableUnit(req: FastifyRequest, unitId: string): Promise<UnitRow> {
    const p = requirePrincipal(req);
    const unit = await findUnit(ctx.db, unitId);
    if (!unit || !reachPaths(p, 'insight.read').some((r) => isWithin(unit.path, r))) throw new AppError('unit.not-found');
    return unit;
  }

  app.get(
    '/insights/brief',
    { config: { ...read, errors: ['unit.not-found'] }, schema: { tags, summary: "A unit's daily brief: top stories and alerts of its day (in its time zone), with the sections not configured yet marked as such", querystring: briefQuery, response: { 200: briefDto } } },
    async (req) => buildBrief(ctx.db, await readableUnit(req, req.query.unit), req.query.date),
  );

  app.get(
    '/insights/brief.pdf',
    { config: { ...read, errors: ['unit.not-found'] }, schema: { tags, summary: "A unit's daily brief as a PDF, in English or Indonesian", querystring: briefQuery, response: { 200: fileDownload('The brief as a PDF', ['application/pdf']) } } },
    async (req, reply) => {
      const brief = await buildBrief(ctx.db, await readableUnit(req, req.query.unit), req.query.date);
      const pdf = await renderBriefPdf(brief, req.query.lang ?? 'en', staffUrlOf(ctx.config));
      return reply.header('content-type', 'application/pdf').header('content-disposition', `attachment; filename="${briefFileName(brief.unitName, brief.date)}"`).send(pdf);
    },
  );

  app.get(
    '/insights/brief/schedule',
    { config: { ...read, errors: ['unit.not-found'] }, schema: { tags, summary: "When and to whom a unit's daily brief is e-mailed (the defaults, off, when none was saved)", querystring: briefScheduleQuery, response: { 200: briefScheduleDto } } },
    async (req) => {
      const unit = await readableUnit(req, req.query.unit);
      return presentSchedule(unit, await findSchedule(ctx.db, unit.id), can(requirePrincipal(req), 'insight.manage', unit.path));
    },
  );

  app.put(
    '/insights/brief/schedule',
    { config: { ...manage, errors: ['unit.not-found'] }, schema: { tags, summary: "Set a unit's daily brief schedule (insight.manage there)", body: briefScheduleRequest, response: { 200: briefScheduleDto } } },
    async (req) => saveBriefSchedule(ctx, requirePrincipal(req), req.body, actorOf(req)),
  );

  app.get(
    '/insights/brief/deliveries',
    { config: { ...read, errors: ['unit.not-found'] }, schema: { tags, summary: "The briefs e-mailed for a unit, newest first: one row per day and recipient", querystring: briefScheduleQuery, response: { 200: briefDeliveryListResponse } } },
    async (req) => {
      const unit = await readableUnit(req, req.query.unit);
      const rows = await ctx.db.select().from(insightsBriefDeliveries).where(eq(insightsBriefDeliveries.unitId, unit.id)).orderBy(desc(insightsBriefDeliveries.createdAt), desc(insightsBriefDeliveries.id)).limit(50);
      return {
        items: rows.map((r) => ({ id: r.id, unitId: r.unitId, date: r.briefDate, target: r.targetLabel, locale: r.locale, state: r.state, attempts: r.attempts, lastError: r.lastError, createdAt: r.createdAt.toISOString(), sentAt: r.sentAt?.toISOString() ?? null })),
      };
    },
  );
};
