export type { EventBus, EventHandler } from './bus.ts';
export { createOutboxDispatcher, type OutboxDispatcher, type OutboxDispatcherOptions } from './dispatcher.ts';
export { createInProcessBus } from './in-process-bus.ts';
export type { Logger } from './logger.ts';
export { createNatsBus, type NatsBusOptions } from './nats-bus.ts';
export { appendEvents, type DomainEvent, type NewEvent } from './outbox.ts';
