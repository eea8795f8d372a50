import type { Executor } from '../db/index.ts';
import { outbox } from '../db/platform.tables.ts';

/** An event as stored in the outbox and delivered to subscribers and live clients. */
export type DomainEvent = {
  id: string;
  seq: number;
  type: string;
  /** Unit the event belongs to: live delivery goes only to users who may read this unit. */
  unitId: string | null;
  data: Record<string, unknown>;
  at: string;
};

export type NewEvent = { type: string; unitId: string | null; data: Record<string, unknown> };

/** `entity.past-tense`; checked here because the type becomes a NATS subject and a bad one would block the outbox. */
const EVENT_TYPE = /^[A-Za-z0-9_-]+(\.[A-Za-z0-9_-]+)+$/;

/** Records events in the caller's transaction; nothing is published unless that transaction commits. */
export async function appendEvents(tx: Executor, events: NewEvent[]): Promise<void> {
  if (events.length === 0) return;
  for (const e of events) {
    if (!EVENT_TYPE.test(e.type)) throw new Error(`event type "${e.type}" must look like entity.past-tense`);
  }
  await tx.insert(outbox).values(events.map((e) => ({ type: e.type, unitId: e.unitId, data: e.data })));
}
