// Fedify delivers activities with the global fetch and takes no fetch of ours; the inbox address
// was checked only when the follower was recorded, and a name can resolve elsewhere since. Two
// layers keep every delivery inside the outbound guard:
// 1. each queue message Fedify handles runs inside `outbound.confine`: whatever Fedify fetches
//    there (the POST, its redirects and double-knock retries, WebFinger, keys) connects only to an
//    address the guard checked in the same connect step, so answering "outside" to one lookup and
//    "inside" to the next gains nothing;
// 2. before an outbox message is handed to Fedify its inbox is checked again: a refused inbox is
//    dropped at once (Fedify would otherwise retry against it for hours) and recorded.
// A refusal that only shows at connect time (the name changed between 2 and 1) reaches Fedify as a
// network error; `onOutboxError` records it and Fedify's retry then meets check 2.
import { AsyncLocalStorage } from 'node:async_hooks';
import type { MessageQueue, MessageQueueListenOptions } from '@fedify/fedify';
import { isRefusedAddress, type Outbound } from '../../../platform/outbound/index.ts';

/** A delivery the guard refused: where to, what, and from which of our actors (a unit id). */
export type RefusedDelivery = {
  inbox: string;
  activityId: string | null;
  activityType: string;
  /** The unit whose actor signed the delivery, when its key id names one of our actors. */
  senderUnitId: string | null;
  /** The followers behind that inbox. */
  recipients: string[];
  /** `check`: refused before sending; `connect`: the address changed after the check and the connection was refused. */
  stage: 'check' | 'connect';
};

/** The fields of Fedify's queued outbox message read here (its type is not exported). */
type OutboxMessage = { type: 'outbox'; inbox: string; activityId?: string; activityType: string; actorIds?: readonly string[]; keys: readonly { keyId: string }[] };

const isOutboxMessage = (message: unknown): message is OutboxMessage =>
  typeof message === 'object' && message !== null && (message as { type?: unknown }).type === 'outbox' && typeof (message as { inbox?: unknown }).inbox === 'string';

const actorIdentifier = /\/ap\/actors\/([0-9a-f-]{36})(?:[/#]|$)/i;

function describeRefusal(message: OutboxMessage, stage: RefusedDelivery['stage']): RefusedDelivery {
  let senderUnitId: string | null = null;
  for (const { keyId } of message.keys) {
    const m = actorIdentifier.exec(keyId);
    if (m?.[1]) {
      senderUnitId = m[1];
      break;
    }
  }
  return { inbox: message.inbox, activityId: message.activityId ?? null, activityType: message.activityType, senderUnitId, recipients: [...(message.actorIds ?? [])], stage };
}

export type DeliveryGuard = {
  /** The queue to give Fedify: the same messages, handled inside the guard. */
  queue: MessageQueue;
  /** Fedify's `onOutboxError`: records refusals that happened at connect time. */
  onOutboxError: (error: Error) => Promise<void>;
};

export function createDeliveryGuard(queue: MessageQueue, outbound: Outbound, record: (refusal: RefusedDelivery) => Promise<void>): DeliveryGuard {
  // The outbox message being handled in this async call tree, for `onOutboxError`, which Fedify
  // calls without the inbox.
  const handling = new AsyncLocalStorage<OutboxMessage>();

  async function reachable(inbox: string): Promise<boolean> {
    try {
      await outbound.check(inbox);
      return true;
    } catch {
      return false;
    }
  }

  const guarded: MessageQueue = {
    get nativeRetrial() {
      return queue.nativeRetrial;
    },
    enqueue: (message, options) => queue.enqueue(message, options),
    ...(queue.enqueueMany ? { enqueueMany: (messages: readonly unknown[], options?: Parameters<MessageQueue['enqueue']>[1]) => queue.enqueueMany!(messages, options) } : {}),
    ...(queue.getDepth ? { getDepth: () => queue.getDepth!() } : {}),
    listen(handler, options?: MessageQueueListenOptions) {
      return queue.listen(
        (message) =>
          outbound.confine(async () => {
            if (!isOutboxMessage(message)) return handler(message);
            if (!(await reachable(message.inbox))) {
              await record(describeRefusal(message, 'check'));
              return;
            }
            return handling.run(message, async () => handler(message));
          }),
        options,
      );
    },
  };

  return {
    queue: guarded,
    async onOutboxError(error) {
      const message = handling.getStore();
      if (message && isRefusedAddress(error)) await record(describeRefusal(message, 'connect'));
    },
  };
}
