import type { Actor } from '../../../platform/audit/audit.ts';
import type { Principal } from '../../../platform/authz/principal.ts';
import { inTransaction, type PlatformContext } from '../../../platform/context.ts';
import { AppError } from '../../../platform/errors/app-error.ts';
import { accessibleImport } from './import-access.ts';
import { auditImport } from './imports.audit.ts';
import { type ImportRow, lockImport, updateImport } from './imports.repo.ts';

/**
 * Stops an import (or discards one not started, with its file). A chunk being read when this commits is not
 * appended: the job checks the status in the transaction that would append it. Items appended
 * before stay and are stored.
 */
export async function cancelImport(ctx: PlatformContext, p: Principal, id: string, actor: Actor): Promise<ImportRow> {
  await accessibleImport(ctx, p, id, 'listening.manage');
  return inTransaction(ctx, async (tx) => {
    const current = await lockImport(tx, id);
    if (!current || (current.status !== 'ready' && current.status !== 'running')) throw new AppError('listening-import.invalid-state', 'The import has already finished.');
    const cancelled = await updateImport(tx, id, { status: 'cancelled', finishedAt: new Date() });
    await auditImport(tx, actor, { action: 'listening-import.cancelled', importId: id, unitId: current.unitId, summary: { fileName: current.fileName, previousStatus: current.status, rowsRead: current.rowsRead } });
    // A discarded upload's file is of no further use; a running import's stays with what it read.
    // Removed inside the transaction: a failed commit leaves a `ready` import without a file, which its start reports.
    if (current.status === 'ready') await ctx.storage.remove(current.storageKey);
    return cancelled;
  });
}
