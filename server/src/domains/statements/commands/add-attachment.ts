import type { Actor } from '../../../platform/audit/audit.ts';
import { type Principal, can } from '../../../platform/authz/principal.ts';
import { inTransaction, type PlatformContext } from '../../../platform/context.ts';
import { AppError } from '../../../platform/errors/app-error.ts';
import { checkFileContent } from '../../../platform/storage/file-check.ts';
import { refuseMalware } from '../../../platform/storage/malware-check.ts';
import { StorageLimitError } from '../../../platform/storage/storage.ts';
import { lockedUnitAttachmentBytes } from '../attachments.repo.ts';
import { scheduleUnusedUploadsRemoval } from '../jobs/remove-unused-uploads.job.ts';
import { isEditable } from '../lifecycle.ts';
import { readableStatement } from '../statement-access.ts';
import { auditStatement } from '../statements.audit.ts';
import { type AttachmentRow, insertAttachment } from '../statements.repo.ts';

/** Images, video and PDF: what the platforms and the newsroom can carry, with the largest of each. */
export const attachmentTypes: Record<string, number> = {
  'image/jpeg': 15 * 1024 * 1024,
  'image/png': 15 * 1024 * 1024,
  'image/gif': 15 * 1024 * 1024,
  'image/webp': 15 * 1024 * 1024,
  'video/mp4': 512 * 1024 * 1024,
  'video/quicktime': 512 * 1024 * 1024,
  'video/webm': 512 * 1024 * 1024,
  'application/pdf': 50 * 1024 * 1024,
};

const mb = (bytes: number) => `${Math.round((bytes / 1024 / 1024) * 10) / 10} MB`;

/** The 413 for a file over its type's limit; the answer names the limit. */
export function tooLarge(mimeType: string, maxBytes: number): AppError {
  return new AppError('request.too-large', `The file is larger than ${mb(maxBytes)}, the limit for ${mimeType}.`, { maxBytes, mimeType });
}

/** The 413 for a unit whose attachments would pass its quota; the answer names the quota and the usage. */
function overQuota(quotaBytes: number, usedBytes: number, fileBytes: number): AppError {
  return new AppError(
    'statement.attachment-quota',
    `This unit’s attachments use ${mb(usedBytes)} of its ${mb(quotaBytes)} quota; this file (${mb(fileBytes)}) does not fit.`,
    { quotaBytes, usedBytes, fileBytes },
  );
}

/**
 * Streams an upload into storage, scans it for malware (when clamd is set up), checks it by
 * content (type, extension, structure, no active content) and against the unit's quota, and records it, audited (not yet part of a version).
 */
export async function addAttachment(
  ctx: PlatformContext,
  p: Principal,
  id: string,
  input: { fileName: string; mimeType: string; altText: string | null; declaredBytes: number | null; body: AsyncIterable<Uint8Array> },
  actor: Actor,
): Promise<AttachmentRow> {
  const { row, unit } = await readableStatement(ctx, p, id);
  if (!can(p, 'statement.draft', unit.path)) throw new AppError('authz.forbidden');
  if (!isEditable(row.status)) throw new AppError('statement.not-editable');
  const maxBytes = attachmentTypes[input.mimeType];
  if (maxBytes === undefined) throw new AppError('statement.attachment-invalid', undefined, { mimeType: input.mimeType, allowed: Object.keys(attachmentTypes) });
  if (input.declaredBytes !== null && input.declaredBytes > maxBytes) throw tooLarge(input.mimeType, maxBytes);
  const quotaBytes = ctx.config.storageQuotaMbPerUnit * 1024 * 1024;
  let stored: Awaited<ReturnType<typeof ctx.storage.put>>;
  try {
    stored = await ctx.storage.put(input.body, { maxBytes });
  } catch (error) {
    if (error instanceof StorageLimitError) throw tooLarge(input.mimeType, maxBytes);
    throw error;
  }
  try {
    // Scanned before the content check, so malware is reported (and audited) whatever type it claims.
    await refuseMalware(ctx, actor, { storageKey: stored.storageKey, fileName: input.fileName, targetType: 'statement', targetId: row.id, unitId: row.unitId });
    const problem = await checkFileContent(input.mimeType, input.fileName, stored.byteSize, (offset, length) => ctx.storage.readRange(stored.storageKey, offset, length));
    if (problem) throw new AppError('statement.attachment-invalid', problem, { mimeType: input.mimeType });
    return await inTransaction(ctx, async (tx) => {
      if (quotaBytes > 0) {
        const usedBytes = await lockedUnitAttachmentBytes(tx, row.unitId);
        if (usedBytes + stored.byteSize > quotaBytes) throw overQuota(quotaBytes, usedBytes, stored.byteSize);
      }
      const a = await insertAttachment(tx, { statementId: row.id, storageKey: stored.storageKey, fileName: input.fileName, mimeType: input.mimeType, byteSize: stored.byteSize, sha256: stored.sha256, altText: input.altText });
      await auditStatement(tx, actor, {
        action: 'statement.attachment-uploaded',
        targetType: 'statement',
        targetId: row.id,
        unitId: row.unitId,
        summary: { attachmentId: a.id, fileName: a.fileName, mimeType: a.mimeType, byteSize: a.byteSize, sha256: a.sha256 },
      });
      // An upload never saved into a version is removed after a day by the hourly job.
      await scheduleUnusedUploadsRemoval(tx, new Date());
      return a;
    });
  } catch (error) {
    await ctx.storage.remove(stored.storageKey);
    throw error;
  }
}
