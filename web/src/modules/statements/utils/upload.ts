import type { AttachmentDto } from '@diplodesk/contracts';
import { ApiError } from '../../../lib/api-client.ts';

function csrfFromCookie(): string | null {
  for (const part of document.cookie.split(';')) {
    const [key, ...rest] = part.trim().split('=');
    // `__Host-dd_csrf` when the server runs behind https.
    if (key === 'dd_csrf' || key === '__Host-dd_csrf') return decodeURIComponent(rest.join('='));
  }
  return null;
}

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
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    const query = altText.trim() ? `?altText=${encodeURIComponent(altText.trim())}` : '';
    xhr.open('POST', `/api/v1/statements/${encodeURIComponent(statementId)}/attachments${query}`);
    xhr.setRequestHeader('content-type', file.type || 'application/octet-stream');
    xhr.setRequestHeader('x-file-name', encodeURIComponent(file.name));
    xhr.setRequestHeader('accept', 'application/json');
    const token = csrfFromCookie() ?? csrfToken;
    if (token) xhr.setRequestHeader('x-csrf-token', token);
    xhr.upload.onprogress = (event) => {
      if (event.lengthComputable) onProgress(event.loaded / event.total);
    };
    xhr.onerror = () => reject(new ApiError(0, 'network', 'The server cannot be reached.'));
    xhr.onload = () => {
      let body: unknown;
      try {
        body = JSON.parse(xhr.responseText);
      } catch {
        body = undefined;
      }
      if (xhr.status >= 200 && xhr.status < 300) {
        resolve(body as AttachmentDto);
        return;
      }
      const error = (body as { error?: { code?: string; message?: string; details?: unknown } } | undefined)?.error;
      reject(new ApiError(xhr.status, error?.code ?? 'unknown', error?.message ?? `HTTP ${xhr.status}`, error?.details));
    };
    xhr.send(file);
  });
}
