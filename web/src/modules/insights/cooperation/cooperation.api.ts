import type { CooperationRanking, CountryProfile, UnVotesImport, UnVotesImportList, UnVotesPart, UnVotesStatus } from '@diplodesk/contracts';
import { apiRequest } from '../../../lib/api-client.ts';
import { uploadFile } from '../../../lib/upload.ts';

export const unVotesStatusKey = ['insights', 'un-votes'] as const;
export const unVotesImportsKey = ['insights', 'un-votes', 'imports'] as const;
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

/** The latest imports, newest first, each with its phase and progress. */
export function fetchUnVotesImports(signal?: AbortSignal): Promise<UnVotesImportList> {
  return apiRequest<UnVotesImportList>('/insights/un-votes/imports', { signal });
}

/**
 * Uploads one file of the UN votes import as the raw body (XHR: fetch reports no upload progress).
 * `onProgress` receives 0–1 while the bytes go up; the answer is the queued import, which then runs
 * in the background.
 */
export function uploadUnVotesFile(part: UnVotesPart, file: File, csrfToken: string | null, onProgress: (fraction: number) => void): Promise<UnVotesImport> {
  return uploadFile<UnVotesImport>({ url: `/api/v1/insights/un-votes/import?part=${part}`, file, contentType: 'application/octet-stream', csrfToken, onProgress });
}
