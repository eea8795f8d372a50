import type { SharingImportReportDto } from '@diplodesk/contracts';
import type { Actor } from '../../../../platform/audit/audit.ts';
import { type Principal, requirePermission } from '../../../../platform/authz/principal.ts';
import { inTransaction, type PlatformContext } from '../../../../platform/context.ts';
import { AppError } from '../../../../platform/errors/app-error.ts';
import { auditSharing } from '../sharing.audit.ts';
import { findCollection, insertStatus } from '../sharing.repo.ts';
import { objectsOfBundle } from '../stix/validate-object.ts';
import { checkObjects, storeCheckedObjects } from './store-objects.ts';

/**
 * Stores a whole bundle in a collection for staff: a partner's file uploaded by hand
 * (`uploaded`) or our own export (`published`). All or nothing: when any object cannot be
 * stored, nothing is, and the answer lists each object that failed and why — a person fixes the
 * file and sends it again. Objects already held at the same version are reported, not doubled.
 */
export async function importBundle(ctx: PlatformContext, p: Principal, collectionId: string, body: unknown, actor: Actor, origin: 'uploaded' | 'published'): Promise<SharingImportReportDto> {
  requirePermission(p, 'integrity.manage');
  if (!(await findCollection(ctx.db, collectionId))) throw new AppError('sharing-collection.not-found');
  const bundle = objectsOfBundle(body);
  if ('error' in bundle) throw new AppError('sharing-bundle.invalid', bundle.error);
  if (bundle.objects.length === 0) throw new AppError('sharing-bundle.invalid', 'The bundle holds no objects.');
  const { valid, failures } = checkObjects(bundle.objects);
  if (failures.length > 0) {
    throw new AppError('sharing-bundle.invalid', `${failures.length} of ${bundle.objects.length} objects cannot be stored, so none was. The reasons are in the details.`, { failures });
  }
  const requestTimestamp = new Date();
  return inTransaction(ctx, async (tx) => {
    const out = await storeCheckedObjects(tx, collectionId, valid, { origin, partnerId: null, userId: p.userId });
    const status = await insertStatus(tx, { collectionId, partnerId: null, requestedBy: p.userId, requestTimestamp, totalCount: valid.length, successCount: out.successes.length, failureCount: 0, successes: out.successes, failures: [] });
    const counts = { total: valid.length, stored: out.stored, alreadyPresent: out.alreadyPresent, failed: 0 };
    if (origin === 'published') {
      await auditSharing(tx, actor, { action: 'sharing.published', targetType: 'sharing-collection', targetId: collectionId, summary: { ...counts, bundleId: bundle.bundleId, statusId: status.id } });
    } else {
      await auditSharing(tx, actor, { action: 'sharing.received', targetType: 'sharing-collection', targetId: collectionId, summary: { ...counts, via: 'upload', partnerId: null, bundleId: bundle.bundleId, statusId: status.id } });
    }
    return { statusId: status.id, bundleId: bundle.bundleId, total: valid.length, stored: out.stored, alreadyPresent: out.alreadyPresent, successes: out.successes, failures: [] };
  });
}
