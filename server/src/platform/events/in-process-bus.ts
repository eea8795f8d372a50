import type { EventBus, EventHandler } from './bus.ts';
import { errorFields, type Logger, silentLogger } from './logger.ts';
import type { DomainEvent } from './outbox.ts';

/** How many recent event ids are remembered to drop re-published events (as JetStream's msgID window does). */
const DEDUP_WINDOW = 10_000;

/**
 * The embedded tier's bus: one process, so every fan-out handler and one handler per group
 * get each event. `publish` resolves after every handler has run, so the
 * dispatcher marks an event dispatched only once its handlers saw it.
 */
export function createInProcessBus(logger: Logger = silentLogger): EventBus {
  const fanout = new Set<EventHandler>();
  // Handlers of one group compete for events as consumers of one durable do: one handler per event.
  const groups = new Map<string, { handlers: EventHandler[]; next: number }>();
  const seen = createRecentIds(DEDUP_WINDOW);
  let closed = false;

  async function deliver(event: DomainEvent): Promise<void> {
    for (const handler of fanout) await runHandler(handler, event, logger, 'fanout');
    for (const [group, members] of groups) {
      const handler = members.handlers[members.next++ % members.handlers.length];
      if (handler) await runHandler(handler, event, logger, group);
    }
  }

  return {
    kind: 'in-process',
    async publish(events) {
      if (closed) throw new Error('event bus is closed');
      for (const event of events) {
        if (!seen.add(event.id)) continue;
        await deliver(event);
      }
    },
    subscribeFanout(handler) {
      // Wrapped so that subscribing the same function twice yields two independent subscriptions.
      const entry: EventHandler = (e) => handler(e);
      fanout.add(entry);
      return () => fanout.delete(entry);
    },
    async subscribeGroup(group, handler) {
      const members = groups.get(group) ?? { handlers: [], next: 0 };
      members.handlers.push(handler);
      groups.set(group, members);
    },
    async close() {
      closed = true;
      fanout.clear();
      groups.clear();
    },
  };
}

async function runHandler(handler: EventHandler, event: DomainEvent, logger: Logger, subscriber: string): Promise<void> {
  try {
    await handler(event);
  } catch (err) {
    logger.error({ ...errorFields(err), eventId: event.id, type: event.type, subscriber }, 'event handler failed');
  }
}

/** Insertion-ordered set that forgets its oldest entries; `add` is false for an id already present. */
function createRecentIds(limit: number) {
  const ids = new Set<string>();
  return {
    add(id: string): boolean {
      if (ids.has(id)) return false;
      ids.add(id);
      if (ids.size > limit) ids.delete(ids.values().next().value as string);
      return true;
    },
  };
}
