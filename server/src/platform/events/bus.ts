import type { DomainEvent } from './outbox.ts';

export type EventHandler = (event: DomainEvent) => Promise<void> | void;

/**
 * Carries committed outbox events to subscribers. In-process by default; NATS JetStream when
 * NATS_URL is set (same interface), so several instances share one stream.
 */
export interface EventBus {
  readonly kind: 'in-process' | 'nats';
  /** Publishes events already committed to the outbox, in order. Resolves once the bus has them durably. */
  publish(events: DomainEvent[]): Promise<void>;
  /** Every instance receives every event (live fan-out to WebSocket clients). Returns an unsubscribe. */
  subscribeFanout(handler: EventHandler): () => void;
  /**
   * Each event is handled once per named group across all instances (at-least-once: handlers must
   * be idempotent). Used by domains that react to events (e.g. insights).
   */
  subscribeGroup(group: string, handler: EventHandler): Promise<void>;
  close(): Promise<void>;
}
