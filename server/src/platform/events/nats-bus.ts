import { type ConsumerMessages, DeliverPolicy, type JsMsg, jetstream, jetstreamManager } from '@nats-io/jetstream';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import type { EventBus, EventHandler } from './bus.ts';
import { errorFields, type Logger, silentLogger } from './logger.ts';
import {
  ACK_WAIT_MS,
  assertSubjectTail,
  assertToken,
  decodeEvent,
  encodeEvent,
  ensureDurable,
  ensureStream,
  redeliveryDelayMs,
} from './nats-stream.ts';

export type NatsBusOptions = {
  url: string;
  /** Namespace of the stream, subjects and durables: several installations (or test runs) can share one NATS. */
  prefix: string;
  instanceId: string;
  logger?: Logger;
  /** How long the stream keeps events. Default 7 days. */
  maxAgeMs?: number;
};

/** The scale-out bus: one JetStream stream `${prefix}_events`, subjects `${prefix}.events.<type>`. */
export async function createNatsBus(opts: NatsBusOptions): Promise<EventBus> {
  assertToken(opts.prefix, 'NATS prefix');
  const logger = opts.logger ?? silentLogger;
  const nc = await connect({ servers: opts.url, name: `diplodesk-${opts.instanceId}` });
  try {
    return await openBus(nc, opts, logger);
  } catch (err) {
    await nc.close();
    throw err;
  }
}

async function openBus(nc: NatsConnection, opts: NatsBusOptions, logger: Logger): Promise<EventBus> {
  const stream = `${opts.prefix}_events`;
  const jsm = await jetstreamManager(nc);
  const js = jetstream(nc);
  const lastSeq = await ensureStream(jsm, stream, `${opts.prefix}.events.>`, opts.maxAgeMs ?? 7 * 86_400_000);
  const fanout = new Set<EventHandler>();
  // "Deliver new" as an explicit start sequence: the ordered consumer is created in the background,
  // and DeliverPolicy.New would skip events published before the server saw it.
  const ordered = await js.consumers.get(stream, { deliver_policy: DeliverPolicy.StartSequence, opt_start_seq: lastSeq + 1 });
  const open: ConsumerMessages[] = [await ordered.consume()];
  const loops: Promise<void>[] = [guard(consumeFanout(open[0]!, fanout, logger), logger, 'fan-out')];

  return {
    kind: 'nats',
    async publish(events) {
      // One at a time: a failure stops the batch, so the stream never holds an event ahead of an earlier one.
      for (const event of events) {
        assertSubjectTail(event.type, 'event type');
        await js.publish(`${opts.prefix}.events.${event.type}`, encodeEvent(event), { msgID: event.id });
      }
    },
    subscribeFanout(handler) {
      const entry: EventHandler = (e) => handler(e);
      fanout.add(entry);
      return () => fanout.delete(entry);
    },
    async subscribeGroup(group, handler) {
      assertToken(group, 'group');
      const durable = `${opts.prefix}_${group}`;
      await ensureDurable(jsm, stream, durable);
      const messages = await (await js.consumers.get(stream, durable)).consume({ max_messages: 10 });
      open.push(messages);
      loops.push(guard(consumeGroup(messages, handler, group, logger), logger, group));
    },
    async close() {
      fanout.clear();
      await Promise.all(open.map((m) => m.close()));
      await Promise.all(loops);
      await nc.drain();
    },
  };
}

/** A consumer loop that ends in error is logged, so `close()` still drains the connection. */
function guard(loop: Promise<void>, logger: Logger, subscriber: string): Promise<void> {
  return loop.catch((err: unknown) => logger.error({ ...errorFields(err), subscriber }, 'event consumer stopped'));
}

async function consumeFanout(messages: ConsumerMessages, handlers: Set<EventHandler>, logger: Logger): Promise<void> {
  for await (const msg of messages) {
    const event = decodeEvent(msg.data);
    if (!event) continue;
    for (const handler of handlers) {
      try {
        await handler(event);
      } catch (err) {
        logger.error({ ...errorFields(err), eventId: event.id, type: event.type }, 'fan-out handler failed');
      }
    }
  }
}

async function consumeGroup(messages: ConsumerMessages, handler: EventHandler, group: string, logger: Logger): Promise<void> {
  for await (const msg of messages) await handleGroupMessage(msg, handler, group, logger);
}

async function handleGroupMessage(msg: JsMsg, handler: EventHandler, group: string, logger: Logger): Promise<void> {
  const event = decodeEvent(msg.data);
  if (!event) {
    logger.error({ group, subject: msg.subject, seq: msg.seq }, 'undecodable event dropped');
    msg.term();
    return;
  }
  // A long handler keeps its claim on the message instead of having it redelivered elsewhere.
  const keepAlive = setInterval(() => msg.working(), ACK_WAIT_MS / 3);
  try {
    await handler(event);
    await msg.ackAck().catch(() => msg.ack());
  } catch (err) {
    const delayMs = redeliveryDelayMs(msg.info.deliveryCount);
    logger.error({ ...errorFields(err), group, eventId: event.id, type: event.type, delivery: msg.info.deliveryCount, retryInMs: delayMs }, 'group handler failed');
    msg.nak(delayMs);
  } finally {
    clearInterval(keepAlive);
  }
}
