import { alertDto, alertListQuery, alertListResponse, alertRuleDto, alertRuleListResponse, createAlertRuleRequest, updateAlertRuleRequest, uuid } from '@diplodesk/contracts';
import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { can } from '../../../platform/authz/principal.ts';
import { requirePrincipal } from '../../../platform/authz/route-auth.ts';
import type { PlatformContext } from '../../../platform/context.ts';
import { AppError } from '../../../platform/errors/app-error.ts';
import { noContent } from '../../../platform/http/responses.ts';
import { acknowledgeAlert, findAlert, listAlerts, listRules, presentRule } from '../alerts/alerts.queries.ts';
import { changeAlertRule, createAlertRule, deleteAlertRule, findRule } from '../alerts/manage-rules.ts';
import { readablePaths } from './readable-units.ts';
import { actorOf, manageAccess as manage, readAccess as read } from './route-helpers.ts';

const idParams = z.object({ id: uuid });
const tags = ['insights'];

export const alertRoutes: FastifyPluginAsyncZod<{ ctx: PlatformContext }> = async (app, { ctx }) => {
  const readable = (req: FastifyRequest) => readablePaths(ctx, req);

  app.get('/insights/alert-rules', { config: read, schema: { tags, summary: 'Alert rules of the units the caller may read', response: { 200: alertRuleListResponse } } }, async (req) => {
    const { p, paths } = await readable(req);
    const rows = await listRules(ctx.db, [...paths.keys()]);
    return { items: rows.map((r) => presentRule(r, can(p, 'insight.manage', paths.get(r.unitId)))), policies: { create: can(p, 'insight.manage') } };
  });

  app.post(
    '/insights/alert-rules',
    { config: { ...manage, errors: ['unit.not-found', 'listening-saved-search.not-found'] }, schema: { tags, summary: 'Add an alert rule to a unit (insight.manage there)', body: createAlertRuleRequest, response: { 201: alertRuleDto } } },
    async (req, reply) => {
      const p = requirePrincipal(req);
      const row = await createAlertRule(ctx, p, req.body, actorOf(req));
      return reply.status(201).send(presentRule(row, true));
    },
  );

  app.patch(
    '/insights/alert-rules/:id',
    { config: { ...manage, errors: ['insights-alert-rule.not-found', 'listening-saved-search.not-found'] }, schema: { tags, summary: 'Change an alert rule', params: idParams, body: updateAlertRuleRequest, response: { 200: alertRuleDto } } },
    async (req) => presentRule(await changeAlertRule(ctx, requirePrincipal(req), req.params.id, req.body, actorOf(req)), true),
  );

  app.delete(
    '/insights/alert-rules/:id',
    { config: { ...manage, errors: ['insights-alert-rule.not-found'] }, schema: { tags, summary: 'Delete an alert rule (its alerts stay)', params: idParams, response: { 204: noContent('Deleted') } } },
    async (req, reply) => {
      await deleteAlertRule(ctx, requirePrincipal(req), req.params.id, actorOf(req));
      return reply.status(204).send();
    },
  );

  app.get('/insights/alerts', { config: read, schema: { tags, summary: 'The alerts inbox: newest first, with why each fired, and how many are open', querystring: alertListQuery, response: { 200: alertListResponse } } }, async (req) => {
    const { paths } = await readable(req);
    return listAlerts(ctx.db, [...paths.keys()], req.query);
  });

  app.get('/insights/alerts/:id', { config: { ...read, errors: ['insights-alert.not-found'] }, schema: { tags, summary: 'One alert with why it fired (e.g. to draft a response to it)', params: idParams, response: { 200: alertDto } } }, async (req) => {
    const { paths } = await readable(req);
    const alert = await findAlert(ctx.db, req.params.id);
    if (!alert || !paths.has(alert.unitId)) throw new AppError('insights-alert.not-found');
    return alert;
  });

  app.post(
    '/insights/alerts/:id/acknowledge',
    { config: { ...read, errors: ['insights-alert.not-found'] }, schema: { tags, summary: 'Mark an alert as seen to', params: idParams, response: { 200: alertDto } } },
    async (req) => {
      const { p, paths } = await readable(req);
      const alert = await findAlert(ctx.db, req.params.id);
      if (!alert || !paths.has(alert.unitId)) throw new AppError('insights-alert.not-found');
      return acknowledgeAlert(ctx, alert, p.userId, actorOf(req));
    },
  );

  /** A rule the caller may see, for the rule pages (404 otherwise). */
  app.get('/insights/alert-rules/:id', { config: { ...read, errors: ['insights-alert-rule.not-found'] }, schema: { tags, summary: 'One alert rule', params: idParams, response: { 200: alertRuleDto } } }, async (req) => {
    const { p, paths } = await readable(req);
    const rule = await findRule(ctx, req.params.id);
    if (!rule || !paths.has(rule.unitId)) throw new AppError('insights-alert-rule.not-found');
    return presentRule(rule, can(p, 'insight.manage', paths.get(rule.unitId)));
  });
};
