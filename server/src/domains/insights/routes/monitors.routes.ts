import { createMonitorRequest, monitorDto, monitorListResponse, monitorSeriesQuery, monitorSeriesResponse, updateMonitorRequest, uuid } from '@diplodesk/contracts';
import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { can } from '../../../platform/authz/principal.ts';
import { requirePrincipal } from '../../../platform/authz/route-auth.ts';
import type { PlatformContext } from '../../../platform/context.ts';
import { AppError } from '../../../platform/errors/app-error.ts';
import { changeMonitor, createMonitor, findMonitor } from '../monitors/manage-monitors.ts';
import { listMonitors, monitorSeries, presentMonitor, sparkOf, subtreeOf } from '../monitors/monitors.queries.ts';
import { readablePaths } from './readable-units.ts';
import { actorOf, manageAccess as manage, readAccess as read } from './route-helpers.ts';

const idParams = z.object({ id: uuid });
const tags = ['insights'];

export const monitorRoutes: FastifyPluginAsyncZod<{ ctx: PlatformContext }> = async (app, { ctx }) => {
  const readable = (req: FastifyRequest) => readablePaths(ctx, req);

  /** A monitor the caller may read, or not found (a monitor of another unit is not revealed). */
  async function readableMonitor(req: FastifyRequest, id: string) {
    const { p, paths } = await readable(req);
    const monitor = await findMonitor(ctx.db, id);
    if (!monitor || !paths.has(monitor.unitId)) throw new AppError('insights-monitor.not-found');
    return { p, monitor, canManage: can(p, 'insight.manage', paths.get(monitor.unitId)) };
  }

  async function present(monitor: Awaited<ReturnType<typeof findMonitor>> & object, canManage: boolean) {
    return presentMonitor(monitor, await sparkOf(ctx.db, monitor, await subtreeOf(ctx.db, monitor.unitId), new Date()), canManage);
  }

  app.get('/insights/monitors', { config: read, schema: { tags, summary: 'Threat monitors of the units the caller may read, with a two-week sparkline and whether each warns', response: { 200: monitorListResponse } } }, async (req) => {
    const { p, paths } = await readable(req);
    const rows = await listMonitors(ctx.db, [...paths.keys()]);
    const items = [];
    for (const m of rows) items.push(await present(m, can(p, 'insight.manage', paths.get(m.unitId))));
    return { items, policies: { create: can(p, 'insight.manage') } };
  });

  app.post(
    '/insights/monitors',
    { config: { ...manage, errors: ['unit.not-found'] }, schema: { tags, summary: 'Add a threat monitor to a unit: topics and countries to watch (insight.manage there)', body: createMonitorRequest, response: { 201: monitorDto } } },
    async (req, reply) => {
      const row = await createMonitor(ctx, requirePrincipal(req), req.body, actorOf(req));
      return reply.status(201).send(await present(row, true));
    },
  );

  app.get(
    '/insights/monitors/:id',
    { config: { ...read, errors: ['insights-monitor.not-found'] }, schema: { tags, summary: "A monitor's volume, tone and GDELT conflict events per UTC day, its forecast bands, countries and event groups", params: idParams, querystring: monitorSeriesQuery, response: { 200: monitorSeriesResponse } } },
    async (req) => {
      const { monitor, canManage } = await readableMonitor(req, req.params.id);
      return monitorSeries(ctx.db, monitor, canManage, { now: new Date(), days: req.query.days, horizon: req.query.horizon });
    },
  );

  app.patch(
    '/insights/monitors/:id',
    { config: { ...manage, errors: ['insights-monitor.not-found'] }, schema: { tags, summary: 'Change a monitor, or disable it (enabled: false)', params: idParams, body: updateMonitorRequest, response: { 200: monitorDto } } },
    async (req) => {
      await readableMonitor(req, req.params.id);
      return present(await changeMonitor(ctx, requirePrincipal(req), req.params.id, req.body, actorOf(req)), true);
    },
  );
};
