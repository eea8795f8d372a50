import { randomBytes } from 'node:crypto';
import net from 'node:net';
import { jetstreamManager } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestDatabase, createTestDatabase } from '../../test/test-db.ts';
import type { EventBus } from './bus.ts';
import { createOutboxDispatcher } from './dispatcher.ts';
import { createNatsBus } from './nats-bus.ts';
import { appendEvents, type DomainEvent } from './outbox.ts';

const url = process.env.NATS_URL ?? 'nats://127.0.0.1:4222';

/** With TEST_NATS=1 the suite always runs (and fails if NATS is down); otherwise only when NATS answers. */
async function isReachable(): Promise<boolean> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve) => {
    const socket = net.connect({ host: hostname, port: Number(port || 4222), timeout: 500 });
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
    socket.once('timeout', () => done(false));
  });
}
const shouldRun = process.env.TEST_NATS === '1' || (await isReachable());

let n = 0;
function makeEvent(type = 'probe.happened'): DomainEvent {
  n++;
  const id = `0190a000-0000-7000-8000-${randomBytes(6).toString('hex')}`;
  return { id, seq: n, type, unitId: null, data: { n }, at: new Date().toISOString() };
}

describe.skipIf(!shouldRun)('createNatsBus', () => {
  const prefix = `t_${randomBytes(5).toString('hex')}`;
  let a: EventBus;
  let b: EventBus;

  beforeAll(async () => {
    a = await createNatsBus({ url, prefix, instanceId: 'a' });
    b = await createNatsBus({ url, prefix, instanceId: 'b' });
  });
  afterAll(async () => {
    await Promise.allSettled([a?.close(), b?.close()]);
    const nc = await connect({ servers: url });
    await (await jetstreamManager(nc)).streams.delete(`${prefix}_events`).catch(() => undefined);
    await nc.close();
  });

  it('fans every event out to every instance, in order', async () => {
    const seenA: number[] = [];
    const seenB: number[] = [];
    const offA = a.subscribeFanout((e) => void seenA.push(e.seq));
    const offB = b.subscribeFanout((e) => void seenB.push(e.seq));
    const events = [makeEvent(), makeEvent('statement.signed'), makeEvent()];
    await a.publish(events);
    const expected = events.map((e) => e.seq);
    await expect.poll(() => seenA, { timeout: 5000 }).toEqual(expected);
    await expect.poll(() => seenB, { timeout: 5000 }).toEqual(expected);
    offA();
    offB();
  });

  it('drops a re-published event id', async () => {
    const seen: string[] = [];
    const off = b.subscribeFanout((e) => void seen.push(e.id));
    const event = makeEvent();
    const marker = makeEvent();
    await a.publish([event]);
    await b.publish([event]);
    await a.publish([marker]);
    await expect.poll(() => seen.at(-1), { timeout: 5000 }).toBe(marker.id);
    expect(seen).toEqual([event.id, marker.id]);
    off();
  });

  it('hands each event to one instance of a group, exactly once overall', async () => {
    const events = Array.from({ length: 60 }, () => makeEvent());
    const ours = new Set(events.map((e) => e.id));
    const handled = new Map<string, number>();
    const earlier = new Set<string>();
    const count = (e: DomainEvent) => {
      // A new group starts at the beginning of the stream, so the earlier tests' events come too.
      if (!ours.has(e.id)) return void earlier.add(e.id);
      handled.set(e.id, (handled.get(e.id) ?? 0) + 1);
    };
    await a.subscribeGroup('counter', count);
    await b.subscribeGroup('counter', count);
    await a.publish(events.slice(0, 30));
    await b.publish(events.slice(30));
    await expect.poll(() => handled.size, { timeout: 10_000 }).toBe(60);
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect([...handled.values()].every((times) => times === 1)).toBe(true);
    expect(earlier.size).toBe(5);
  });

  it('redelivers a group event whose handler failed', async () => {
    const attempts = new Map<string, number>();
    await a.subscribeGroup('flaky', (e) => {
      const tries = (attempts.get(e.id) ?? 0) + 1;
      attempts.set(e.id, tries);
      if (tries === 1) throw new Error('transient');
    });
    const event = makeEvent();
    await b.publish([event]);
    await expect.poll(() => attempts.get(event.id), { timeout: 10_000 }).toBe(2);
  });

  describe('behind the outbox dispatcher', () => {
    let t: TestDatabase;
    beforeAll(async () => {
      t = await createTestDatabase();
    });
    afterAll(async () => {
      await t?.drop();
    });

    it('carries committed outbox events to another instance', async () => {
      const seen: DomainEvent[] = [];
      const off = b.subscribeFanout((e) => void seen.push(e));
      await t.db.transaction((tx) => appendEvents(tx, [{ type: 'unit.created', unitId: null, data: { name: 'Jakarta' } }]));
      const d = createOutboxDispatcher({ db: t.db, bus: a });
      expect(await d.drainOnce()).toBe(1);
      await expect.poll(() => seen.map((e) => e.data), { timeout: 5000 }).toEqual([{ name: 'Jakarta' }]);
      off();
    });
  });
});
