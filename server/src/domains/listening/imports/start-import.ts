import { createHash } from 'node:crypto';
import type { ImportMappingDto } from '@diplodesk/contracts';
import type { Actor } from '../../../platform/audit/audit.ts';
import type { Principal } from '../../../platform/authz/principal.ts';
import { inTransaction, type PlatformContext } from '../../../platform/context.ts';
import { AppError } from '../../../platform/errors/app-error.ts';
import { enqueueJob } from '../../../platform/jobs/index.ts';
import type { Storage } from '../../../platform/storage/storage.ts';
import { insertSource } from '../listening.repo.ts';
import { importFileJob } from './import-file.job.ts';
import { accessibleImport } from './import-access.ts';
import { draftMapping, mappingProblem, readerMapping } from './import-preview.ts';
import { auditImport } from './imports.audit.ts';
import { findUploadSource, type ImportRow, lockImport, updateImport } from './imports.repo.ts';
import { readUploadedShape } from './preview-upload.ts';

async function sha256Of(storage: Storage, storageKey: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of storage.open(storageKey)) hash.update(chunk);
  return hash.digest('hex');
}

const notReady = () => new AppError('listening-import.invalid-state', 'The import has already started or finished.');

/**
 * Starts reading an uploaded file in the background with the chosen mapping. Its items go to a
 * paused `import` source of the unit — the same one for the same file content, so importing a
 * file twice stores its items once. The import turns `running` and its first job is queued in
 * the same transaction.
 */
export async function startImport(ctx: PlatformContext, p: Principal, id: string, mapping: ImportMappingDto, actor: Actor): Promise<ImportRow> {
  const { row, unit } = await accessibleImport(ctx, p, id, 'listening.manage');
  if (row.status !== 'ready') throw notReady();
  const draft = draftMapping(mapping);
  const { shape } = await readUploadedShape(ctx.storage, row);
  const problem = mappingProblem(draft, shape.columns);
  if (problem) throw new AppError('listening-import.mapping-invalid', undefined, { problem, columns: shape.columns.slice(0, 200) });
  // Hashing 200 MB takes well under a second; it names the file's content for the source.
  const sha256 = await sha256Of(ctx.storage, row.storageKey);
  return inTransaction(ctx, async (tx) => {
    const current = await lockImport(tx, id);
    if (current?.status !== 'ready') throw notReady();
    const existing = await findUploadSource(tx, unit.id, sha256);
    const source =
      existing ??
      (await insertSource(tx, {
        unitId: unit.id,
        connector: 'import',
        name: `Import: ${row.fileName}`.slice(0, 160),
        status: 'paused',
        config: { fileName: row.fileName, sha256, format: row.format, mapping: JSON.stringify(readerMapping(draft)) },
        tags: ['import'],
        createdBy: p.userId,
      }));
    const started = await updateImport(tx, id, { status: 'running', sourceId: source.id, mapping: draft });
    await enqueueJob(tx, importFileJob, { importId: id }, { idempotencyKey: `${importFileJob.name}:${id}:start` });
    const chosen = Object.fromEntries(Object.entries(draft).filter((e): e is [string, string] => typeof e[1] === 'string'));
    await auditImport(tx, actor, { action: 'listening-import.started', importId: id, unitId: unit.id, summary: { fileName: row.fileName, sourceId: source.id, newSource: !existing, mapping: chosen } });
    return started;
  });
}
