import type { CreateListeningTopicRequest, ListeningTopicDto, ListeningTopicList, ReapplyPeriod, ReapplyStatus, TopicTestRequest, TopicTestResult, UpdateListeningTopicRequest } from '@diplodesk/contracts';
import { apiRequest } from '../../../../lib/api-client.ts';

export const topicsQueryKey = ['listening', 'topics'] as const;
export const reapplyQueryKey = ['listening', 'topics', 'reapply'] as const;
export const tryTextQueryKey = (body: TopicTestRequest) => ['listening', 'topics', 'try', body] as const;

const topicPath = (id: string) => `/listening/topics/${encodeURIComponent(id)}`;

export function fetchTopics(signal?: AbortSignal): Promise<ListeningTopicList> {
  return apiRequest<ListeningTopicList>('/listening/topics', { signal });
}

export function createTopic(body: CreateListeningTopicRequest): Promise<ListeningTopicDto> {
  return apiRequest<ListeningTopicDto>('/listening/topics', { method: 'POST', body });
}

export function updateTopic(id: string, body: UpdateListeningTopicRequest): Promise<ListeningTopicDto> {
  return apiRequest<ListeningTopicDto>(topicPath(id), { method: 'PATCH', body });
}

export function setTopicArchived(id: string, archived: boolean): Promise<ListeningTopicDto> {
  return apiRequest<ListeningTopicDto>(`${topicPath(id)}/${archived ? 'archive' : 'restore'}`, { method: 'POST' });
}

export function tryText(body: TopicTestRequest, signal?: AbortSignal): Promise<TopicTestResult> {
  return apiRequest<TopicTestResult>('/listening/topics/test', { method: 'POST', body, signal });
}

export function fetchReapplyStatus(signal?: AbortSignal): Promise<ReapplyStatus> {
  return apiRequest<ReapplyStatus>('/listening/topics/reapply', { signal });
}

export function startReapply(period: ReapplyPeriod): Promise<ReapplyStatus> {
  return apiRequest<ReapplyStatus>('/listening/topics/reapply', { method: 'POST', body: { period } });
}
