// Creating, changing, moving, archiving and restoring the ministry's topics. Each change is one
// transaction with its audit entry and a `listening.taxonomy-changed` event.
import type { createListeningTopicRequest, updateListeningTopicRequest } from '@diplodesk/contracts';
import type { z } from 'zod';
import type { Actor } from '../../../../platform/audit/audit.ts';
import type { Principal } from '../../../../platform/authz/principal.ts';
import { inTransaction, type PlatformContext } from '../../../../platform/context.ts';
import type { Executor } from '../../../../platform/db/index.ts';
import { AppError } from '../../../../platform/errors/app-error.ts';
import { findRootUnit } from '../../../identity/index.ts';
import { findTopic, insertTopic, listTopics, lockTaxonomy, type TopicRow, updateTopic } from '../taxonomy.repo.ts';
import { changedLanguages, cleanKeywords, keyFromLabel } from '../topic-input.ts';
import { keywordCounts, recordTopicChange } from '../topics.audit.ts';
import { canEditTaxonomy } from '../topics.policy.ts';

type CreateInput = z.output<typeof createListeningTopicRequest>;
type UpdateInput = z.output<typeof updateListeningTopicRequest>;

/** The organisation whose taxonomy the caller may edit, or the reason they may not. */
export async function editableOrganisation(x: Executor, p: Principal): Promise<{ id: string; path: string }> {
  const root = await findRootUnit(x);
  if (!root) throw new AppError('unit.not-found');
  if (!canEditTaxonomy(p)) throw new AppError('authz.forbidden');
  return root;
}

export async function createTopic(ctx: PlatformContext, p: Principal, input: CreateInput, actor: Actor): Promise<TopicRow> {
  const org = await editableOrganisation(ctx.db, p);
  const key = keyFromLabel(input.labels.en);
  return inTransaction(ctx, async (tx) => {
    await lockTaxonomy(tx, org.id);
    const topics = await listTopics(tx, org.id);
    if (topics.some((t) => t.key === key)) throw new AppError('listening-topic.key-taken', undefined, { key });
    const keywords = cleanKeywords(input.keywords);
    const position = Math.max(-1, ...topics.map((t) => t.position)) + 1;
    const row = await insertTopic(tx, { organisationId: org.id, key, labels: input.labels, keywords, position, updatedBy: p.userId });
    if (!row) throw new AppError('listening-topic.key-taken', undefined, { key });
    await recordTopicChange(tx, actor, { action: 'listening-topic.created', targetId: row.id, organisationId: org.id, summary: { key, label: row.labels.en, keywordCounts: keywordCounts(keywords), seeded: false } }, 'created');
    return row;
  });
}

/** The topic of this organisation, or not-found (another organisation's id reveals nothing). */
async function topicOf(x: Executor, organisationId: string, id: string): Promise<TopicRow> {
  const topic = await findTopic(x, id);
  if (!topic || topic.organisationId !== organisationId) throw new AppError('listening-topic.not-found');
  return topic;
}

/** Puts one topic at `position` in the list and numbers the list 0…n−1 again. */
async function moveTopic(tx: Executor, organisationId: string, topic: TopicRow, position: number, userId: string): Promise<void> {
  const others = (await listTopics(tx, organisationId)).filter((t) => t.id !== topic.id);
  const order = [...others.slice(0, position), topic, ...others.slice(position)];
  for (const [index, t] of order.entries()) {
    if (t.position !== index || t.id === topic.id) await updateTopic(tx, t.id, { position: index, ...(t.id === topic.id ? { updatedBy: userId } : {}) });
  }
}

export async function changeTopic(ctx: PlatformContext, p: Principal, id: string, input: UpdateInput, actor: Actor): Promise<TopicRow> {
  const org = await editableOrganisation(ctx.db, p);
  return inTransaction(ctx, async (tx) => {
    await lockTaxonomy(tx, org.id);
    const before = await topicOf(tx, org.id, id);
    const keywords = input.keywords ? cleanKeywords(input.keywords) : before.keywords;
    const labels = input.labels ?? before.labels;
    const languages = changedLanguages(before.keywords, keywords);
    const changed = [
      ...(labels.en !== before.labels.en || labels.id !== before.labels.id ? ['labels'] : []),
      ...(languages.length > 0 ? ['keywords'] : []),
      ...(input.position !== undefined && input.position !== before.position ? ['position'] : []),
    ];
    if (changed.length === 0) return before;
    if (changed.includes('labels') || changed.includes('keywords')) await updateTopic(tx, id, { labels, keywords, updatedBy: p.userId });
    if (changed.includes('position')) await moveTopic(tx, org.id, before, input.position ?? before.position, p.userId);
    const after = await topicOf(tx, org.id, id);
    await recordTopicChange(
      tx,
      actor,
      { action: 'listening-topic.updated', targetId: id, organisationId: org.id, summary: { key: after.key, changed, keywordLanguages: languages, keywordCounts: keywordCounts(after.keywords), position: after.position } },
      'updated',
    );
    return after;
  });
}

/** Archived topics are no longer given to new items; items that have them keep them, and their label. */
export async function setTopicArchived(ctx: PlatformContext, p: Principal, id: string, archived: boolean, actor: Actor): Promise<TopicRow> {
  const org = await editableOrganisation(ctx.db, p);
  return inTransaction(ctx, async (tx) => {
    await lockTaxonomy(tx, org.id);
    const topic = await topicOf(tx, org.id, id);
    if ((topic.archivedAt !== null) === archived) return topic;
    const row = await updateTopic(tx, id, { archivedAt: archived ? new Date() : null, updatedBy: p.userId });
    const action = archived ? 'listening-topic.archived' : 'listening-topic.restored';
    await recordTopicChange(tx, actor, { action, targetId: id, organisationId: org.id, summary: { key: row.key } }, archived ? 'archived' : 'restored');
    return row;
  });
}
