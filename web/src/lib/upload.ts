// One file as the raw request body, with upload progress (XHR: fetch reports none). Used by every
// upload of the app: statement attachments, listening imports, UN votes.
import { ApiError } from './api-client.ts';

function csrfFromCookie(): string | null {
  for (const part of document.cookie.split(';')) {
    const [key, ...rest] = part.trim().split('=');
    // `__Host-dd_csrf` when the server runs behind https.
    if (key === 'dd_csrf' || key === '__Host-dd_csrf') return decodeURIComponent(rest.join('='));
  }
  return null;
}

/**
 * POSTs `file` to `url` (an absolute path such as `/api/v1/…`) and resolves with the JSON answer;
 * an error answer rejects with its `ApiError`. `onProgress` receives 0–1 while the bytes go up;
 * aborting `signal` stops the upload (an `AbortError`).
 */
export function uploadFile<T>(opts: { url: string; file: File; contentType: string; csrfToken: string | null; onProgress: (fraction: number) => void; signal?: AbortSignal | undefined }): Promise<T> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', opts.url);
    xhr.setRequestHeader('content-type', opts.contentType);
    xhr.setRequestHeader('x-file-name', encodeURIComponent(opts.file.name));
    xhr.setRequestHeader('accept', 'application/json');
    const token = csrfFromCookie() ?? opts.csrfToken;
    if (token) xhr.setRequestHeader('x-csrf-token', token);
    xhr.upload.onprogress = (event) => {
      if (event.lengthComputable) opts.onProgress(event.loaded / event.total);
    };
    opts.signal?.addEventListener('abort', () => xhr.abort(), { once: true });
    xhr.onabort = () => reject(new DOMException('The upload was stopped.', 'AbortError'));
    xhr.onerror = () => reject(new ApiError(0, 'network', 'The server cannot be reached.'));
    xhr.onload = () => {
      let body: unknown;
      try {
        body = JSON.parse(xhr.responseText);
      } catch {
        body = undefined;
      }
      if (xhr.status >= 200 && xhr.status < 300) {
        resolve(body as T);
        return;
      }
      const error = (body as { error?: { code?: string; message?: string; details?: unknown } } | undefined)?.error;
      reject(new ApiError(xhr.status, error?.code ?? 'unknown', error?.message ?? `HTTP ${xhr.status}`, error?.details));
    };
    xhr.send(opts.file);
  });
}
