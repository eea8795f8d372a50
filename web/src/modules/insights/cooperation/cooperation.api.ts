import type { CooperationRanking, CountryProfile, UnVotesImportResult, UnVotesPart, UnVotesStatus } from '@diplodesk/contracts';
import { ApiError, apiRequest } from '../../../lib/api-client.ts';

export const unVotesStatusKey = ['insights', 'un-votes'] as const;
export const rankingKey = (topic: string) => ['insights', 'cooperation', topic] as const;
export const profileKey = (code: string, topic: string | null) => ['insights', 'country', code, topic] as const;

export function fetchUnVotesStatus(signal?: AbortSignal): Promise<UnVotesStatus> {
  return apiRequest<UnVotesStatus>('/insights/un-votes', { signal });
}

export function fetchRanking(topic: string, signal?: AbortSignal): Promise<CooperationRanking> {
  return apiRequest<CooperationRanking>('/insights/cooperation', { signal, query: { topic } });
}

export function fetchCountryProfile(code: string, topic: string | null, signal?: AbortSignal): Promise<CountryProfile> {
  return apiRequest<CountryProfile>(`/insights/countries/${encodeURIComponent(code)}`, { signal, query: { topic: topic ?? undefined } });
}

function csrfFromCookie(): string | null {
  for (const part of document.cookie.split(';')) {
    const [key, ...rest] = part.trim().split('=');
    // `__Host-dd_csrf` when the server runs behind https.
    if (key === 'dd_csrf' || key === '__Host-dd_csrf') return decodeURIComponent(rest.join('='));
  }
  return null;
}

/**
 * Uploads one file of the UN votes import as the raw body (XHR: fetch reports no upload progress).
 * `onProgress` receives 0–1 while the bytes go up; the server then checks and stores the file.
 */
export function uploadUnVotesFile(part: UnVotesPart, file: File, csrfToken: string | null, onProgress: (fraction: number) => void): Promise<UnVotesImportResult> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', `/api/v1/insights/un-votes/import?part=${part}`);
    xhr.setRequestHeader('content-type', 'application/octet-stream');
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
        resolve(body as UnVotesImportResult);
        return;
      }
      const error = (body as { error?: { code?: string; message?: string; details?: unknown } } | undefined)?.error;
      reject(new ApiError(xhr.status, error?.code ?? 'unknown', error?.message ?? `HTTP ${xhr.status}`, error?.details));
    };
    xhr.send(file);
  });
}
