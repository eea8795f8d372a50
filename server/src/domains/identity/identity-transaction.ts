import { type PlatformContext, inTransaction } from '../../platform/context.ts';
import type { Tx } from '../../platform/db/index.ts';
import { appendEvents } from '../../platform/events/outbox.ts';

export const identityChanged = 'identity.changed';

/**
 * A transaction that changes who may do what (sessions, passwords, roles, units, tokens). After
 * commit, this process drops its cached sessions at once, and other instances do when the
 * `identity.changed` event reaches them over the bus.
 */
export async function identityTransaction<T>(ctx: PlatformContext, userId: string | null, fn: (tx: Tx) => Promise<T>): Promise<T> {
  const result = await inTransaction(ctx, async (tx) => {
    const value = await fn(tx);
    await appendEvents(tx, [{ type: identityChanged, unitId: null, data: { userId } }]);
    return value;
  });
  ctx.signals.emit(identityChanged);
  return result;
}
