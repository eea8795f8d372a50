import { importMaxBytes, type ImportPreviewDto, type ImportUploadProblem } from '@diplodesk/contracts';
import type { Actor } from '../../../platform/audit/audit.ts';
import type { Principal } from '../../../platform/authz/principal.ts';
import { inTransaction, type PlatformContext } from '../../../platform/context.ts';
import { newIdFor } from '../../../platform/db/index.ts';
import { AppError } from '../../../platform/errors/app-error.ts';
import { refuseMalware } from '../../../platform/storage/malware-check.ts';
import { StorageLimitError, type Storage } from '../../../platform/storage/storage.ts';
import { manageableUnit } from './import-access.ts';
import { buildPreview, readShape } from './import-preview.ts';
import { HEAD_BYTES, readHead } from './import-reader.ts';
import { scheduleImportExpiry } from './expire-import.job.ts';
import { auditImport } from './imports.audit.ts';
import { type ImportRow, insertImport } from './imports.repo.ts';
import { sniffText, toUtf8 } from './sniff-text.ts';

export type UploadInput = {
  unitId: string;
  fileName: string;
  /** The Content-Length the client announced, if any: refused at once when over the limit. */
  declaredBytes: number | null;
  body: AsyncIterable<Uint8Array>;
};

const sizeLabel = (bytes: number) => `${Math.round(bytes / 1024 / 1024)} MB`;

function refuse(reason: ImportUploadProblem, message: string): AppError {
  if (reason === 'too-large') return new AppError('listening-import.too-large', message, { reason, maxBytes: importMaxBytes });
  return new AppError('listening-import.not-text', message, { reason });
}

/** Streams the upload into storage, refusing it past the limit. */
async function store(storage: Storage, body: AsyncIterable<Uint8Array>) {
  try {
    return await storage.put(body, { maxBytes: importMaxBytes });
  } catch (error) {
    if (error instanceof StorageLimitError) throw refuse('too-large', `The file is larger than ${sizeLabel(importMaxBytes)}.`);
    throw error;
  }
}

/** Keeps UTF-8 as it is; converts UTF-16 and Windows-1252 to UTF-8; refuses what is not text. */
async function asUtf8(storage: Storage, stored: { storageKey: string; byteSize: number }): Promise<{ storageKey: string; sizeBytes: number; convertedFrom: string | null }> {
  const head = await readHead(storage, stored.storageKey);
  const sniff = sniffText(head, stored.byteSize <= head.length);
  if (sniff.kind === 'empty') throw refuse('empty', 'The file is empty.');
  if (sniff.kind === 'binary') throw refuse('binary', 'The file is not text (it looks like a spreadsheet, an archive, an image or another binary file). Export it as CSV or JSON Lines.');
  if (sniff.kind === 'utf-8') return { storageKey: stored.storageKey, sizeBytes: stored.byteSize, convertedFrom: null };
  // UTF-16 shrinks and Windows-1252 grows by a few per cent: the limit applies to the upload, with room for that.
  // Opened inside the generator, so a failed open reaches this caller instead of nobody.
  const original = (async function* () {
    yield* storage.open(stored.storageKey);
  })();
  const converted = await storage.put(toUtf8(original, sniff.encoding), { maxBytes: importMaxBytes * 2 });
  await storage.remove(stored.storageKey);
  return { storageKey: converted.storageKey, sizeBytes: converted.byteSize, convertedFrom: sniff.encoding };
}

/**
 * Takes a file for import: stored (converted to UTF-8 when needed), checked to be text with
 * columns, and recorded as a `ready` import with its format and suggested mapping. Nothing is
 * imported yet; the answer carries the preview the mapping screen starts from.
 */
export async function uploadImport(ctx: PlatformContext, p: Principal, input: UploadInput, actor: Actor): Promise<{ row: ImportRow; preview: ImportPreviewDto }> {
  const unit = await manageableUnit(ctx, p, input.unitId);
  if (input.declaredBytes !== null && input.declaredBytes > importMaxBytes) throw refuse('too-large', `The file is larger than ${sizeLabel(importMaxBytes)}.`);
  const stored = await store(ctx.storage, input.body);
  const keys = [stored.storageKey];
  try {
    // The file as uploaded, before any conversion: that is what a reader of the original would open.
    await refuseMalware(ctx, actor, { storageKey: stored.storageKey, fileName: input.fileName, targetType: 'listening-import', targetId: null, unitId: unit.id });
    const file = await asUtf8(ctx.storage, stored);
    keys[0] = file.storageKey;
    const head = await readHead(ctx.storage, file.storageKey, HEAD_BYTES);
    const isComplete = file.sizeBytes <= head.length;
    const shape = readShape(head, isComplete, input.fileName);
    if (shape.columns.length === 0) throw refuse('no-columns', 'No columns could be read from the start of the file. Is it a CSV or JSON Lines file?');
    const id = newIdFor();
    const createdAt = new Date();
    const preview = await buildPreview(head, isComplete, shape, shape.suggestedMapping, { defaultPublishedAt: createdAt.toISOString(), convertedFrom: file.convertedFrom });
    const row = await inTransaction(ctx, async (tx) => {
      const created = await insertImport(tx, {
        id,
        unitId: unit.id,
        fileName: input.fileName,
        storageKey: file.storageKey,
        sizeBytes: file.sizeBytes,
        format: shape.format,
        delimiter: shape.delimiter,
        mapping: shape.suggestedMapping,
        status: 'ready',
        createdBy: p.userId,
        createdAt,
      });
      await auditImport(tx, actor, {
        action: 'listening-import.uploaded',
        importId: id,
        unitId: unit.id,
        summary: { fileName: input.fileName, sizeBytes: file.sizeBytes, format: shape.format, convertedFrom: file.convertedFrom },
      });
      await scheduleImportExpiry(tx, created);
      return created;
    });
    return { row, preview };
  } catch (error) {
    await Promise.all(keys.map((k) => ctx.storage.remove(k).catch(() => undefined)));
    throw error;
  }
}
