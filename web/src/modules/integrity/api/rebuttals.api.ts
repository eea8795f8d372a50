import type { RebuttalListResponse } from '@diplodesk/contracts';
import { apiRequest } from '../../../lib/api-client.ts';

export type RebuttalList = RebuttalListResponse;
export type RebuttalSubject = { kind: 'finding' | 'claim'; id: string };

/** Under the finding's or claim's own key, so a live refresh of the one refreshes its rebuttals. */
export const rebuttalsQueryKey = (s: RebuttalSubject) => ['integrity', s.kind === 'finding' ? 'findings' : 'claims', 'one', s.id, 'rebuttals'] as const;

export function fetchRebuttals(s: RebuttalSubject, signal?: AbortSignal): Promise<RebuttalList> {
  return apiRequest<RebuttalList>(`/integrity/${s.kind === 'finding' ? 'findings' : 'claims'}/${encodeURIComponent(s.id)}/rebuttals`, { signal });
}
