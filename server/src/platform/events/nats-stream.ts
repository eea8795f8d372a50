import { AckPolicy, DeliverPolicy, JetStreamApiCodes, JetStreamApiError, type JetStreamManager, StorageType } from '@nats-io/jetstream';
import { nanos } from '@nats-io/transport-node';
import type { DomainEvent } from './outbox.ts';

/** Re-publishing an event within this window (dispatcher retry, two dispatchers racing) is dropped by id. */
const DUPLICATE_WINDOW_MS = 10 * 60_000;
/** A group handler that neither acks nor reports progress within this time is redelivered. */
export const ACK_WAIT_MS = 30_000;

function isNotFound(err: unknown): boolean {
  return (
    err instanceof JetStreamApiError &&
    (err.code === JetStreamApiCodes.StreamNotFound || err.code === JetStreamApiCodes.ConsumerNotFound)
  );
}

/** Creates the events stream unless it exists; returns its last sequence. Safe when instances start together. */
export async function ensureStream(jsm: JetStreamManager, name: string, subject: string, maxAgeMs: number): Promise<number> {
  try {
    return (await jsm.streams.info(name)).state.last_seq;
  } catch (err) {
    if (!isNotFound(err)) throw err;
  }
  const config = {
    name,
    subjects: [subject],
    storage: StorageType.File,
    max_age: nanos(maxAgeMs),
    duplicate_window: nanos(DUPLICATE_WINDOW_MS),
  };
  // Another instance may create it between our lookup and this call; identical configs are accepted.
  const info = await jsm.streams.add(config).catch(() => jsm.streams.info(name));
  return info.state.last_seq;
}

/**
 * Creates a group's durable consumer unless it exists. It starts from the beginning of the stream so
 * that a group never misses events published before its first subscription (e.g. at first boot).
 */
export async function ensureDurable(jsm: JetStreamManager, stream: string, durable: string): Promise<void> {
  try {
    await jsm.consumers.info(stream, durable);
    return;
  } catch (err) {
    if (!isNotFound(err)) throw err;
  }
  const config = {
    durable_name: durable,
    ack_policy: AckPolicy.Explicit,
    deliver_policy: DeliverPolicy.All,
    ack_wait: nanos(ACK_WAIT_MS),
    max_deliver: -1,
  };
  await jsm.consumers.add(stream, config).catch(() => jsm.consumers.info(stream, durable));
}

export function encodeEvent(event: DomainEvent): string {
  return JSON.stringify(event);
}

export function decodeEvent(data: Uint8Array): DomainEvent | null {
  try {
    const value = JSON.parse(new TextDecoder().decode(data)) as Partial<DomainEvent>;
    return typeof value.id === 'string' && typeof value.type === 'string' ? (value as DomainEvent) : null;
  } catch {
    return null;
  }
}

/** Subject tokens may not contain separators or wildcards; checked so a bad name fails loudly, not silently. */
export function assertToken(value: string, what: string): void {
  if (!/^[A-Za-z0-9_-]+$/.test(value)) throw new Error(`${what} "${value}" must match [A-Za-z0-9_-]+`);
}

export function assertSubjectTail(value: string, what: string): void {
  if (!/^[A-Za-z0-9_-]+(\.[A-Za-z0-9_-]+)*$/.test(value)) throw new Error(`${what} "${value}" is not a valid subject`);
}

/** Redelivery delay after the n-th failed delivery: 1 s doubling, capped at 5 min. */
export function redeliveryDelayMs(deliveryCount: number): number {
  return Math.min(300_000, 1000 * 2 ** Math.max(0, deliveryCount - 1));
}
