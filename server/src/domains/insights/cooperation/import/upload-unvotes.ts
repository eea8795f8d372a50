import { type UnVotesPart, unVotesMaxBytes } from '@diplodesk/contracts';
import type { Actor } from '../../../../platform/audit/audit.ts';
import { can, type Principal } from '../../../../platform/authz/principal.ts';
import { inTransaction, type PlatformContext } from '../../../../platform/context.ts';
import { newIdFor } from '../../../../platform/db/index.ts';
import { AppError } from '../../../../platform/errors/app-error.ts';
import { enqueueJob } from '../../../../platform/jobs/index.ts';
import { refuseMalware } from '../../../../platform/storage/malware-check.ts';
import { StorageLimitError, type StoredObject } from '../../../../platform/storage/storage.ts';
import { findRootUnit, type UnitRow } from '../../../identity/index.ts';
import { importUnVotesJob } from './import-unvotes.job.ts';
import { checkUnVotesHeader } from './unvotes-file.ts';
import { insertUnVotesImport, type UnVotesImportRow } from './unvotes-imports.repo.ts';

export type UnVotesUpload = {
  part: UnVotesPart;
  fileName: string;
  /** The Content-Length the client announced, if any: refused at once when over the limit. */
  declaredBytes: number | null;
  body: AsyncIterable<Uint8Array>;
};

const tooLarge = () => new AppError('insights-unvotes.too-large', undefined, { maxBytes: unVotesMaxBytes });

/** The organisation's root unit, where the caller must hold `insight.manage`: UN votes are everyone's reference data. */
export async function requireUnVotesManager(ctx: Pick<PlatformContext, 'db'>, p: Principal): Promise<UnitRow> {
  const root = await findRootUnit(ctx.db);
  if (!root) throw new AppError('unit.not-found');
  if (!can(p, 'insight.manage', root.path)) throw new AppError('authz.forbidden');
  return root;
}

/**
 * Takes a UN votes file for import: stored (streamed to disk, refused past the limit), scanned
 * when a scanner is configured, its header checked against the part, and recorded as a `queued`
 * import whose job is queued in the same transaction. The lines are checked by the job.
 */
export async function uploadUnVotesFile(ctx: PlatformContext, p: Principal, input: UnVotesUpload, actor: Actor): Promise<UnVotesImportRow> {
  await requireUnVotesManager(ctx, p);
  return startUnVotesImport(ctx, input, actor);
}

/** The upload itself, for callers that hold the database already (the CLI, run by the operator). */
export async function startUnVotesImport(ctx: PlatformContext, input: UnVotesUpload, actor: Actor, opts: { runAt?: Date } = {}): Promise<UnVotesImportRow> {
  if (input.declaredBytes !== null && input.declaredBytes > unVotesMaxBytes) throw tooLarge();
  let stored: StoredObject;
  try {
    stored = await ctx.storage.put(input.body, { maxBytes: unVotesMaxBytes });
  } catch (error) {
    if (error instanceof StorageLimitError) throw tooLarge();
    throw error;
  }
  try {
    const root = await findRootUnit(ctx.db);
    await refuseMalware(ctx, actor, { storageKey: stored.storageKey, fileName: input.fileName, targetType: 'insights-unvotes', targetId: null, unitId: root?.id ?? null });
    await checkUnVotesHeader(input.part, ctx.storage.open(stored.storageKey));
    return await inTransaction(ctx, async (tx) => {
      const row = await insertUnVotesImport(tx, { id: newIdFor(), part: input.part, fileName: input.fileName, storageKey: stored.storageKey, sizeBytes: stored.byteSize, actor });
      await enqueueJob(tx, importUnVotesJob, { importId: row.id }, { idempotencyKey: `${importUnVotesJob.name}:${row.id}`, ...(opts.runAt ? { runAt: opts.runAt } : {}) });
      return row;
    });
  } catch (error) {
    await ctx.storage.remove(stored.storageKey).catch(() => undefined);
    throw error;
  }
}
