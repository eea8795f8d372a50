import { setTimeout as sleep } from 'node:timers/promises';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../../app.ts';
import { inTransaction, type PlatformContext } from '../../../platform/context.ts';
import { appendEvents, createInProcessBus, createOutboxDispatcher, type EventBus } from '../../../platform/events/index.ts';
import { freePort } from '../../../test/server-process.ts';
import { adminEmail, adminPassword, type Client, signInAs, testConfig } from '../../../test/test-app.ts';
import { createTestDatabase, type TestDatabase } from '../../../test/test-db.ts';
import { findRootUnit, initialiseWorkspace, type UnitRow } from '../../identity/index.ts';
import { type StatementPublishedData, type StatementWithdrawnData, statementPublished, statementWithdrawn } from '../statements.events.ts';

type Instance = { url: string; ctx: PlatformContext; admin: Client; root: UnitRow; close(): Promise<void> };

/** A whole DiploDesk (web + worker) on its own database, listening on 127.0.0.1 with its own public URL. */
async function startInstance(): Promise<Instance> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const config = testConfig({ services: ['web', 'worker'], publicUrl: url, jobPollMs: 50 });
  const database: TestDatabase = await createTestDatabase();
  const bus: EventBus = createInProcessBus();
  const dispatcher = createOutboxDispatcher({ db: database.db, bus, pollMs: 50 });
  const { app, ctx } = await buildApp({ config, database, bus, logger: pino({ level: 'silent' }), notifyOutbox: () => dispatcher.notify() });
  await app.listen({ host: '127.0.0.1', port });
  await initialiseWorkspace(ctx);
  dispatcher.start();
  const admin = await signInAs(app, adminEmail, adminPassword);
  const root = (await findRootUnit(ctx.db))!;
  return {
    url,
    ctx,
    admin,
    root,
    async close() {
      await app.close();
      await dispatcher.stop();
      await bus.close();
      await database.drop();
    },
  };
}

async function eventually<T>(what: string, probe: () => Promise<T | undefined | null | false>, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(100);
  }
}

const activityJson = { accept: 'application/activity+json' };

type Method = { type: string; controller: string };
type ActorDoc = {
  type: string;
  id: string;
  preferredUsername: string;
  name: string;
  url: string;
  inbox: string;
  outbox: string;
  followers: string;
  endpoints: { sharedInbox: string };
  publicKey: { owner: string; publicKeyPem: string };
  assertionMethod: Method | Method[];
};
type CollectionDoc = { type: string; totalItems: number };
type NoteDoc = { type: string; url: string; content: string; contentMap: Record<string, string>; attributedTo: string };

describe('ActivityPub federation between two DiploDesk instances', () => {
  let a: Instance;
  let b: Instance;
  let actorUri: string;
  const statementId = '01936f6e-7c4a-7000-8000-00000000a001';

  beforeAll(async () => {
    [a, b] = await Promise.all([startInstance(), startInstance()]);
  }, 60_000);

  afterAll(async () => {
    await Promise.all([a?.close(), b?.close()]);
  });

  it('answers WebFinger for the organisation handle with its actor', async () => {
    const host = new URL(a.url).host;
    const res = await fetch(`${a.url}/.well-known/webfinger?resource=${encodeURIComponent(`acct:demo-mfa@${host}`)}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('application/jrd+json');
    const jrd = (await res.json()) as { subject: string; aliases?: string[]; links: { rel: string; type?: string; href?: string }[] };
    expect(jrd.subject).toBe(`acct:demo-mfa@${host}`);
    const self = jrd.links.find((l) => l.rel === 'self');
    expect(self?.type).toBe('application/activity+json');
    expect(self?.href).toBe(`${a.url}/ap/actors/${a.root.id}`);
    actorUri = self!.href!;
    const unknown = await fetch(`${a.url}/.well-known/webfinger?resource=${encodeURIComponent(`acct:nobody@${host}`)}`);
    expect(unknown.status).toBe(404);
  });

  it('serves the actor as application/activity+json with its keys', async () => {
    const res = await fetch(actorUri, { headers: activityJson });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('application/activity+json');
    const actor = (await res.json()) as ActorDoc;
    expect(actor.type).toBe('Organization');
    expect(actor.id).toBe(actorUri);
    expect(actor.preferredUsername).toBe('demo-mfa');
    expect(actor.name).toBe(a.root.name);
    expect(actor.url).toBe(`${a.url}/newsroom`);
    expect(actor.inbox).toBe(`${actorUri}/inbox`);
    expect(actor.outbox).toBe(`${actorUri}/outbox`);
    expect(actor.followers).toBe(`${actorUri}/followers`);
    expect(actor.endpoints.sharedInbox).toBe(`${a.url}/ap/inbox`);
    expect(actor.publicKey.owner).toBe(actorUri);
    expect(actor.publicKey.publicKeyPem).toMatch(/^-----BEGIN PUBLIC KEY-----/);
    const methods = [actor.assertionMethod].flat();
    expect(methods.length).toBe(2);
    expect(methods.every((m) => m.type === 'Multikey' && m.controller === actorUri)).toBe(true);
    // The private halves stay sealed in the database, never in a document.
    expect(JSON.stringify(actor)).not.toMatch(/"d":/);
  });

  it('refuses an unsigned POST to the inbox', async () => {
    const follow = { '@context': 'https://www.w3.org/ns/activitystreams', id: 'http://127.0.0.1:1/follow/1', type: 'Follow', actor: 'http://127.0.0.1:1/users/x', object: actorUri };
    const res = await fetch(`${actorUri}/inbox`, { method: 'POST', headers: { 'content-type': 'application/activity+json' }, body: JSON.stringify(follow) });
    expect(res.status).toBe(401);
    const followers = await a.admin.get('/api/v1/federation/followers');
    expect(followers.json().items).toEqual([]);
  });

  it('keeps the admin API to administrators', async () => {
    const res = await fetch(`${b.url}/api/v1/federation/following`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ target: actorUri }) });
    expect(res.status).toBe(401);
    const bad = await b.admin.post('/api/v1/federation/following', { target: 'not a handle' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.code).toBe('request.invalid');
  });

  it('lets B follow A through WebFinger; A records the follower and B sees the Accept', async () => {
    // A profile URL is not an ActivityPub document, so the lookup goes through A's WebFinger.
    const res = await b.admin.post('/api/v1/federation/following', { target: `${a.url}/@demo-mfa` });
    expect(res.statusCode, res.body).toBe(202);
    expect(res.json()).toMatchObject({ actorId: actorUri, handle: `@demo-mfa@${new URL(a.url).host}`, status: 'pending' });

    const bActor = `${b.url}/ap/actors/${b.root.id}`;
    const follower = await eventually('A to record B as follower', async () => {
      const items = (await a.admin.get('/api/v1/federation/followers')).json().items as { actorId: string; inbox: string; sharedInbox: string | null }[];
      return items.find((f) => f.actorId === bActor);
    });
    expect(follower.inbox).toBe(`${bActor}/inbox`);
    expect(follower.sharedInbox).toBe(`${b.url}/ap/inbox`);

    await eventually('B to see the Accept', async () => {
      const items = (await b.admin.get('/api/v1/federation/following')).json().items as { actorId: string; status: string }[];
      return items.find((f) => f.actorId === actorUri && f.status === 'accepted');
    });

    const collection = (await (await fetch(`${actorUri}/followers`, { headers: activityJson })).json()) as CollectionDoc;
    expect(collection.type).toBe('OrderedCollection');
    expect(collection.totalItems).toBe(1);
  });

  it('delivers a published statement to B as a signed Create, and lists it in the outbox', async () => {
    const data: StatementPublishedData = {
      statementId,
      organisationId: a.root.id,
      unitId: a.root.id,
      kind: 'press-release',
      publishedAt: '2026-11-25T09:00:00.000Z',
      versions: [
        { language: 'en', title: 'Statement on the ceasefire', body: 'The Ministry welcomes the ceasefire.\n\nSecond paragraph.', url: `${a.url}/newsroom/s/${statementId}/en` },
        { language: 'id', title: 'Pernyataan tentang gencatan senjata', body: 'Kementerian menyambut gencatan senjata.', url: `${a.url}/newsroom/s/${statementId}/id` },
      ],
    };
    await inTransaction(a.ctx, (tx) => appendEvents(tx, [{ type: statementPublished, unitId: a.root.id, data }]));

    const create = await eventually('B to receive the Create', async () => {
      const items = (await b.admin.get('/api/v1/federation/received')).json().items as { activityType: string; actorId: string; objectId: string; object: NoteDoc }[];
      return items.find((r) => r.activityType === 'Create');
    });
    const noteId = `${actorUri}/notes/${statementId}`;
    expect(create.actorId).toBe(actorUri);
    expect(create.objectId).toBe(noteId);
    expect(create.object.type).toBe('Note');
    expect(create.object.url).toBe(data.versions[0]!.url);
    expect(create.object.content).toContain('Statement on the ceasefire');
    expect(create.object.content).toContain('The Ministry welcomes the ceasefire.');
    expect(create.object.content).not.toContain('Second paragraph');
    expect(create.object.contentMap.id).toContain('Pernyataan tentang gencatan senjata');
    expect(create.object.contentMap.en).toContain(`href="${data.versions[0]!.url}"`);

    const outbox = (await (await fetch(`${actorUri}/outbox`, { headers: activityJson })).json()) as CollectionDoc;
    expect(outbox.totalItems).toBe(1);
    const note = await fetch(noteId, { headers: activityJson });
    expect(note.status).toBe(200);
    expect(((await note.json()) as NoteDoc).attributedTo).toBe(actorUri);
  });

  it('sends a Delete when the statement is withdrawn', async () => {
    const data: StatementWithdrawnData = { statementId, organisationId: a.root.id, unitId: a.root.id, reason: 'Superseded', withdrawnAt: '2026-11-25T10:00:00.000Z' };
    await inTransaction(a.ctx, (tx) => appendEvents(tx, [{ type: statementWithdrawn, unitId: a.root.id, data }]));
    const noteId = `${actorUri}/notes/${statementId}`;
    const received = await eventually('B to receive the Delete', async () => {
      const items = (await b.admin.get('/api/v1/federation/received')).json().items as { activityType: string; objectId: string; deletedAt: string | null }[];
      return items.some((r) => r.activityType === 'Delete') ? items : null;
    });
    expect(received.find((r) => r.activityType === 'Delete')?.objectId).toBe(noteId);
    expect(received.find((r) => r.activityType === 'Create')?.deletedAt).not.toBeNull();
    // Gone, not unknown: a Tombstone (410) tells a fetching server to drop its copy.
    const gone = await fetch(noteId, { headers: activityJson });
    expect(gone.status).toBe(410);
    expect(gone.headers.get('content-type')).toContain('application/activity+json');
    const tombstone = (await gone.json()) as { type: string; id: string; deleted: string };
    expect(tombstone).toMatchObject({ type: 'Tombstone', id: noteId, deleted: '2026-11-25T10:00:00Z' });
    // A note that never existed stays 404.
    expect((await fetch(`${actorUri}/notes/01936f6e-7c4a-7000-8000-00000000a0ff`, { headers: activityJson })).status).toBe(404);
    const outbox = (await (await fetch(`${actorUri}/outbox`, { headers: activityJson })).json()) as CollectionDoc;
    expect(outbox.totalItems).toBe(0);
  });
});
