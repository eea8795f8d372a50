import type { ClaimFeedDto, claimFeedListResponse, claimFeedRequest, updateClaimFeedRequest } from '@diplodesk/contracts';
import type { z } from 'zod';
import { apiRequest } from '../../../lib/api-client.ts';

export type ClaimFeed = ClaimFeedDto;
export type ClaimFeedList = z.output<typeof claimFeedListResponse>;
export type ClaimFeedInput = z.input<typeof claimFeedRequest>;
export type ClaimFeedChange = z.input<typeof updateClaimFeedRequest>;

export const claimFeedsQueryKey = ['integrity', 'claim-feeds'] as const;

export function fetchClaimFeeds(signal?: AbortSignal): Promise<ClaimFeedList> {
  return apiRequest<ClaimFeedList>('/integrity/claim-feeds', { signal });
}

export function createClaimFeed(body: ClaimFeedInput): Promise<ClaimFeed> {
  return apiRequest<ClaimFeed>('/integrity/claim-feeds', { method: 'POST', body });
}

export function updateClaimFeed(id: string, body: ClaimFeedChange): Promise<ClaimFeed> {
  return apiRequest<ClaimFeed>(`/integrity/claim-feeds/${encodeURIComponent(id)}`, { method: 'PATCH', body });
}

export function pollClaimFeed(id: string): Promise<ClaimFeed> {
  return apiRequest<ClaimFeed>(`/integrity/claim-feeds/${encodeURIComponent(id)}/poll`, { method: 'POST' });
}

export function deleteClaimFeed(id: string): Promise<void> {
  return apiRequest<void>(`/integrity/claim-feeds/${encodeURIComponent(id)}`, { method: 'DELETE' });
}
