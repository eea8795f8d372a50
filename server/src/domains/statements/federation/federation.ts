import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Context, createFederation, type Federation, type KvStore, LanguageString, type MessageQueue, type UnverifiedActivityReason } from '@fedify/fedify';
import { Accept, type Activity, Create, Delete, Endpoints, Follow, Note, Organization, PUBLIC_COLLECTION, type Recipient, Tombstone, Undo } from '@fedify/vocab';
// Fedify's own Temporal implementation (Node 24 has no global Temporal yet).
import { Temporal } from '@js-temporal/polyfill';
import { uuidv7 } from 'uuidv7';
import type { PlatformContext } from '../../../platform/context.ts';
import { findRootUnit, findUnit, findUnitByCode, type UnitRow } from '../../identity/index.ts';
import { countLivePublicEntries } from '../newsroom/newsroom.repo.ts';
import { actorKeyPairs } from './actor-keys.ts';
import { createDeliveryGuard, type RefusedDelivery } from './delivery-guard.ts';
import { guardedDocumentLoaderFactory } from './guarded-loader.ts';
import {
  countFollowers,
  deleteFollower,
  findPost,
  insertReceived,
  isFollowing,
  listFollowers,
  listLivePostsOf,
  markReceivedDeleted,
  setFollowingStatus,
  upsertFollower,
  type PostRow,
} from './federation.repo.ts';
import { actorPath, notePath } from './note-address.ts';
import { noteHtml, primaryVersion } from './note-content.ts';

let version: string | undefined;
/** The server package's version, as released. */
function softwareVersion(): string {
  version ??= (JSON.parse(fs.readFileSync(path.join(path.dirname(fileURLToPath(import.meta.url)), '../../../../package.json'), 'utf8')) as { version: string }).version;
  return version;
}

/** What every Fedify dispatcher and listener receives: the platform's handles, no module state. */
export type FederationData = PlatformContext;
export type DiploFederation = Federation<FederationData>;


/** The newsroom page; the web app owns it, federation only links to it. */
export const newsroomUrl = (publicUrl: string) => `${publicUrl}/newsroom`;

/** Units that are ActivityPub actors: the organisation, and missions when per-mission actors are on. */
export function isActorUnit(unit: UnitRow, config: PlatformContext['config']): boolean {
  return unit.parentId === null || (config.activityPubMissions && unit.kind === 'mission');
}

export async function findActorUnit(ctx: PlatformContext, identifier: string): Promise<UnitRow | null> {
  if (!/^[0-9a-f-]{36}$/i.test(identifier)) return null;
  const unit = await findUnit(ctx.db, identifier);
  return unit && isActorUnit(unit, ctx.config) ? unit : null;
}

/** Handles are unit codes lower-cased (`@kemlu@host`); actor ids use the unit id, which never changes. */
export const handleOf = (unit: UnitRow) => unit.code.toLowerCase();

export function buildNote(fed: Context<FederationData>, actorId: string, post: PostRow): Note {
  const first = primaryVersion(post.versions);
  const actorUri = fed.getActorUri(actorId);
  return new Note({
    id: fed.getObjectUri(Note, { identifier: actorId, statementId: post.statementId }),
    attribution: actorUri,
    to: PUBLIC_COLLECTION,
    cc: fed.getFollowersUri(actorId),
    published: Temporal.Instant.from(post.publishedAt.toISOString()),
    url: first ? new URL(first.url) : null,
    // A plain first value gives `content` to readers that ignore contentMap; the tagged ones give contentMap.
    contents: [...(first ? [noteHtml(first)] : []), ...post.versions.map((v) => new LanguageString(noteHtml(v), v.language))],
  });
}

export function buildCreate(fed: Context<FederationData>, actorId: string, post: PostRow): Create {
  const note = buildNote(fed, actorId, post);
  // One Create per statement and actor: a redelivered event repeats the same id, which receivers drop.
  return new Create({
    id: new URL(`${note.id!.href}#create`),
    actor: fed.getActorUri(actorId),
    to: PUBLIC_COLLECTION,
    cc: fed.getFollowersUri(actorId),
    published: note.published,
    object: note,
  });
}

export function buildDelete(fed: Context<FederationData>, actorId: string, statementId: string, at: Date): Delete {
  const noteId = fed.getObjectUri(Note, { identifier: actorId, statementId });
  return new Delete({
    id: new URL(`${noteId.href}#delete`),
    actor: fed.getActorUri(actorId),
    to: PUBLIC_COLLECTION,
    cc: fed.getFollowersUri(actorId),
    object: new Tombstone({ id: noteId, deleted: Temporal.Instant.from(at.toISOString()) }),
  });
}

export type CreateFederationOptions = {
  kv: KvStore;
  queue: MessageQueue;
  outbound: PlatformContext['outbound'];
  /** Records a delivery the outbound guard refused (the plugin writes an audit entry). */
  onRefusedDelivery: (refusal: RefusedDelivery) => Promise<void>;
};

/** The Fedify federation: actors, collections, notes, and the inbox. Served by `federationPlugin`. */
export function createDiploFederation(opts: CreateFederationOptions & { config: PlatformContext['config'] }): DiploFederation {
  const { config } = opts;
  // Fedify fetches with the global fetch where it takes no loader of ours (inbox delivery,
  // WebFinger): every queued task runs confined to the outbound guard, and each inbox is re-checked
  // before a delivery (see delivery-guard.ts).
  const deliveries = createDeliveryGuard(opts.queue, opts.outbound, opts.onRefusedDelivery);
  const federation = createFederation<FederationData>({
    kv: opts.kv,
    queue: deliveries.queue,
    onOutboxError: deliveries.onOutboxError,
    // Workers start the queue; a web-only instance only enqueues.
    manuallyStartQueue: true,
    origin: config.publicUrl,
    // Fedify's own private-address check stays on as a second fence for its WebFinger client; the
    // guard (with the operator's allow-list) is the one that decides, at connect time.
    allowPrivateAddress: false,
    documentLoaderFactory: guardedDocumentLoaderFactory(opts.outbound),
    contextLoaderFactory: guardedDocumentLoaderFactory(opts.outbound),
    // Fedify's signed ("authorized fetch") loader uses its own fetch; ours loads unsigned through the
    // guard, so an instance in secure mode that insists on a signed fetch is not followed.
    authenticatedDocumentLoaderFactory: (_identity, options) => guardedDocumentLoaderFactory(opts.outbound)(options),
  });

  federation
    .setActorDispatcher(actorPath, async (fed, identifier) => {
      const unit = await findActorUnit(fed.data, identifier);
      if (!unit) return null;
      const keys = await fed.getActorKeyPairs(identifier);
      return new Organization({
        id: fed.getActorUri(identifier),
        preferredUsername: handleOf(unit),
        name: unit.name,
        summary: unit.parentId === null ? `Official statements of ${unit.name}.` : `Official statements of ${unit.name}${unit.city ? `, ${unit.city}` : ''}.`,
        url: new URL(newsroomUrl(config.publicUrl)),
        inbox: fed.getInboxUri(identifier),
        outbox: fed.getOutboxUri(identifier),
        followers: fed.getFollowersUri(identifier),
        endpoints: new Endpoints({ sharedInbox: fed.getInboxUri() }),
        manuallyApprovesFollowers: false,
        discoverable: true,
        publicKey: keys[0]?.cryptographicKey ?? null,
        assertionMethods: keys.map((k) => k.multikey),
      });
    })
    .setKeyPairsDispatcher(async (fed, identifier) => ((await findActorUnit(fed.data, identifier)) ? actorKeyPairs(fed.data, identifier) : []))
    .mapHandle(async (fed, username) => {
      const unit = await findUnitByCode(fed.data.db, username);
      return unit && isActorUnit(unit, fed.data.config) ? unit.id : null;
    })
    // Profile-style URLs (`https://host/@kemlu`, as Mastodon users paste them) resolve through WebFinger too.
    .mapAlias((_fed, resource) => {
      const m = /^\/@([A-Za-z0-9_.-]+)$/.exec(resource.pathname);
      return m?.[1] && resource.origin === new URL(config.publicUrl).origin ? { username: m[1] } : null;
    });

  // NodeInfo 2.1 (Fedify also serves /.well-known/nodeinfo pointing here): how fediverse
  // directories and instance software learn what this server is.
  federation.setNodeInfoDispatcher('/nodeinfo/2.1', async (fed) => ({
    software: { name: 'diplodesk', version: softwareVersion() },
    protocols: ['activitypub'],
    // The newsroom actor is the one account; nobody signs up from the fediverse.
    usage: { users: { total: 1 }, localPosts: await countLivePublicEntries(fed.data.db), localComments: 0 },
    openRegistrations: false,
  }));

  federation.setObjectDispatcher(Note, notePath, async (fed, values) => {
    const post = await findPost(fed.data.db, values.statementId);
    const unit = await findActorUnit(fed.data, values.identifier);
    if (!post || post.withdrawnAt || !unit || !publishesPost(unit, post)) return null;
    return buildNote(fed, values.identifier, post);
  });

  federation
    .setOutboxDispatcher('/ap/actors/{identifier}/outbox', async (fed, identifier) => {
      const unit = await findActorUnit(fed.data, identifier);
      if (!unit) return null;
      // The newest 50: a first page is what Mastodon reads when showing a profile.
      const posts = await listLivePostsOf(fed.data.db, { id: unit.id, isOrganisation: unit.parentId === null }, 50);
      return { items: posts.map((p) => buildCreate(fed, identifier, p)) };
    })
    .setCounter(async (fed, identifier) => {
      const unit = await findActorUnit(fed.data, identifier);
      if (!unit) return null;
      return (await listLivePostsOf(fed.data.db, { id: unit.id, isOrganisation: unit.parentId === null }, 10_000)).length;
    });

  federation
    .setFollowersDispatcher('/ap/actors/{identifier}/followers', async (fed, identifier) => {
      if (!(await findActorUnit(fed.data, identifier))) return null;
      const rows = await listFollowers(fed.data.db, identifier);
      const items: Recipient[] = rows.map((r) => ({
        id: new URL(r.actorId),
        inboxId: new URL(r.inbox),
        endpoints: r.sharedInbox ? { sharedInbox: new URL(r.sharedInbox) } : null,
      }));
      return { items };
    })
    .setCounter(async (fed, identifier) => ((await findActorUnit(fed.data, identifier)) ? countFollowers(fed.data.db, identifier) : null));

  federation
    .setInboxListeners('/ap/actors/{identifier}/inbox', '/ap/inbox')
    .on(Follow, async (fed, follow) => {
      if (!follow.id || !follow.actorId || !follow.objectId) return;
      const target = fed.parseUri(follow.objectId);
      if (target?.type !== 'actor') return;
      const unit = await findActorUnit(fed.data, target.identifier);
      if (!unit) return;
      const follower = await follow.getActor(fed);
      if (!follower?.id || !follower.inboxId) return;
      // Fedify delivers to an inbox without checking its address: a follower whose inbox points into
      // our network (or anywhere the guard refuses) is not recorded, so nothing is ever sent there.
      const inboxes = [follower.inboxId, follower.endpoints?.sharedInbox].filter((u): u is URL => u instanceof URL);
      const reachable = await Promise.all(inboxes.map((u) => opts.outbound.check(u).then(() => true, () => false)));
      if (reachable.includes(false)) return;
      await upsertFollower(fed.data.db, {
        unitId: unit.id,
        actorId: follower.id.href,
        handle: follower.preferredUsername ? `@${follower.preferredUsername}@${follower.id.host}` : null,
        inbox: follower.inboxId.href,
        sharedInbox: follower.endpoints?.sharedInbox?.href ?? null,
        followId: follow.id.href,
      });
      const accept = new Accept({ id: new URL(`${fed.getActorUri(unit.id).href}#accepts/${uuidv7()}`), actor: fed.getActorUri(unit.id), object: follow });
      await fed.sendActivity({ identifier: unit.id }, follower, accept);
    })
    .on(Undo, async (fed, undo) => {
      if (!undo.actorId) return;
      const inner = await undo.getObject(fed);
      if (!(inner instanceof Follow) || !inner.objectId) return;
      const target = fed.parseUri(inner.objectId);
      if (target?.type !== 'actor') return;
      await deleteFollower(fed.data.db, target.identifier, undo.actorId.href);
    })
    .on(Accept, async (fed, accept) => {
      // Matched by id, not by dereferencing: the Follow is ours and lives on this instance.
      if (!accept.actorId || !accept.objectId) return;
      await setFollowingStatus(fed.data.db, accept.objectId.href, accept.actorId.href, 'accepted');
    })
    .on(Create, async (fed, create) => {
      if (!create.id || !create.actorId) return;
      if (!(await isFollowing(fed.data.db, create.actorId.href))) return;
      const object = await create.getObject(fed);
      await insertReceived(fed.data.db, {
        id: create.id.href,
        activityType: 'Create',
        actorId: create.actorId.href,
        objectId: object?.id?.href ?? create.objectId?.href ?? null,
        object: object ? ((await object.toJsonLd({ format: 'compact' })) as Record<string, unknown>) : null,
      });
    })
    .on(Delete, async (fed, del) => {
      if (!del.id || !del.actorId || !del.objectId) return;
      if (!(await isFollowing(fed.data.db, del.actorId.href))) return;
      await insertReceived(fed.data.db, { id: del.id.href, activityType: 'Delete', actorId: del.actorId.href, objectId: del.objectId.href, object: null });
      await markReceivedDeleted(fed.data.db, del.objectId.href, del.actorId.href);
    })
    .onUnverifiedActivity((_fed, activity, reason) => (isDeleteFromGoneActor(activity, reason) ? new Response(null, { status: 202 }) : undefined))
    .onError((fed, error) => {
      fed.data.logger.warn({ err: { name: error.name, message: error.message } }, 'ActivityPub inbox listener failed');
    });

  return federation;
}

/**
 * The answer for a withdrawn note: 410 Gone with a Tombstone, so a server that fetches it drops
 * its copy (a 404 reads as "maybe never existed"). Null for anything that is not such a note.
 */
export async function withdrawnNoteResponse(federation: DiploFederation, data: FederationData, request: Request): Promise<Response | null> {
  if (request.method !== 'GET' && request.method !== 'HEAD') return null;
  const fed = federation.createContext(request, data);
  const parsed = fed.parseUri(new URL(request.url));
  if (parsed?.type !== 'object' || parsed.class !== Note) return null;
  const { identifier, statementId } = parsed.values;
  if (!identifier || !statementId || !/^[0-9a-f-]{36}$/i.test(statementId)) return null;
  const post = await findPost(data.db, statementId);
  const unit = await findActorUnit(data, identifier);
  if (!post?.withdrawnAt || !unit || !publishesPost(unit, post)) return null;
  const tombstone = new Tombstone({ id: fed.getObjectUri(Note, { identifier, statementId }), deleted: Temporal.Instant.from(post.withdrawnAt.toISOString()) });
  const body = JSON.stringify(await tombstone.toJsonLd({ contextLoader: fed.contextLoader }));
  return new Response(request.method === 'HEAD' ? null : body, { status: 410, headers: { 'content-type': 'application/activity+json', vary: 'Accept' } });
}

/**
 * A Delete signed with a key its own server says is gone (410, a deleted Mastodon account) or
 * unknown (404). It cannot be verified, and it is not acted on; but refusing it (401) makes the
 * sender retry the account's farewell for days. 202 ends that. Anything else unverifiable keeps
 * Fedify's 401.
 */
export function isDeleteFromGoneActor(activity: Activity, reason: UnverifiedActivityReason): boolean {
  if (!(activity instanceof Delete) || reason.type !== 'keyFetchError' || !('status' in reason.result)) return false;
  if (reason.result.status !== 404 && reason.result.status !== 410) return false;
  // The key must live where the actor does: a gone key elsewhere says nothing about this actor.
  return activity.actorId?.origin === reason.keyId.origin;
}

export function publishesPost(unit: UnitRow, post: PostRow): boolean {
  return unit.parentId === null ? post.organisationId === unit.id : post.unitId === unit.id;
}

/** The actors that publish a statement: the organisation, and its mission when per-mission actors are on. */
export async function actorsForStatement(ctx: PlatformContext, organisationId: string, unitId: string): Promise<string[]> {
  const ids: string[] = [];
  const root = await findRootUnit(ctx.db);
  if (root && root.id === organisationId) ids.push(root.id);
  if (unitId !== organisationId) {
    const unit = await findActorUnit(ctx, unitId);
    if (unit) ids.push(unit.id);
  }
  return ids;
}
