import type { Actor } from '../../../../platform/audit/audit.ts';
import { inTransaction, type PlatformContext } from '../../../../platform/context.ts';
import { AppError } from '../../../../platform/errors/app-error.ts';
import { auditSharing } from '../sharing.audit.ts';
import { collectionFor, type SharingCaller } from '../sharing.policy.ts';
import { insertStatus, type StatusRow } from '../sharing.repo.ts';
import { checkObjects, storeCheckedObjects } from './store-objects.ts';

/** The most objects one TAXII POST may carry (the API root's max_content_length bounds the bytes). */
export const maxObjectsPerPost = 5000;

/**
 * TAXII "Add Objects": a partner (or staff) posts an envelope to a collection it may write. Each
 * object is checked on its own: the valid ones are stored, the others reported with their reason
 * in the status resource, which is written with them in one transaction and audited.
 */
export async function receiveObjects(ctx: PlatformContext, caller: SharingCaller, collectionId: string, envelope: unknown, actor: Actor): Promise<StatusRow> {
  await collectionFor(ctx.db, caller, collectionId, 'write');
  const objects = (envelope as { objects?: unknown } | null)?.objects;
  if (typeof envelope !== 'object' || envelope === null || !Array.isArray(objects)) throw new AppError('sharing-bundle.invalid', 'The body must be a TAXII envelope: an object with an "objects" list.');
  if (objects.length === 0) throw new AppError('sharing-bundle.invalid', 'The envelope holds no objects.');
  if (objects.length > maxObjectsPerPost) throw new AppError('sharing-bundle.invalid', `One request may carry at most ${maxObjectsPerPost} objects.`);
  const requestTimestamp = new Date();
  const { valid, failures } = checkObjects(objects);
  const partnerId = caller.partner?.id ?? null;
  return inTransaction(ctx, async (tx) => {
    const out = await storeCheckedObjects(tx, collectionId, valid, { origin: 'received', partnerId, userId: caller.p.userId });
    const status = await insertStatus(tx, {
      collectionId,
      partnerId,
      requestedBy: caller.p.userId,
      requestTimestamp,
      totalCount: objects.length,
      successCount: out.successes.length,
      failureCount: failures.length,
      successes: out.successes,
      failures,
    });
    await auditSharing(tx, actor, {
      action: 'sharing.received',
      targetType: 'sharing-collection',
      targetId: collectionId,
      summary: { via: 'taxii', partnerId, bundleId: null, statusId: status.id, total: objects.length, stored: out.stored, alreadyPresent: out.alreadyPresent, failed: failures.length },
    });
    return status;
  });
}
