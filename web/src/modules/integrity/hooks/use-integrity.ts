import type { ClaimLinkState, CreateClaimRequest } from '@diplodesk/contracts';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  actOnFinding,
  type ClaimChange,
  claimQueryKey,
  claimsQueryKey,
  createClaim,
  createNarrative,
  createOfficialAccount,
  decideClaimLink,
  fetchClaim,
  fetchClaimLinks,
  fetchClaims,
  fetchClaimSpread,
  fetchAssigneesOfFindings,
  fetchFinding,
  fetchFindingAssignees,
  fetchFindingCounts,
  fetchFindingNetwork,
  fetchFindings,
  fetchIntegritySettings,
  fetchNarratives,
  fetchOfficialAccounts,
  type FindingFilters,
  type FindingStep,
  findingCountsQueryKey,
  findingNetworkQueryKey,
  findingQueryKey,
  findingsQueryKey,
  importClaims,
  integritySettingsQueryKey,
  narrativesQueryKey,
  type OfficialAccountInput,
  officialAccountsQueryKey,
  removeOfficialAccount,
  renameNarrative,
  saveIntegritySettings,
  updateClaim,
  updateOfficialAccount,
} from '../api/integrity.api.ts';

/** Open findings for the navigation's badge; live events refresh it. */
export function useFindingCounts(enabled = true) {
  return useQuery({ queryKey: findingCountsQueryKey, queryFn: ({ signal }) => fetchFindingCounts(signal), enabled, refetchInterval: 60_000 });
}

/** A page of the findings inbox; the previous page stays while the next loads. */
export function useFindings(filters: FindingFilters, enabled = true) {
  return useQuery({ queryKey: [...findingsQueryKey, 'list', filters], queryFn: ({ signal }) => fetchFindings(filters, signal), enabled, placeholderData: keepPreviousData });
}

/** Who a finding may be assigned to; asked only when the caller may assign. */
export function useFindingAssignees(id: string, enabled: boolean) {
  return useQuery({ queryKey: [...findingQueryKey(id), 'assignees'], queryFn: ({ signal }) => fetchFindingAssignees(id, signal), enabled: enabled && id !== '' });
}

/** The people holding findings, for the inbox's "assigned to" filter. */
export function useAssigneesOfFindings(enabled: boolean) {
  return useQuery({ queryKey: [...findingsQueryKey, 'assignees'], queryFn: ({ signal }) => fetchAssigneesOfFindings(signal), enabled });
}

export function useFinding(id: string) {
  return useQuery({ queryKey: findingQueryKey(id), queryFn: ({ signal }) => fetchFinding(id, signal), enabled: id !== '' });
}

export function useFindingStep(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (step: FindingStep) => actOnFinding(id, step),
    onSuccess: (finding) => {
      queryClient.setQueryData(findingQueryKey(id), finding);
      void queryClient.invalidateQueries({ queryKey: findingsQueryKey });
    },
  });
}

export function useClaims(query: { q?: string; narrativeId?: string; limit: number; offset: number }, enabled = true) {
  return useQuery({ queryKey: [...claimsQueryKey, 'list', query], queryFn: ({ signal }) => fetchClaims(query, signal), enabled, placeholderData: keepPreviousData });
}

/** One claim; checked every two seconds while its back-fill runs. */
export function useClaim(id: string | null) {
  return useQuery({
    queryKey: claimQueryKey(id ?? ''),
    queryFn: ({ signal }) => fetchClaim(id ?? '', signal),
    enabled: id !== null && id !== '',
    refetchInterval: (query) => (query.state.data?.backfill.state === 'running' ? 2000 : false),
  });
}

export function useClaimSpread(id: string, refreshKey: unknown) {
  return useQuery({ queryKey: [...claimQueryKey(id), 'spread', refreshKey], queryFn: ({ signal }) => fetchClaimSpread(id, signal), placeholderData: keepPreviousData });
}

export function useClaimLinks(id: string, state: ClaimLinkState | undefined, refreshKey: unknown) {
  return useQuery({ queryKey: [...claimQueryKey(id), 'links', state ?? 'all', refreshKey], queryFn: ({ signal }) => fetchClaimLinks(id, state, signal), placeholderData: keepPreviousData });
}

export function useDecideClaimLink() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: { id: string; verb: 'confirm' | 'reject' }) => decideClaimLink(input.id, input.verb),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['integrity'] }),
  });
}

export function useSaveClaim() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: { id: string | null; body: CreateClaimRequest }) => {
      if (input.id === null) return createClaim(input.body);
      const { unitId: _unit, ...change } = input.body;
      return updateClaim(input.id, change as ClaimChange);
    },
    onSuccess: (claim) => {
      queryClient.setQueryData(claimQueryKey(claim.id), claim);
      void queryClient.invalidateQueries({ queryKey: claimsQueryKey });
      void queryClient.invalidateQueries({ queryKey: narrativesQueryKey });
    },
  });
}

export function useImportClaims() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: { unitId: string; document: unknown }) => importClaims(input.unitId, input.document),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: claimsQueryKey }),
  });
}

export function useNarratives(enabled = true) {
  return useQuery({ queryKey: narrativesQueryKey, queryFn: ({ signal }) => fetchNarratives(signal), enabled });
}

export function useSaveNarrative() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: { id: string | null; unitId: string; name: string }) => (input.id === null ? createNarrative({ unitId: input.unitId, name: input.name }) : renameNarrative(input.id, { name: input.name })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: narrativesQueryKey }),
  });
}

export function useIntegritySettings(enabled = true) {
  return useQuery({ queryKey: integritySettingsQueryKey, queryFn: ({ signal }) => fetchIntegritySettings(signal), enabled });
}

export function useSaveIntegritySettings() {
  const queryClient = useQueryClient();
  return useMutation({ mutationFn: saveIntegritySettings, onSuccess: (settings) => queryClient.setQueryData(integritySettingsQueryKey, settings) });
}

/** A coordination finding's network (accounts, co-share edges, timeline); only asked for coordination findings. */
export function useFindingNetwork(id: string, enabled: boolean) {
  return useQuery({ queryKey: findingNetworkQueryKey(id), queryFn: ({ signal }) => fetchFindingNetwork(id, signal), enabled: enabled && id !== '' });
}

export function useOfficialAccounts(enabled = true) {
  return useQuery({ queryKey: officialAccountsQueryKey, queryFn: ({ signal }) => fetchOfficialAccounts(signal), enabled });
}

export function useSaveOfficialAccount() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: { id: string | null; body: OfficialAccountInput }) => {
      if (input.id === null) return createOfficialAccount(input.body);
      const { handle, displayName, remoteAccountId } = input.body;
      return updateOfficialAccount(input.id, { handle, displayName, remoteAccountId });
    },
    onSuccess: () => queryClient.invalidateQueries({ queryKey: officialAccountsQueryKey }),
  });
}

export function useRemoveOfficialAccount() {
  const queryClient = useQueryClient();
  return useMutation({ mutationFn: removeOfficialAccount, onSuccess: () => queryClient.invalidateQueries({ queryKey: officialAccountsQueryKey }) });
}
