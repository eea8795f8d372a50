import type { PlatformContext } from '../../../platform/context.ts';
import type { DomainEvent } from '../../../platform/events/index.ts';
import { type StatementPublishedData, type StatementWithdrawnData, statementPublished, statementWithdrawn } from '../statements.events.ts';
import { actorsForStatement, buildCreate, buildDelete, type DiploFederation } from './federation.ts';
import { findPost, insertPost, markPostWithdrawn } from './federation.repo.ts';

/**
 * The `activitypub` bus group: a published statement becomes a Create to each publishing actor's
 * followers, a withdrawn one a Delete. Runs once per event across instances. `sendActivity` only
 * enqueues (fan-out, then one message per inbox) on the durable federation queue, so the outbox
 * row is marked dispatched only after the delivery is safely recorded. A redelivered event sends
 * the same activity ids again; receivers drop repeats by id.
 */
export function createStatementDeliveryHandler(ctx: PlatformContext, federation: DiploFederation) {
  const fed = () => federation.createContext(new URL(ctx.config.publicUrl), ctx);

  async function onPublished(data: StatementPublishedData): Promise<void> {
    await insertPost(ctx.db, {
      statementId: data.statementId,
      unitId: data.unitId,
      organisationId: data.organisationId,
      kind: data.kind,
      versions: data.versions,
      publishedAt: new Date(data.publishedAt),
    });
    const post = await findPost(ctx.db, data.statementId);
    // Withdrawn before this (late or repeated) event arrived: nothing to announce.
    if (!post || post.withdrawnAt) return;
    const context = fed();
    for (const actorId of await actorsForStatement(ctx, data.organisationId, data.unitId)) {
      await context.sendActivity({ identifier: actorId }, 'followers', buildCreate(context, actorId, post), { preferSharedInbox: true });
    }
  }

  async function onWithdrawn(data: StatementWithdrawnData): Promise<void> {
    const at = new Date(data.withdrawnAt);
    const post = await markPostWithdrawn(ctx.db, data.statementId, at);
    // Never federated (published before ActivityPub was on): no copies to delete.
    if (!post) return;
    const context = fed();
    for (const actorId of await actorsForStatement(ctx, data.organisationId, data.unitId)) {
      await context.sendActivity({ identifier: actorId }, 'followers', buildDelete(context, actorId, data.statementId, at), { preferSharedInbox: true });
    }
  }

  return async (event: DomainEvent): Promise<void> => {
    if (event.type === statementPublished) await onPublished(event.data as unknown as StatementPublishedData);
    else if (event.type === statementWithdrawn) await onWithdrawn(event.data as unknown as StatementWithdrawnData);
  };
}
