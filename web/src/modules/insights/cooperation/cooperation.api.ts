import type { CooperationRanking, CountryProfile, UnVotesImportResult, UnVotesPart, UnVotesStatus } from '@diplodesk/contracts';
import { apiRequest } from '../../../lib/api-client.ts';
import { uploadFile } from '../../../lib/upload.ts';

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


/**
 * Uploads one file of the UN votes import as the raw body (XHR: fetch reports no upload progress).
 * `onProgress` receives 0–1 while the bytes go up; the server then checks and stores the file.
 */
export function uploadUnVotesFile(part: UnVotesPart, file: File, csrfToken: string | null, onProgress: (fraction: number) => void): Promise<UnVotesImportResult> {
  return uploadFile<UnVotesImportResult>({ url: `/api/v1/insights/un-votes/import?part=${part}`, file, contentType: 'application/octet-stream', csrfToken, onProgress });
}
