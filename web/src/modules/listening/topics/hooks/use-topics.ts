import type { ListeningTopicDto, TopicTestRequest, UpdateListeningTopicRequest } from '@diplodesk/contracts';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { createTopic, fetchReapplyStatus, fetchTopics, reapplyQueryKey, setTopicArchived, startReapply, topicsQueryKey, tryText, tryTextQueryKey, updateTopic } from '../api/topics.api.ts';
import { installTopicNames } from '../utils/topic-names.ts';

export function useTopics(enabled = true) {
  return useQuery({
    queryKey: topicsQueryKey,
    queryFn: async ({ signal }) => {
      const list = await fetchTopics(signal);
      // The search page's topic labels follow the same list.
      installTopicNames(list.items);
      return list;
    },
    enabled,
  });
}

function useTopicChanged() {
  const queryClient = useQueryClient();
  return (_topic: ListeningTopicDto) => {
    void queryClient.invalidateQueries({ queryKey: topicsQueryKey });
  };
}

export function useCreateTopic() {
  const changed = useTopicChanged();
  return useMutation({ mutationFn: createTopic, onSuccess: changed });
}

export function useUpdateTopic() {
  const changed = useTopicChanged();
  return useMutation({ mutationFn: ({ id, body }: { id: string; body: UpdateListeningTopicRequest }) => updateTopic(id, body), onSuccess: changed });
}

export function useArchiveTopic() {
  const changed = useTopicChanged();
  return useMutation({ mutationFn: ({ id, archived }: { id: string; archived: boolean }) => setTopicArchived(id, archived), onSuccess: changed });
}

/** Scores of a sample text under a draft taxonomy; re-asked whenever the (debounced) request changes. */
export function useTryText(body: TopicTestRequest | null) {
  return useQuery({
    queryKey: tryTextQueryKey(body ?? { text: '', topics: [] }),
    queryFn: ({ signal }) => tryText(body as TopicTestRequest, signal),
    enabled: body !== null,
    placeholderData: keepPreviousData,
    retry: false,
    staleTime: 60_000,
  });
}

/** The latest re-application run; checked every two seconds while one runs. */
export function useReapplyStatus(enabled = true) {
  return useQuery({
    queryKey: reapplyQueryKey,
    queryFn: ({ signal }) => fetchReapplyStatus(signal),
    enabled,
    refetchInterval: (query) => (query.state.data?.state === 'running' ? 2000 : false),
  });
}

export function useStartReapply() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: startReapply,
    onSuccess: (status) => {
      queryClient.setQueryData(reapplyQueryKey, status);
    },
  });
}
