import {
  alertDeliveryListResponse,
  alertDeliveryQuery,
  alertRecipientListResponse,
  createWebhookRequest,
  okBody,
  smtpSettingsDto,
  smtpSettingsRequest,
  smtpTestRequest,
  updateWebhookRequest,
  uuid,
  webhookDto,
  webhookListResponse,
  webhookWithSecretDto,
} from '@diplodesk/contracts';
import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Actor } from '../../../platform/audit/audit.ts';
import { can, isWithin, reachPaths } from '../../../platform/authz/principal.ts';
import { requirePrincipal } from '../../../platform/authz/route-auth.ts';
import type { PlatformContext } from '../../../platform/context.ts';
import { activePeopleWithRoles, findUnit, listUnits } from '../../identity/index.ts';
import { AppError } from '../../../platform/errors/app-error.ts';
import { noContent } from '../../../platform/http/responses.ts';
import { listDeliveries } from '../delivery/deliveries.queries.ts';
import { readSmtp, saveSmtp, sendTestMail } from '../delivery/manage-smtp.ts';
import { changeWebhook, createWebhook, deleteWebhook, listWebhooks, presentWebhook, rotateWebhookSecret } from '../delivery/manage-webhooks.ts';

const admin = { auth: { access: 'permission', permission: 'system.manage' } } as const;
const read = { auth: { access: 'permission', permission: 'insight.read' } } as const;
const idParams = z.object({ id: uuid });
const tags = ['insights'];

function actorOf(req: FastifyRequest): Actor {
  const p = requirePrincipal(req);
  return { userId: p.userId, label: p.email, requestId: req.id, tokenId: p.tokenId ?? null };
}

/** Alert delivery: the SMTP relay (root administrators), the units' webhooks, and the delivery log. */
export const deliveryRoutes: FastifyPluginAsyncZod<{ ctx: PlatformContext }> = async (app, { ctx }) => {
  async function unitsReached(req: FastifyRequest, permission: 'insight.read' | 'system.manage') {
    const p = requirePrincipal(req);
    const reach = reachPaths(p, permission);
    const units = (await listUnits(ctx.db)).filter((u) => reach.some((r) => isWithin(u.path, r)));
    return { p, paths: new Map(units.map((u) => [u.id, u.path])) };
  }

  app.get('/insights/delivery/smtp', { config: admin, schema: { tags, summary: 'The SMTP relay alert e-mails go through (the password is never returned)', response: { 200: smtpSettingsDto } } }, async (req) =>
    readSmtp(ctx, requirePrincipal(req)),
  );

  app.put(
    '/insights/delivery/smtp',
    { config: { ...admin, stepUp: true, errors: ['smtp.plain-not-allowed'] }, schema: { tags, summary: 'Set the SMTP relay (root administrators)', body: smtpSettingsRequest, response: { 200: smtpSettingsDto } } },
    async (req) => saveSmtp(ctx, requirePrincipal(req), req.body, actorOf(req)),
  );

  app.post(
    '/insights/delivery/smtp/test',
    { config: { ...admin, errors: ['smtp.not-configured', 'smtp.send-failed'] }, schema: { tags, summary: 'Send a test e-mail through the relay now', body: smtpTestRequest, response: { 200: okBody.extend({ messageId: z.string() }) } } },
    async (req) => sendTestMail(ctx, requirePrincipal(req), req.body.to, actorOf(req)),
  );

  app.get('/insights/webhooks', { config: admin, schema: { tags, summary: 'Webhooks of the units the caller administers', response: { 200: webhookListResponse } } }, async (req) => {
    const { p, paths } = await unitsReached(req, 'system.manage');
    const rows = await listWebhooks(ctx.db, [...paths.keys()]);
    return { items: rows.map((r) => presentWebhook(r, can(p, 'system.manage', paths.get(r.unitId)))), policies: { create: paths.size > 0 } };
  });

  app.post(
    '/insights/webhooks',
    { config: { ...admin, stepUp: true, errors: ['unit.not-found', 'outbound.host-not-allowed'] }, schema: { tags, summary: 'Add a webhook to a unit; the signing secret is answered once', body: createWebhookRequest, response: { 201: webhookWithSecretDto } } },
    async (req, reply) => {
      const { row, secret } = await createWebhook(ctx, requirePrincipal(req), req.body, actorOf(req));
      return reply.status(201).send({ webhook: presentWebhook(row, true), secret });
    },
  );

  app.patch(
    '/insights/webhooks/:id',
    { config: { ...admin, stepUp: true, errors: ['insights-webhook.not-found', 'outbound.host-not-allowed'] }, schema: { tags, summary: 'Change a webhook', params: idParams, body: updateWebhookRequest, response: { 200: webhookDto } } },
    async (req) => presentWebhook(await changeWebhook(ctx, requirePrincipal(req), req.params.id, req.body, actorOf(req)), true),
  );

  app.post(
    '/insights/webhooks/:id/rotate-secret',
    { config: { ...admin, stepUp: true, errors: ['insights-webhook.not-found'] }, schema: { tags, summary: "Replace a webhook's signing secret; the new one is answered once", params: idParams, response: { 200: webhookWithSecretDto } } },
    async (req) => {
      const { row, secret } = await rotateWebhookSecret(ctx, requirePrincipal(req), req.params.id, actorOf(req));
      return { webhook: presentWebhook(row, true), secret };
    },
  );

  app.delete(
    '/insights/webhooks/:id',
    { config: { ...admin, stepUp: true, errors: ['insights-webhook.not-found'] }, schema: { tags, summary: 'Delete a webhook', params: idParams, response: { 204: noContent('Deleted') } } },
    async (req, reply) => {
      await deleteWebhook(ctx, requirePrincipal(req), req.params.id, actorOf(req));
      return reply.status(204).send();
    },
  );

  app.get(
    '/insights/recipients',
    {
      config: { auth: { access: 'permission', permission: 'insight.manage' }, errors: ['unit.not-found'] },
      schema: { tags, summary: 'People who may receive a unit’s alerts by e-mail (a role at the unit or above it)', querystring: z.object({ unitId: uuid }), response: { 200: alertRecipientListResponse } },
    },
    async (req) => {
      const p = requirePrincipal(req);
      const unit = await findUnit(ctx.db, req.query.unitId);
      if (!unit) throw new AppError('unit.not-found');
      if (!can(p, 'insight.manage', unit.path)) throw new AppError('authz.forbidden');
      const seen = new Set<string>();
      const items = (await activePeopleWithRoles(ctx.db)).filter((m) => isWithin(unit.path, m.unitPath) && !seen.has(m.id) && seen.add(m.id));
      return { items: items.map(({ id, displayName, email }) => ({ id, displayName, email })) };
    },
  );

  app.get('/insights/deliveries', { config: read, schema: { tags, summary: 'The alert delivery log (e-mails and webhooks), newest first', querystring: alertDeliveryQuery, response: { 200: alertDeliveryListResponse } } }, async (req) => {
    const { paths } = await unitsReached(req, 'insight.read');
    return { items: await listDeliveries(ctx.db, [...paths.keys()], req.query) };
  });
};
