import type { ImportDraftMappingDto, ImportDto, ImportListDto, ImportMappingDto, ImportPreviewDto, ImportUploadResponse } from '@diplodesk/contracts';
import { apiRequest } from '../../../lib/api-client.ts';
import { uploadFile } from '../../../lib/upload.ts';

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


/**
 * Uploads the file as the raw request body (XHR, because fetch reports no upload progress).
 * `onProgress` receives 0–1; aborting `signal` stops the upload.
 */
export function uploadImportFile(unitId: string, file: File, csrfToken: string | null, onProgress: (fraction: number) => void, signal?: AbortSignal): Promise<ImportUploadResponse> {
  // The server reads the content to tell CSV from JSON Lines; the declared type does not matter.
  return uploadFile<ImportUploadResponse>({ url: `/api/v1/listening/imports?unitId=${encodeURIComponent(unitId)}`, file, contentType: 'application/octet-stream', csrfToken, onProgress, signal });
}
