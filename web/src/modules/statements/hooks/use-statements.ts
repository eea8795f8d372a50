import type { ClearanceDecisionKind, StatementDto } from '@diplodesk/contracts';
import { keepPreviousData, useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  type StatementFilters,
  type UpdateStatementInput,
  addComment,
  channelAccountsQueryKey,
  createStatement,
  decideClearance,
  fetchChannelAccounts,
  fetchComments,
  fetchDiff,
  fetchInbox,
  fetchStatement,
  fetchStatements,
  fetchTemplates,
  fetchVersions,
  scheduleStatement,
  statementCommentsQueryKey,
  statementDiffQueryKey,
  statementInboxQueryKey,
  statementListQueryKey,
  statementQueryKey,
  statementTemplatesQueryKey,
  statementVersionsQueryKey,
  statementsQueryKey,
  submitStatement,
  updateStatement,
  withdrawStatement,
} from '../api/statements.api.ts';

/** Keyset paging: each page hands over the cursor of the next. */
export function useStatementList(filters: StatementFilters, enabled = true) {
  return useInfiniteQuery({
    queryKey: statementListQueryKey(filters),
    queryFn: ({ pageParam, signal }) => fetchStatements(filters, pageParam, signal),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    placeholderData: keepPreviousData,
    enabled,
  });
}

export function useClearanceInbox(enabled = true) {
  return useQuery({ queryKey: statementInboxQueryKey, queryFn: ({ signal }) => fetchInbox(signal), enabled });
}

export function useStatement(id: string) {
  return useQuery({ queryKey: statementQueryKey(id), queryFn: ({ signal }) => fetchStatement(id, signal), enabled: Boolean(id) });
}

/**
 * What this tab itself last wrote per statement, so a live refetch that only echoes our own change
 * raises no "someone else changed it" notice.
 */
const ownWrites = new Map<string, string>();
export function statementSignature(s: StatementDto): string {
  return `${s.version}|${s.status}|${s.clearance?.decisions.length ?? 0}|${s.publications.map((p) => p.state).join(',')}`;
}
export function isOwnWrite(s: StatementDto): boolean {
  return ownWrites.get(s.id) === statementSignature(s);
}

export function useStatementVersions(id: string) {
  return useQuery({ queryKey: statementVersionsQueryKey(id), queryFn: ({ signal }) => fetchVersions(id, signal) });
}

export function useStatementDiff(id: string, from: number | null, to: number | null) {
  return useQuery({
    queryKey: statementDiffQueryKey(id, from ?? 0, to ?? 0),
    queryFn: ({ signal }) => fetchDiff(id, from ?? 0, to ?? 0, signal),
    enabled: from !== null && to !== null && from !== to,
  });
}

export function useStatementComments(id: string) {
  return useQuery({ queryKey: statementCommentsQueryKey(id), queryFn: ({ signal }) => fetchComments(id, signal) });
}

export function useStatementTemplates() {
  return useQuery({ queryKey: statementTemplatesQueryKey, queryFn: ({ signal }) => fetchTemplates(signal) });
}

export function useChannelAccounts(unitId: string | undefined) {
  return useQuery({
    queryKey: channelAccountsQueryKey(unitId ?? ''),
    queryFn: ({ signal }) => fetchChannelAccounts(unitId ?? '', signal),
    enabled: Boolean(unitId),
  });
}

/** Any change answers with the whole statement: put it in the cache and refresh lists and history. */
function useStatementChanged() {
  const queryClient = useQueryClient();
  return (statement: StatementDto) => {
    ownWrites.set(statement.id, statementSignature(statement));
    queryClient.setQueryData(statementQueryKey(statement.id), statement);
    void queryClient.invalidateQueries({ queryKey: statementsQueryKey, refetchType: 'active' });
  };
}

export function useCreateStatement() {
  const changed = useStatementChanged();
  return useMutation({ mutationFn: createStatement, onSuccess: changed });
}

export function useUpdateStatement(id: string) {
  const changed = useStatementChanged();
  return useMutation({ mutationFn: (body: UpdateStatementInput) => updateStatement(id, body), onSuccess: changed });
}

export function useSubmitStatement(id: string) {
  const changed = useStatementChanged();
  return useMutation({
    mutationFn: (body: { baseVersion: number; fastTrack: boolean; scheduledAt: string | null }) => submitStatement(id, body),
    onSuccess: changed,
  });
}

export function useDecideClearance(id: string) {
  const changed = useStatementChanged();
  return useMutation({
    mutationFn: (body: { baseVersion: number; decision: ClearanceDecisionKind; reason?: string }) => decideClearance(id, body),
    onSuccess: changed,
  });
}

export function useScheduleStatement(id: string) {
  const changed = useStatementChanged();
  return useMutation({ mutationFn: (scheduledAt: string | null) => scheduleStatement(id, scheduledAt), onSuccess: changed });
}

export function useWithdrawStatement(id: string) {
  const changed = useStatementChanged();
  return useMutation({ mutationFn: (reason: string) => withdrawStatement(id, reason), onSuccess: changed });
}

export function useAddComment(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ version, body }: { version: number; body: string }) => addComment(id, version, body),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: statementCommentsQueryKey(id) });
      void queryClient.invalidateQueries({ queryKey: statementVersionsQueryKey(id) });
    },
  });
}
