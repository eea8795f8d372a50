import { rebuttalListResponse, type RebuttalDto, uuid } from '@diplodesk/contracts';
import { eq } from 'drizzle-orm';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { can, type Principal } from '../../../platform/authz/principal.ts';
import type { PlatformContext } from '../../../platform/context.ts';
import type { Executor } from '../../../platform/db/index.ts';
import { AppError } from '../../../platform/errors/app-error.ts';
import { listUnits } from '../../identity/index.ts';
import { type ResponseStatement, statementsRespondingTo } from '../../statements/index.ts';
import { findClaim } from '../claims/claims.repo.ts';
import { findFinding } from '../findings/findings.queries.ts';
import { claimScopePaths, readablePaths } from '../integrity.policy.ts';
import type { FindingRow } from '../integrity.presenter.ts';
import { integrityFindings } from '../integrity.tables.ts';
import { readAccess as read, tags } from '../routes/route-helpers.ts';

const idParams = z.object({ id: uuid });

/** The rebuttals the reader may read (statement.read at the statement's unit); the others are only counted. */
async function present(x: Executor, publicUrl: string, p: Principal, rows: ResponseStatement[]): Promise<{ items: RebuttalDto[]; hidden: number }> {
  const paths = new Map((await listUnits(x)).map((u) => [u.id, u.path]));
  const readable = rows.filter((r) => {
    const path = paths.get(r.unitId);
    return path !== undefined && can(p, 'statement.read', path);
  });
  return {
    hidden: rows.length - readable.length,
    items: readable.map((r) => ({
      statementId: r.id,
      respondsTo: { type: r.respondsTo.type === 'integrity-claim' ? 'integrity-claim' : 'integrity-finding', id: r.respondsTo.id },
      title: r.title,
      status: r.status,
      createdAt: r.createdAt.toISOString(),
      publishedAt: r.publishedAt?.toISOString() ?? null,
      newsroomUrl: r.newsroomPath ? `${publicUrl}${r.newsroomPath}` : null,
    })),
  };
}

/** The timed rebuttal of a finding: from the finding being raised to its publication. */
function responseOf(f: FindingRow) {
  if (!f.responseStatementId) return null;
  return {
    statementId: f.responseStatementId,
    draftedAt: f.responseDraftedAt?.toISOString() ?? null,
    publishedAt: f.responsePublishedAt?.toISOString() ?? null,
    minutesToPublish: f.responsePublishedAt ? Math.max(0, Math.round((f.responsePublishedAt.getTime() - f.createdAt.getTime()) / 60_000)) : null,
  };
}

/** Rebuttals (statements drafted with "Respond") of a finding or of a claim, with their state. */
export const rebuttalRoutes: FastifyPluginAsyncZod<{ ctx: PlatformContext }> = async (app, { ctx }) => {
  app.get(
    '/integrity/findings/:id/rebuttals',
    { config: { ...read, errors: ['integrity-finding.not-found'] }, schema: { tags, summary: 'Statements rebutting a finding, their state, and the time from the finding to the first published one', params: idParams, response: { 200: rebuttalListResponse } } },
    async (req) => {
      const { p, paths } = await readablePaths(ctx, req);
      const finding = await findFinding(ctx.db, req.params.id);
      if (!finding || !paths.has(finding.unitId)) throw new AppError('integrity-finding.not-found');
      const rows = await statementsRespondingTo(ctx.db, [{ type: 'integrity-finding', id: finding.id }]);
      return { ...(await present(ctx.db, ctx.config.publicUrl, p, rows)), response: responseOf(finding) };
    },
  );

  app.get(
    '/integrity/claims/:id/rebuttals',
    { config: { ...read, errors: ['integrity-claim.not-found'] }, schema: { tags, summary: "Statements rebutting a claim, directly or through one of the claim's findings", params: idParams, response: { 200: rebuttalListResponse } } },
    async (req) => {
      const { p, paths } = await claimScopePaths(ctx, req);
      const claim = await findClaim(ctx.db, req.params.id);
      if (!claim || !paths.has(claim.unitId)) throw new AppError('integrity-claim.not-found');
      const findings = await ctx.db.select({ id: integrityFindings.id }).from(integrityFindings).where(eq(integrityFindings.claimId, claim.id)).limit(500);
      const rows = await statementsRespondingTo(ctx.db, [{ type: 'integrity-claim', id: claim.id }, ...findings.map((f) => ({ type: 'integrity-finding', id: f.id }))]);
      return { ...(await present(ctx.db, ctx.config.publicUrl, p, rows)), response: null };
    },
  );
};
