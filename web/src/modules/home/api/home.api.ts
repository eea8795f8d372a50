import type { TopStoryDto } from '@diplodesk/contracts';
import { apiRequest } from '../../../lib/api-client.ts';

export function fetchTopStories(period: { from: string; to: string }, signal?: AbortSignal): Promise<{ items: TopStoryDto[] }> {
  return apiRequest<{ items: TopStoryDto[] }>('/listening/top-stories', { signal, query: { ...period, limit: 5 } });
}
