import { createHash } from 'node:crypto';
import { AckPolicy, DeliverPolicy, type JsMsg, jetstream, jetstreamManager, RetentionPolicy, StorageType } from '@nats-io/jetstream';
import { connect, headers, nanos } from '@nats-io/transport-node';
import type { Executor } from '../../../platform/db/index.ts';
import { assertToken } from '../../../platform/events/nats-stream.ts';
import type { Delivery, IngestStream, StreamConsumer, StreamEntry } from './ingest-stream.ts';
import { backlogCache, sleep, waitUntilRoom } from './stream-support.ts';

export type NatsIngestStreamOptions = {
  url: string;
  /** Namespace shared with the event bus (`NATS_STREAM_PREFIX`): several installations or test runs can share one NATS. */
  prefix: string;
  instanceId: string;
  highWater?: number;
  /** A batch a worker took and neither acknowledged nor handed back within this time is redelivered. Default 60 s. */
  ackWaitMs?: number;
};

/** Re-publishing the same item within this window (a poll repeated after a crash) is dropped by JetStream. */
const DUPLICATE_WINDOW_MS = 30 * 60_000;
const PUBLISH_CONCURRENCY = 256;

/**
 * The ingest stream on NATS JetStream: a work-queue stream `${prefix}_ingest` (a message leaves it
 * once acknowledged) and one durable pull consumer shared by every worker instance, with explicit
 * acks. Each item is published with a message id derived from its source and external id, so a
 * repeated append is dropped by JetStream's duplicate window, and storage is idempotent beyond it.
 */
export async function createNatsIngestStream(opts: NatsIngestStreamOptions): Promise<IngestStream & { consumer(workerId: string): StreamConsumer; close(): Promise<void> }> {
  assertToken(opts.prefix, 'NATS prefix');
  const nc = await connect({ servers: opts.url, name: `diplodesk-ingest-${opts.instanceId}` });
  const jsm = await jetstreamManager(nc);
  const js = jetstream(nc);
  const name = `${opts.prefix}_ingest`;
  const durable = `${opts.prefix}_ingest_worker`;
  const highWater = opts.highWater ?? 20_000;
  await ensureIngestStream(jsm, name, `${opts.prefix}.ingest.>`);
  await ensureIngestConsumer(jsm, name, durable, opts.ackWaitMs ?? 60_000);
  const backlog = backlogCache(async () => (await jsm.streams.info(name)).state.messages);

  async function publish(entry: StreamEntry): Promise<void> {
    const h = headers();
    h.set('Nats-Msg-Id', createHash('sha256').update(`${entry.sourceId}\u0000${entry.item.remoteId}`).digest('hex'));
    await js.publish(`${opts.prefix}.ingest.${entry.sourceId}`, JSON.stringify(entry), { headers: h });
  }

  return {
    kind: 'nats',
    async append(_tx: Executor, entries: StreamEntry[]) {
      for (let i = 0; i < entries.length; i += PUBLISH_CONCURRENCY) await Promise.all(entries.slice(i, i + PUBLISH_CONCURRENCY).map(publish));
      backlog.add(entries.length);
    },
    backlog: () => backlog.get(),
    isFull: async () => (await backlog.get()) >= highWater,
    waitForRoom: (signal) => waitUntilRoom(() => backlog.get(true), highWater, signal),
    consumer() {
      return {
        async next(max, signal) {
          const consumer = await js.consumers.get(name, durable);
          while (!signal?.aborted) {
            // A pull request waits until it has `max` messages or expires (1 s): ask only for what is
            // waiting (at least one), so a quiet stream hands over each item as it comes, not a second later.
            const waiting = (await consumer.info()).num_pending;
            const messages = await consumer.fetch({ max_messages: Math.max(1, Math.min(max, waiting)), expires: 1000 });
            const taken: JsMsg[] = [];
            for await (const m of messages) taken.push(m);
            if (taken.length > 0) return delivery(taken, () => backlog.add(-taken.length));
            await sleep(0, signal);
          }
          return null;
        },
      };
    },
    async close() {
      await nc.drain();
    },
  };
}

function delivery(messages: JsMsg[], onDone: () => void): Delivery {
  const entries: StreamEntry[] = [];
  const unreadable: JsMsg[] = [];
  for (const m of messages) {
    const entry = decode(m.data);
    if (entry) entries.push(entry);
    else unreadable.push(m);
  }
  // A message that is not an entry can never be stored; it is removed rather than redelivered forever.
  for (const m of unreadable) m.term('not an ingest entry');
  return {
    entries,
    async complete() {
      // Nothing to do inside the transaction: the acknowledgement follows its commit.
    },
    async acknowledge() {
      await Promise.all(messages.filter((m) => !unreadable.includes(m)).map((m) => m.ackAck().catch(() => m.ack())));
      onDone();
    },
    async release() {
      for (const m of messages) if (!unreadable.includes(m)) m.nak(1000);
    },
  };
}

function decode(data: Uint8Array): StreamEntry | null {
  try {
    const value = JSON.parse(new TextDecoder().decode(data)) as Partial<StreamEntry>;
    return typeof value.sourceId === 'string' && typeof value.unitId === 'string' && value.item && typeof value.item === 'object' ? (value as StreamEntry) : null;
  } catch {
    return null;
  }
}

async function ensureIngestStream(jsm: Awaited<ReturnType<typeof jetstreamManager>>, name: string, subject: string): Promise<void> {
  try {
    await jsm.streams.info(name);
    return;
  } catch {
    // created below
  }
  const config = { name, subjects: [subject], storage: StorageType.File, retention: RetentionPolicy.Workqueue, duplicate_window: nanos(DUPLICATE_WINDOW_MS) };
  await jsm.streams.add(config).catch(() => jsm.streams.info(name));
}

async function ensureIngestConsumer(jsm: Awaited<ReturnType<typeof jetstreamManager>>, stream: string, durable: string, ackWaitMs: number): Promise<void> {
  try {
    await jsm.consumers.info(stream, durable);
    return;
  } catch {
    // created below
  }
  const config = { durable_name: durable, ack_policy: AckPolicy.Explicit, deliver_policy: DeliverPolicy.All, ack_wait: nanos(ackWaitMs), max_deliver: -1, max_ack_pending: 20_000 };
  await jsm.consumers.add(stream, config).catch(() => jsm.consumers.info(stream, durable));
}
