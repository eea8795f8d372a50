import { assignFindingRequest, commentFindingRequest, findingAssigneesResponse, findingCountsDto, findingDetailDto, findingListQuery, findingListResponse, resolveFindingRequest, triageFindingRequest, uuid } from '@diplodesk/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Principal } from '../../../platform/authz/principal.ts';
import { requirePrincipal } from '../../../platform/authz/route-auth.ts';
import type { PlatformContext } from '../../../platform/context.ts';
import { AppError } from '../../../platform/errors/app-error.ts';
import { displayNamesOf } from '../../identity/index.ts';
import { assigneeCandidates } from '../findings/assignees.ts';
import { assigneesOfFindings, commentsOf, findFinding, findingCounts, listFindings } from '../findings/findings.queries.ts';
import { actOnFinding, type FindingStep } from '../findings/manage-finding.ts';
import { manageablePath, readablePaths } from '../integrity.policy.ts';
import { type FindingRow, presentFinding } from '../integrity.presenter.ts';
import { actorOf, manageAccess as manage, readAccess as read, tags, unitIdsWithin } from './route-helpers.ts';

const idParams = z.object({ id: uuid });
const stepErrors = ['integrity-finding.not-found', 'integrity-finding.invalid-transition'] as const;

/** The findings inbox of every detector and its workflow. */
export const findingRoutes: FastifyPluginAsyncZod<{ ctx: PlatformContext }> = async (app, { ctx }) => {
  const detail = async (row: FindingRow, p: Principal, paths: ReadonlyMap<string, string>) => ({
    ...presentFinding(row, p, paths.get(row.unitId)),
    comments: await commentsOf(ctx.db, row.id),
    assigneeName: row.assigneeId ? ((await displayNamesOf(ctx.db, [row.assigneeId])).get(row.assigneeId) ?? null) : null,
  });

  app.get('/integrity/findings', { config: read, schema: { tags, summary: 'Findings of every detector, newest evidence first (filters: status, open, detector, severity, assignee, unit)', querystring: findingListQuery, response: { 200: findingListResponse } } }, async (req) => {
    const { p, paths } = await readablePaths(ctx, req);
    const { rows, total } = await listFindings(ctx.db, unitIdsWithin(paths, req.query.unitId), req.query, p.userId);
    return { items: rows.map((r) => presentFinding(r, p, paths.get(r.unitId))), total };
  });

  app.get('/integrity/findings/counts', { config: read, schema: { tags, summary: 'Open findings for the navigation: all, new, assigned to the caller, per detector', response: { 200: findingCountsDto } } }, async (req) => {
    const { p, paths } = await readablePaths(ctx, req);
    return findingCounts(ctx.db, [...paths.keys()], p.userId);
  });

  app.get('/integrity/findings/assignees', { config: read, schema: { tags, summary: 'The people holding findings the caller sees, by name (for filtering by assignee)', response: { 200: findingAssigneesResponse } } }, async (req) => {
    const { paths } = await readablePaths(ctx, req);
    return { items: await assigneesOfFindings(ctx.db, [...paths.keys()]) };
  });

  app.get('/integrity/findings/:id/assignees', { config: { ...manage, errors: ['integrity-finding.not-found'] }, schema: { tags, summary: 'Who the finding may be assigned to: active people who may read the findings of its unit', params: idParams, response: { 200: findingAssigneesResponse } } }, async (req) => {
    const { p, paths } = await readablePaths(ctx, req);
    const row = await findFinding(ctx.db, req.params.id);
    if (!row || !paths.has(row.unitId)) throw new AppError('integrity-finding.not-found');
    return { items: await assigneeCandidates(ctx.db, await manageablePath(ctx.db, p, row.unitId)) };
  });

  app.get('/integrity/findings/:id', { config: { ...read, errors: ['integrity-finding.not-found'] }, schema: { tags, summary: 'One finding with its evidence and comments', params: idParams, response: { 200: findingDetailDto } } }, async (req) => {
    const { p, paths } = await readablePaths(ctx, req);
    const row = await findFinding(ctx.db, req.params.id);
    if (!row || !paths.has(row.unitId)) throw new AppError('integrity-finding.not-found');
    return detail(row, p, paths);
  });

  const steps = [
    ['triage', triageFindingRequest, 'Triage a finding (optionally setting its severity)'],
    ['assign', assignFindingRequest, 'Assign a finding to a person who may read the findings of its unit (null: unassign)'],
    ['comments', commentFindingRequest, 'Comment on a finding'],
    ['resolve', resolveFindingRequest, 'Resolve a finding with an outcome (and an optional note)'],
    ['reopen', z.object({}), 'Reopen a resolved finding'],
  ] as const;
  for (const [path, body, summary] of steps) {
    app.post(`/integrity/findings/:id/${path}`, { config: { ...manage, errors: [...stepErrors] }, schema: { tags, summary, params: idParams, body, response: { 200: findingDetailDto } } }, async (req) => {
      const { p, paths } = await readablePaths(ctx, req);
      const existing = await findFinding(ctx.db, req.params.id);
      if (!existing || !paths.has(existing.unitId)) throw new AppError('integrity-finding.not-found');
      const input = req.body as Record<string, unknown>;
      const step = { ...input, action: path === 'comments' ? 'comment' : path } as FindingStep;
      const row = await actOnFinding(ctx, requirePrincipal(req), req.params.id, step, actorOf(req));
      return detail(row, p, paths);
    });
  }
};
