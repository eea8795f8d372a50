import {
  createListeningTopicRequest,
  listeningTopicDto,
  listeningTopicListResponse,
  reapplyStatusDto,
  reapplyTopicsRequest,
  topicTestRequest,
  topicTestResponse,
  updateListeningTopicRequest,
  uuid,
} from '@diplodesk/contracts';
import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Actor } from '../../../platform/audit/audit.ts';
import { requirePrincipal } from '../../../platform/authz/route-auth.ts';
import type { PlatformContext } from '../../../platform/context.ts';
import { AppError } from '../../../platform/errors/app-error.ts';
import { findRootUnit } from '../../identity/index.ts';
import { startReapply } from '../topics/commands/reapply-topics.ts';
import { changeTopic, createTopic, setTopicArchived } from '../topics/commands/manage-topics.ts';
import { latestReapplyRun, type ReapplyRun } from '../topics/reapply-topics.job.ts';
import { listTopics, type TopicRow, topicItemCounts } from '../topics/taxonomy.repo.ts';
import { sharedTopicModels } from '../topics/topic-models.ts';
import { canEditTaxonomy } from '../topics/topics.policy.ts';
import { presentTopic } from '../topics/topics.presenter.ts';
import { tryText } from '../topics/try-text.ts';

const read = { auth: { access: 'permission', permission: 'listening.read' } } as const;
const manage = { auth: { access: 'permission', permission: 'listening.manage' } } as const;
const idParams = z.object({ id: uuid });
const tags = ['listening'];
const thirtyDaysMs = 30 * 86_400_000;

function actorOf(req: FastifyRequest): Actor {
  const p = requirePrincipal(req);
  return { userId: p.userId, label: p.email, requestId: req.id, tokenId: p.tokenId ?? null };
}

function presentRun(run: ReapplyRun) {
  return { ...run, startedAt: run.startedAt?.toISOString() ?? null, finishedAt: run.finishedAt?.toISOString() ?? null };
}

/** The ministry's topic taxonomy: read by everyone who listens, edited at the organisation. */
export const topicRoutes: FastifyPluginAsyncZod<{ ctx: PlatformContext }> = async (app, { ctx }) => {
  async function organisation(req: FastifyRequest) {
    const root = await findRootUnit(ctx.db);
    if (!root) throw new AppError('unit.not-found');
    return { root, canEdit: canEditTaxonomy(requirePrincipal(req)) };
  }

  async function present(req: FastifyRequest, row: TopicRow) {
    const { canEdit } = await organisation(req);
    const counts = await topicItemCounts(ctx.db, new Date(Date.now() - thirtyDaysMs));
    return presentTopic(row, counts.get(row.key) ?? 0, canEdit);
  }

  app.get('/listening/topics', { config: read, schema: { tags, summary: 'The topic taxonomy, archived topics included, with items per topic in the last 30 days', response: { 200: listeningTopicListResponse } } }, async (req) => {
    const { root, canEdit } = await organisation(req);
    const rows = await listTopics(ctx.db, root.id);
    const counts = await topicItemCounts(ctx.db, new Date(Date.now() - thirtyDaysMs));
    return { items: rows.map((r) => presentTopic(r, counts.get(r.key) ?? 0, canEdit)), policies: { create: canEdit, reapply: canEdit } };
  });

  app.post('/listening/topics', { config: manage, schema: { tags, summary: 'Add a topic (its key comes from the English label)', body: createListeningTopicRequest, response: { 201: listeningTopicDto } } }, async (req, reply) => {
    const row = await createTopic(ctx, requirePrincipal(req), req.body, actorOf(req));
    return reply.status(201).send(await present(req, row));
  });

  app.patch('/listening/topics/:id', { config: manage, schema: { tags, summary: 'Change labels, keywords per language, or the place in the list', params: idParams, body: updateListeningTopicRequest, response: { 200: listeningTopicDto } } }, async (req) => {
    const row = await changeTopic(ctx, requirePrincipal(req), req.params.id, req.body, actorOf(req));
    return present(req, row);
  });

  app.post('/listening/topics/:id/archive', { config: manage, schema: { tags, summary: 'Stop giving the topic to new items (stored items keep it)', params: idParams, response: { 200: listeningTopicDto } } }, async (req) => {
    const row = await setTopicArchived(ctx, requirePrincipal(req), req.params.id, true, actorOf(req));
    return present(req, row);
  });

  app.post('/listening/topics/:id/restore', { config: manage, schema: { tags, summary: 'Give an archived topic to new items again', params: idParams, response: { 200: listeningTopicDto } } }, async (req) => {
    const row = await setTopicArchived(ctx, requirePrincipal(req), req.params.id, false, actorOf(req));
    return present(req, row);
  });

  app.post('/listening/topics/test', { config: read, schema: { tags, summary: 'Classify a sample text with a draft taxonomy (nothing is saved)', body: topicTestRequest, response: { 200: topicTestResponse } } }, async (req) => {
    return tryText(ctx.db, sharedTopicModels, req.body);
  });

  app.get('/listening/topics/reapply', { config: read, schema: { tags, summary: 'Progress of the latest re-application of topics to stored items', response: { 200: reapplyStatusDto } } }, async (req) => {
    const { root } = await organisation(req);
    return presentRun(await latestReapplyRun(ctx.db, root.id));
  });

  app.post('/listening/topics/reapply', { config: manage, schema: { tags, summary: 'Re-classify stored items of a period with the current taxonomy, in the background', body: reapplyTopicsRequest, response: { 202: reapplyStatusDto } } }, async (req, reply) => {
    const run = await startReapply(ctx, requirePrincipal(req), req.body.period, actorOf(req));
    return reply.status(202).send(presentRun(run));
  });
};
