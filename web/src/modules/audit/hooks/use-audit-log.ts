import { keepPreviousData, useInfiniteQuery, useMutation } from '@tanstack/react-query';
import { type AuditQuery, auditListQueryKey, fetchAuditPage, verifyAuditChain } from '../api/audit.api.ts';

const pageSize = 50;

/** Newest first; each further page continues below the last sequence number seen. */
export function useAuditLog(query: AuditQuery) {
  return useInfiniteQuery({
    queryKey: auditListQueryKey(query),
    queryFn: ({ pageParam, signal }) => fetchAuditPage({ ...query, before: pageParam, limit: pageSize }, signal),
    initialPageParam: undefined as number | undefined,
    getNextPageParam: (lastPage) => lastPage.nextBefore ?? undefined,
    placeholderData: keepPreviousData,
  });
}

export function useVerifyAuditChain() {
  return useMutation({ mutationFn: verifyAuditChain });
}
