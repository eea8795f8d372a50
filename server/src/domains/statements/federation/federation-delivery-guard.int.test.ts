// Deliveries to followers' inboxes go through the outbound guard, not only the follow. A follower
// is recorded while its inbox is reachable; later its inbox names (or resolves to) an address the
// guard refuses. Fake inboxes listen on 127.0.0.2 (on this instance's allow-list: "the internet")
// and on 127.0.0.1 at the same port ("the internal network", refused).
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import pino from 'pino';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../../app.ts';
import { inTransaction, type PlatformContext } from '../../../platform/context.ts';
import { appendEvents, createInProcessBus, createOutboxDispatcher, type EventBus } from '../../../platform/events/index.ts';
import { createOutbound, type Outbound, parseAllowList, type ResolveAll } from '../../../platform/outbound/index.ts';
import { freePort } from '../../../test/server-process.ts';
import { adminEmail, adminPassword, type Client, signInAs, testConfig } from '../../../test/test-app.ts';
import { createTestDatabase, type TestDatabase } from '../../../test/test-db.ts';
import { findRootUnit, initialiseWorkspace, type UnitRow } from '../../identity/index.ts';
import { type StatementPublishedData, statementPublished } from '../statements.events.ts';
import { deleteFollower, upsertFollower } from './federation.repo.ts';

type Inbox = { port: number; posts: string[]; close(): Promise<void> };

async function inboxOn(host: string, port: number): Promise<Inbox> {
  const posts: string[] = [];
  const server = http.createServer((req, res) => {
    posts.push(`${req.method} ${req.url}`);
    req.resume();
    req.on('end', () => res.writeHead(202).end());
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, resolve);
  });
  return { port: (server.address() as AddressInfo).port, posts, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

/** Two fake inboxes on one port: 127.0.0.2 (allowed) and 127.0.0.1 (refused). */
async function twinInboxes(): Promise<{ port: number; outside: Inbox; inside: Inbox }> {
  for (let tries = 0; ; tries++) {
    const outside = await inboxOn('127.0.0.2', 0);
    try {
      return { port: outside.port, outside, inside: await inboxOn('127.0.0.1', outside.port) };
    } catch (error) {
      // The port is taken on 127.0.0.1: try another.
      await outside.close();
      if (tries > 5) throw error;
    }
  }
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

describe('ActivityPub delivery through the outbound guard', () => {
  let database: TestDatabase;
  let bus: EventBus;
  let ctx: PlatformContext;
  let admin: Client;
  let root: UnitRow;
  let outbound: Outbound;
  let closeApp: () => Promise<void>;
  let inboxes: { port: number; outside: Inbox; inside: Inbox };
  // Each fake name answers from its list, one answer per lookup; the last answer repeats. Every
  // test uses a name of its own, so no pooled connection from an earlier test is reused.
  const answers = new Map<string, string[]>();
  const resolver: ResolveAll = async (hostname) => {
    const list = answers.get(hostname);
    if (!list?.length) return [];
    const address = list.length > 1 ? (list.shift() as string) : (list[0] as string);
    return [{ address, family: 4 }];
  };
  const followerActor = 'http://follower.test/users/alice';

  beforeAll(async () => {
    inboxes = await twinInboxes();
    const port = await freePort();
    // Only 127.0.0.2 is allowed: 127.0.0.1 stands for the internal network here.
    const config = testConfig({ services: ['web', 'worker'], publicUrl: `http://127.0.0.1:${port}`, jobPollMs: 50, outboundAllowCidrs: ['127.0.0.2/32'] });
    outbound = createOutbound({ allow: parseAllowList(config.outboundAllowCidrs), resolve: resolver, timeoutMs: 5_000 });
    database = await createTestDatabase();
    bus = createInProcessBus();
    const dispatcher = createOutboxDispatcher({ db: database.db, bus, pollMs: 50 });
    const built = await buildApp({ config, database, bus, logger: pino({ level: 'silent' }), notifyOutbox: () => dispatcher.notify(), outbound });
    ctx = built.ctx;
    await built.app.listen({ host: '127.0.0.1', port });
    await initialiseWorkspace(ctx);
    dispatcher.start();
    admin = await signInAs(built.app, adminEmail, adminPassword);
    root = (await findRootUnit(ctx.db))!;
    closeApp = async () => {
      await built.app.close();
      await dispatcher.stop();
    };
  }, 60_000);

  afterAll(async () => {
    await closeApp?.();
    await bus?.close();
    await outbound?.close();
    await database?.drop();
    await inboxes?.outside.close();
    await inboxes?.inside.close();
  });

  afterEach(async () => {
    await deleteFollower(ctx.db, root.id, followerActor);
    inboxes.outside.posts.length = 0;
    inboxes.inside.posts.length = 0;
  });

  async function follow(inbox: string) {
    await upsertFollower(ctx.db, { unitId: root.id, actorId: followerActor, handle: '@alice@follower.test', inbox, sharedInbox: null, followId: `${followerActor}#follow` });
  }

  async function publish(statementId: string) {
    const data: StatementPublishedData = {
      statementId,
      organisationId: root.id,
      unitId: root.id,
      kind: 'press-release',
      publishedAt: '2026-11-25T09:00:00.000Z',
      versions: [{ language: 'en', title: 'On the ceasefire', body: 'The Ministry welcomes the ceasefire.', url: `${ctx.config.publicUrl}/newsroom/s/${statementId}/en` }],
    };
    await inTransaction(ctx, (tx) => appendEvents(tx, [{ type: statementPublished, unitId: root.id, data }]));
  }

  type Entry = { action: string; targetId: string | null; summary: { activityId?: string; stage?: string } };
  async function refusals(): Promise<Entry[]> {
    return (await admin.get('/api/v1/audit?action=federation.delivery-refused')).json().items as Entry[];
  }

  it('delivers to a follower whose inbox resolves to an allowed address', async () => {
    answers.set('follower.test', ['127.0.0.2']);
    await follow(`http://follower.test:${inboxes.port}/inbox`);
    await publish('01936f6e-7c4a-7000-8000-00000000b001');
    await eventually('the Create to reach the allowed inbox', async () => inboxes.outside.posts.length > 0);
    expect(inboxes.outside.posts).toEqual(['POST /inbox']);
    expect(inboxes.inside.posts).toEqual([]);
  });

  it('sends nothing to an inbox on 127.0.0.1 when it is not allow-listed, and audits the refusal', async () => {
    const inbox = `http://127.0.0.1:${inboxes.port}/inbox`;
    await follow(inbox);
    await publish('01936f6e-7c4a-7000-8000-00000000b002');
    // Either the refusal is audited or (the hole) the Create arrives on the internal address.
    await eventually('the delivery to be refused or made', async () => inboxes.inside.posts.length > 0 || (await refusals()).some((e) => e.targetId === inbox));
    // Give a wrongly sent request time to arrive before asserting that none did.
    await sleep(500);
    expect(inboxes.inside.posts).toEqual([]);
    const entry = (await refusals()).find((e) => e.targetId === inbox);
    expect(entry?.targetId).toBe(inbox);
    expect(entry?.summary.activityId).toContain('01936f6e-7c4a-7000-8000-00000000b002');
  });

  it('sends nothing once a follower inbox resolves to a refused address', async () => {
    // The follow was accepted while moved.test pointed outside (the follow-time check); now it points inside.
    answers.set('moved.test', ['127.0.0.2', '127.0.0.1']);
    const inbox = `http://moved.test:${inboxes.port}/inbox`;
    await outbound.check(inbox);
    await follow(inbox);
    await publish('01936f6e-7c4a-7000-8000-00000000b003');
    await eventually('the refusal to be audited', async () => (await refusals()).find((e) => e.targetId === inbox));
    await sleep(500);
    expect(inboxes.inside.posts).toEqual([]);
    expect(inboxes.outside.posts).toEqual([]);
  });

  it('is not fooled by a name that resolves outside for the check and inside for the connection', async () => {
    // The check before the delivery hears 127.0.0.2; every lookup after it hears 127.0.0.1.
    answers.set('rebind.test', ['127.0.0.2', '127.0.0.1']);
    const inbox = `http://rebind.test:${inboxes.port}/inbox`;
    await follow(inbox);
    await publish('01936f6e-7c4a-7000-8000-00000000b004');
    const entry = await eventually('the refusal to be audited', async () => (await refusals()).find((e) => e.targetId === inbox));
    // Refused when connecting, after the check had passed.
    expect(entry.summary.stage).toBe('connect');
    await sleep(500);
    expect(inboxes.inside.posts).toEqual([]);
    expect(inboxes.outside.posts).toEqual([]);
  });
});
