import type { Actor } from '../../../../platform/audit/audit.ts';
import { inTransaction, type PlatformContext } from '../../../../platform/context.ts';
import { auditSharing } from '../sharing.audit.ts';
import type { SharingCaller } from '../sharing.policy.ts';

// An entry names at most this many object ids; the count is always exact.
const idsPerEntry = 100;

/**
 * Everything shared goes to the audit trail: each TAXII answer that hands objects (or their
 * manifest) to a caller is one entry naming the collection, the caller's partner and the objects.
 * An answer with nothing in it is not recorded.
 */
export async function recordServed(ctx: PlatformContext, caller: SharingCaller, collectionId: string, endpoint: 'objects' | 'object' | 'versions' | 'manifest', objectIds: string[], more: boolean, actor: Actor): Promise<void> {
  if (objectIds.length === 0) return;
  const unique = [...new Set(objectIds)];
  await inTransaction(ctx, (tx) =>
    auditSharing(tx, actor, {
      action: 'sharing.served',
      targetType: 'sharing-collection',
      targetId: collectionId,
      summary: { endpoint, partnerId: caller.partner?.id ?? null, count: objectIds.length, objectIds: unique.slice(0, idsPerEntry), more },
    }),
  );
}
