import type { IngestItem } from '@diplodesk/connector-sdk';
import type { Executor } from '../../../platform/db/index.ts';

/** One raw item on its way to storage, as its source delivered it. */
export type StreamEntry = { sourceId: string; unitId: string; item: IngestItem };

/**
 * The durable ingest stream between sources and the analysing worker. Raw items are appended by
 * producers (source polls, imports, streaming connectors) and consumed in batches that are
 * analysed and stored idempotently — a replay after a crash neither loses nor doubles an item.
 *
 * In-process by default (a staging table appended in the producer's own transaction); NATS
 * JetStream when NATS_URL is set (a durable consumer with explicit acks).
 */
export interface IngestStream {
  readonly kind: 'in-process' | 'nats';
  /**
   * Appends durably. In-process the rows commit with `tx` (the producer's cursor and its items
   * are one commit); on NATS they are published before this resolves, deduplicated by source and
   * external id, so repeating an append after a crash adds nothing.
   */
  append(tx: Executor, entries: StreamEntry[]): Promise<void>;
  /** Items appended and not yet stored. */
  backlog(): Promise<number>;
  /**
   * Back-pressure: resolves once the backlog is below the high-water mark (at once when it is).
   * Producers call it before reading more input, so memory and the staging area stay bounded
   * when analysis is slower than input.
   */
  waitForRoom(signal?: AbortSignal): Promise<void>;
  /**
   * True when the backlog is at or above the high-water mark (a poll defers instead of reading).
   * Inside a transaction pass it: on the embedded database a query beside an open transaction
   * would wait for it.
   */
  isFull(tx?: Executor): Promise<boolean>;
}

/** A batch taken from the stream by a worker. */
export type Delivery = {
  entries: StreamEntry[];
  /** Inside the transaction that stores the batch: makes its removal from the stream part of that commit (in-process). */
  complete(tx: Executor): Promise<void>;
  /** After that commit: tells the stream the batch is done (acks on NATS). */
  acknowledge(): Promise<void>;
  /** The batch could not be stored: hand it back to be taken again later. */
  release(): Promise<void>;
};

/** The worker's side of the stream. */
export interface StreamConsumer {
  /** Up to `max` entries, waiting while there are none; null once `signal` aborts. */
  next(max: number, signal?: AbortSignal): Promise<Delivery | null>;
}
