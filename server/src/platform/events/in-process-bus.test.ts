import { describe, expect, it } from 'vitest';
import { createInProcessBus } from './in-process-bus.ts';
import type { Logger } from './logger.ts';
import type { DomainEvent } from './outbox.ts';

const event = (seq: number): DomainEvent => ({
  id: `00000000-0000-7000-8000-${String(seq).padStart(12, '0')}`,
  seq,
  type: 'thing.happened',
  unitId: null,
  data: { seq },
  at: new Date(0).toISOString(),
});

function recordingLogger() {
  const errors: Record<string, unknown>[] = [];
  const noop = () => undefined;
  const logger: Logger = { debug: noop, info: noop, warn: noop, error: (obj) => errors.push(obj) };
  return { logger, errors };
}

describe('createInProcessBus', () => {
  it('gives every fan-out handler every event, in order', async () => {
    const bus = createInProcessBus();
    const a: number[] = [];
    const b: number[] = [];
    bus.subscribeFanout((e) => void a.push(e.seq));
    bus.subscribeFanout((e) => void b.push(e.seq));
    await bus.publish([event(1), event(2), event(3)]);
    expect(a).toEqual([1, 2, 3]);
    expect(b).toEqual([1, 2, 3]);
  });

  it('gives each group an event once, sharing it among the group handlers', async () => {
    const bus = createInProcessBus();
    const first: number[] = [];
    const second: number[] = [];
    const other: number[] = [];
    await bus.subscribeGroup('insights', (e) => void first.push(e.seq));
    await bus.subscribeGroup('insights', (e) => void second.push(e.seq));
    await bus.subscribeGroup('alerts', (e) => void other.push(e.seq));
    await bus.publish([event(1), event(2), event(3), event(4)]);
    expect([...first, ...second].sort()).toEqual([1, 2, 3, 4]);
    expect(first.length).toBe(2);
    expect(other).toEqual([1, 2, 3, 4]);
  });

  it('logs a throwing handler and still runs the others', async () => {
    const { logger, errors } = recordingLogger();
    const bus = createInProcessBus(logger);
    const seen: number[] = [];
    bus.subscribeFanout(() => {
      throw new Error('broken subscriber');
    });
    bus.subscribeFanout((e) => void seen.push(e.seq));
    await bus.subscribeGroup('g', async () => Promise.reject(new Error('broken group')));
    await bus.publish([event(1), event(2)]);
    expect(seen).toEqual([1, 2]);
    expect(errors).toHaveLength(4);
    expect(errors[0]).toMatchObject({ subscriber: 'fanout', type: 'thing.happened' });
  });

  it('drops an event id it has already delivered', async () => {
    const bus = createInProcessBus();
    const seen: number[] = [];
    bus.subscribeFanout((e) => void seen.push(e.seq));
    await bus.publish([event(1), event(2)]);
    await bus.publish([event(2), event(3)]);
    expect(seen).toEqual([1, 2, 3]);
  });

  it('stops delivering after unsubscribe and refuses to publish after close', async () => {
    const bus = createInProcessBus();
    const seen: number[] = [];
    const unsubscribe = bus.subscribeFanout((e) => void seen.push(e.seq));
    await bus.publish([event(1)]);
    unsubscribe();
    await bus.publish([event(2)]);
    expect(seen).toEqual([1]);
    await bus.close();
    await expect(bus.publish([event(3)])).rejects.toThrow(/closed/);
  });

  it('awaits async handlers before publish resolves', async () => {
    const bus = createInProcessBus();
    const seen: number[] = [];
    await bus.subscribeGroup('slow', async (e) => {
      await new Promise((r) => setTimeout(r, 5));
      seen.push(e.seq);
    });
    await bus.publish([event(1), event(2)]);
    expect(seen).toEqual([1, 2]);
  });
});
