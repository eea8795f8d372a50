import { type Principal, can } from '../../../platform/authz/principal.ts';
import { inTransaction, type PlatformContext } from '../../../platform/context.ts';
import { AppError } from '../../../platform/errors/app-error.ts';
import { StorageLimitError } from '../../../platform/storage/storage.ts';
import { isEditable } from '../lifecycle.ts';
import { readableStatement } from '../statement-access.ts';
import { type AttachmentRow, insertAttachment } from '../statements.repo.ts';

/** Images, video and PDF: what the platforms and the newsroom can carry. */
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

// First bytes of each type, so a renamed .exe is not accepted as a PNG.
const magic: [string, (b: Buffer) => boolean][] = [
  ['image/jpeg', (b) => b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff],
  ['image/png', (b) => b.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))],
  ['image/gif', (b) => b.subarray(0, 4).toString('latin1') === 'GIF8'],
  ['image/webp', (b) => b.subarray(0, 4).toString('latin1') === 'RIFF' && b.subarray(8, 12).toString('latin1') === 'WEBP'],
  ['application/pdf', (b) => b.subarray(0, 5).toString('latin1') === '%PDF-'],
  ['video/mp4', (b) => b.subarray(4, 8).toString('latin1') === 'ftyp'],
  ['video/quicktime', (b) => b.subarray(4, 8).toString('latin1') === 'ftyp' || b.subarray(4, 8).toString('latin1') === 'moov'],
  ['video/webm', (b) => b[0] === 0x1a && b[1] === 0x45 && b[2] === 0xdf && b[3] === 0xa3],
];

export function looksLike(mimeType: string, head: Buffer): boolean {
  const check = magic.find(([m]) => m === mimeType);
  return check ? check[1](head) : false;
}

/** Streams an upload into storage, checks its type by content, and records it (not yet part of a version). */
export async function addAttachment(
  ctx: PlatformContext,
  p: Principal,
  id: string,
  input: { fileName: string; mimeType: string; altText: string | null; body: AsyncIterable<Uint8Array> },
): Promise<AttachmentRow> {
  const { row, unit } = await readableStatement(ctx, p, id);
  if (!can(p, 'statement.draft', unit.path)) throw new AppError('authz.forbidden');
  if (!isEditable(row.status)) throw new AppError('statement.not-editable');
  const maxBytes = attachmentTypes[input.mimeType];
  if (maxBytes === undefined) throw new AppError('statement.attachment-invalid', undefined, { mimeType: input.mimeType, allowed: Object.keys(attachmentTypes) });
  let stored: Awaited<ReturnType<typeof ctx.storage.put>>;
  try {
    stored = await ctx.storage.put(input.body, { maxBytes });
  } catch (error) {
    if (error instanceof StorageLimitError) throw new AppError('request.too-large', `The file is larger than ${Math.round(maxBytes / 1024 / 1024)} MB.`);
    throw error;
  }
  let head = Buffer.alloc(0);
  for await (const chunk of ctx.storage.open(stored.storageKey)) {
    head = Buffer.concat([head, Buffer.from(chunk)]);
    if (head.length >= 16) break;
  }
  if (stored.byteSize === 0 || !looksLike(input.mimeType, head)) {
    await ctx.storage.remove(stored.storageKey);
    throw new AppError('statement.attachment-invalid', 'The file’s content does not match its type.', { mimeType: input.mimeType });
  }
  return inTransaction(ctx, (tx) =>
    insertAttachment(tx, { statementId: row.id, storageKey: stored.storageKey, fileName: input.fileName, mimeType: input.mimeType, byteSize: stored.byteSize, sha256: stored.sha256, altText: input.altText }),
  );
}
