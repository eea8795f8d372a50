import type { ImportDraftMappingDto, ImportDto, ImportListDto, ImportMappingDto, ImportPreviewDto, ImportUploadResponse } from '@diplodesk/contracts';
import { ApiError, apiRequest } from '../../../lib/api-client.ts';

export const importsQueryKey = ['listening', 'imports'] as const;
export const importQueryKey = (id: string) => ['listening', 'imports', 'detail', id] as const;

const importPath = (id: string) => `/listening/imports/${encodeURIComponent(id)}`;

export function fetchImports(signal?: AbortSignal): Promise<ImportListDto> {
  return apiRequest<ImportListDto>('/listening/imports', { signal });
}

export function fetchImport(id: string, signal?: AbortSignal): Promise<ImportDto> {
  return apiRequest<ImportDto>(importPath(id), { signal });
}

export function previewImport(id: string, mapping: ImportDraftMappingDto, signal?: AbortSignal): Promise<ImportPreviewDto> {
  return apiRequest<ImportPreviewDto>(`${importPath(id)}/preview`, { method: 'POST', body: { mapping }, signal });
}

export function startImport(id: string, mapping: ImportMappingDto): Promise<ImportDto> {
  return apiRequest<ImportDto>(`${importPath(id)}/start`, { method: 'POST', body: { mapping } });
}

export function cancelImport(id: string): Promise<ImportDto> {
  return apiRequest<ImportDto>(`${importPath(id)}/cancel`, { method: 'POST' });
}

/** Where the browser downloads the rejected rows (a plain link: the session cookie goes along). */
export const rejectedReportUrl = (id: string) => `/api/v1${importPath(id)}/rejected`;

function csrfFromCookie(): string | null {
  for (const part of document.cookie.split(';')) {
    const [key, ...rest] = part.trim().split('=');
    // `__Host-dd_csrf` when the server runs behind https.
    if (key === 'dd_csrf' || key === '__Host-dd_csrf') return decodeURIComponent(rest.join('='));
  }
  return null;
}

/**
 * Uploads the file as the raw request body (XHR, because fetch reports no upload progress).
 * `onProgress` receives 0–1; aborting `signal` stops the upload.
 */
export function uploadImportFile(unitId: string, file: File, csrfToken: string | null, onProgress: (fraction: number) => void, signal?: AbortSignal): Promise<ImportUploadResponse> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', `/api/v1/listening/imports?unitId=${encodeURIComponent(unitId)}`);
    // The server reads the content to tell CSV from JSON Lines; the declared type does not matter.
    xhr.setRequestHeader('content-type', 'application/octet-stream');
    xhr.setRequestHeader('x-file-name', encodeURIComponent(file.name));
    xhr.setRequestHeader('accept', 'application/json');
    const token = csrfFromCookie() ?? csrfToken;
    if (token) xhr.setRequestHeader('x-csrf-token', token);
    xhr.upload.onprogress = (event) => {
      if (event.lengthComputable) onProgress(event.loaded / event.total);
    };
    signal?.addEventListener('abort', () => xhr.abort(), { once: true });
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
        resolve(body as ImportUploadResponse);
        return;
      }
      const error = (body as { error?: { code?: string; message?: string; details?: unknown } } | undefined)?.error;
      reject(new ApiError(xhr.status, error?.code ?? 'unknown', error?.message ?? `HTTP ${xhr.status}`, error?.details));
    };
    xhr.send(file);
  });
}
