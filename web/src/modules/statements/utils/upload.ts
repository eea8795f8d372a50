import type { AttachmentDto } from '@diplodesk/contracts';
import { uploadFile } from '../../../lib/upload.ts';


/**
 * Uploads one file as the raw request body (XHR, because fetch reports no upload progress).
 * `onProgress` receives 0–1.
 */
export function uploadAttachment(
  statementId: string,
  file: File,
  altText: string,
  csrfToken: string | null,
  onProgress: (fraction: number) => void,
): Promise<AttachmentDto> {
  const query = altText.trim() ? `?altText=${encodeURIComponent(altText.trim())}` : '';
  return uploadFile<AttachmentDto>({ url: `/api/v1/statements/${encodeURIComponent(statementId)}/attachments${query}`, file, contentType: file.type || 'application/octet-stream', csrfToken, onProgress });
}
