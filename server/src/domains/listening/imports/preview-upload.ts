import type { ImportDraftMappingDto, ImportPreviewDto } from '@diplodesk/contracts';
import type { Principal } from '../../../platform/authz/principal.ts';
import type { PlatformContext } from '../../../platform/context.ts';
import { AppError } from '../../../platform/errors/app-error.ts';
import type { Storage } from '../../../platform/storage/storage.ts';
import { accessibleImport } from './import-access.ts';
import { buildPreview, draftMapping, type FileShape, readShape } from './import-preview.ts';
import { readHead } from './import-reader.ts';
import type { ImportRow } from './imports.repo.ts';

/** The start of an uploaded file and what it looks like (columns, suggestion), as recorded at upload. */
export async function readUploadedShape(storage: Storage, row: ImportRow): Promise<{ head: Uint8Array; isComplete: boolean; shape: FileShape }> {
  let head: Uint8Array;
  try {
    head = await readHead(storage, row.storageKey);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') throw new AppError('listening-import.not-found', 'The uploaded file is no longer stored; upload it again.');
    throw error;
  }
  const isComplete = row.sizeBytes <= head.length;
  const shape = { ...readShape(head, isComplete, row.fileName), format: row.format as FileShape['format'], delimiter: row.delimiter };
  return { head, isComplete, shape };
}

/** Reads the first rows again with another mapping, so the page shows what they become. Stores nothing. */
export async function previewUpload(ctx: PlatformContext, p: Principal, id: string, mapping: ImportDraftMappingDto): Promise<ImportPreviewDto> {
  const { row } = await accessibleImport(ctx, p, id, 'listening.manage');
  const { head, isComplete, shape } = await readUploadedShape(ctx.storage, row);
  return buildPreview(head, isComplete, shape, draftMapping(mapping), { defaultPublishedAt: row.createdAt.toISOString(), convertedFrom: null });
}
