import type {
  ClaimDto,
  claimImportResponse,
  claimLinkDto,
  claimLinkListResponse,
  ClaimLinkState,
  claimSpreadDto,
  CreateClaimRequest,
  findingCountsDto,
  findingDetailDto,
  FindingDetector,
  FindingNetworkDto,
  findingListResponse,
  FindingOutcome,
  FindingSeverity,
  FindingStatus,
  integritySettingsDto,
  narrativeDto,
  narrativeListResponse,
  OfficialAccountDto,
  officialAccountListResponse,
  updateClaimRequest,
} from '@diplodesk/contracts';
import type { z } from 'zod';
import { apiRequest } from '../../../lib/api-client.ts';

export type FindingCounts = z.output<typeof findingCountsDto>;
export type FindingList = z.output<typeof findingListResponse>;
export type FindingDetail = z.output<typeof findingDetailDto>;
export type ClaimList = { items: ClaimDto[]; total: number; policies: Record<string, boolean> };
export type ClaimChange = z.input<typeof updateClaimRequest>;
export type ClaimLink = z.output<typeof claimLinkDto>;
export type ClaimLinkList = z.output<typeof claimLinkListResponse>;
export type ClaimSpread = z.output<typeof claimSpreadDto>;
export type ClaimImportResult = z.output<typeof claimImportResponse>;
export type Narrative = z.output<typeof narrativeDto>;
export type NarrativeList = z.output<typeof narrativeListResponse>;
export type IntegritySettings = z.output<typeof integritySettingsDto>;
export type OfficialAccount = OfficialAccountDto;
export type OfficialAccountList = z.output<typeof officialAccountListResponse>;
export type FindingNetwork = FindingNetworkDto;

/** What the findings inbox asks for. */
export interface FindingFilters {
  open?: boolean;
  status?: FindingStatus;
  detector?: FindingDetector;
  severity?: FindingSeverity;
  /** `me`, `none`, or a person's id. */
  assignee?: string;
  limit: number;
  offset: number;
}

export const integrityQueryKey = ['integrity'] as const;
export const findingsQueryKey = ['integrity', 'findings'] as const;
export const findingCountsQueryKey = ['integrity', 'findings', 'counts'] as const;
export const findingQueryKey = (id: string) => ['integrity', 'findings', 'one', id] as const;
export const claimsQueryKey = ['integrity', 'claims'] as const;
export const claimQueryKey = (id: string) => ['integrity', 'claims', 'one', id] as const;
export const narrativesQueryKey = ['integrity', 'narratives'] as const;
export const integritySettingsQueryKey = ['integrity', 'settings'] as const;
export const officialAccountsQueryKey = ['integrity', 'official-accounts'] as const;
export const findingNetworkQueryKey = (id: string) => ['integrity', 'findings', 'one', id, 'network'] as const;

export function fetchFindings(filters: FindingFilters, signal?: AbortSignal): Promise<FindingList> {
  const { open, ...rest } = filters;
  return apiRequest<FindingList>('/integrity/findings', { signal, query: { ...rest, open: open === undefined ? undefined : String(open) } });
}

export function fetchFindingCounts(signal?: AbortSignal): Promise<FindingCounts> {
  return apiRequest<FindingCounts>('/integrity/findings/counts', { signal });
}

/** A person a finding may be assigned to, or who holds findings. */
export type Assignee = { id: string; name: string };

/** Who this finding may be assigned to (the server checks each may read it). */
export function fetchFindingAssignees(id: string, signal?: AbortSignal): Promise<{ items: Assignee[] }> {
  return apiRequest<{ items: Assignee[] }>(`/integrity/findings/${encodeURIComponent(id)}/assignees`, { signal });
}

/** The people holding findings the caller sees (the inbox's filter). */
export function fetchAssigneesOfFindings(signal?: AbortSignal): Promise<{ items: Assignee[] }> {
  return apiRequest<{ items: Assignee[] }>('/integrity/findings/assignees', { signal });
}

export function fetchFinding(id: string, signal?: AbortSignal): Promise<FindingDetail> {
  return apiRequest<FindingDetail>(`/integrity/findings/${encodeURIComponent(id)}`, { signal });
}

/** One step of a finding's workflow. */
export type FindingStep =
  | { action: 'triage'; severity?: FindingSeverity }
  | { action: 'assign'; assigneeId: string | null }
  | { action: 'comments'; text: string }
  | { action: 'resolve'; outcome: FindingOutcome; note?: string }
  | { action: 'reopen' };

export function actOnFinding(id: string, step: FindingStep): Promise<FindingDetail> {
  const { action, ...body } = step;
  return apiRequest<FindingDetail>(`/integrity/findings/${encodeURIComponent(id)}/${action}`, { method: 'POST', body });
}

export function fetchClaims(query: { q?: string; narrativeId?: string; limit: number; offset: number }, signal?: AbortSignal): Promise<ClaimList> {
  return apiRequest<ClaimList>('/integrity/claims', { signal, query });
}

export function fetchClaim(id: string, signal?: AbortSignal): Promise<ClaimDto> {
  return apiRequest<ClaimDto>(`/integrity/claims/${encodeURIComponent(id)}`, { signal });
}

export function createClaim(body: CreateClaimRequest): Promise<ClaimDto> {
  return apiRequest<ClaimDto>('/integrity/claims', { method: 'POST', body });
}

export function updateClaim(id: string, body: ClaimChange): Promise<ClaimDto> {
  return apiRequest<ClaimDto>(`/integrity/claims/${encodeURIComponent(id)}`, { method: 'PATCH', body });
}

export function fetchClaimSpread(id: string, signal?: AbortSignal): Promise<ClaimSpread> {
  return apiRequest<ClaimSpread>(`/integrity/claims/${encodeURIComponent(id)}/spread`, { signal });
}

export function fetchClaimLinks(id: string, state: ClaimLinkState | undefined, signal?: AbortSignal): Promise<ClaimLinkList> {
  return apiRequest<ClaimLinkList>(`/integrity/claims/${encodeURIComponent(id)}/links`, { signal, query: { state, limit: 100 } });
}

export function fetchItemClaimLinks(itemId: string, signal?: AbortSignal): Promise<{ items: ClaimLink[] }> {
  return apiRequest<{ items: ClaimLink[] }>(`/integrity/items/${encodeURIComponent(itemId)}/claim-links`, { signal });
}

export function decideClaimLink(id: string, verb: 'confirm' | 'reject'): Promise<ClaimLink> {
  return apiRequest<ClaimLink>(`/integrity/claim-links/${encodeURIComponent(id)}/${verb}`, { method: 'POST' });
}

/** Sends a ClaimReview JSON-LD document (already parsed) to a unit. */
export function importClaims(unitId: string, document: unknown): Promise<ClaimImportResult> {
  return apiRequest<ClaimImportResult>('/integrity/claims/import', { method: 'POST', body: document, query: { unitId } });
}

/** The registry as ClaimReview JSON-LD; the browser downloads it with the session cookie. */
export function claimsExportHref(narrativeId?: string | null): string {
  return narrativeId ? `/api/v1/integrity/claims/export?narrativeId=${encodeURIComponent(narrativeId)}` : '/api/v1/integrity/claims/export';
}

export function fetchNarratives(signal?: AbortSignal): Promise<NarrativeList> {
  return apiRequest<NarrativeList>('/integrity/narratives', { signal });
}

export function createNarrative(body: { unitId: string; name: string; description?: string | null }): Promise<Narrative> {
  return apiRequest<Narrative>('/integrity/narratives', { method: 'POST', body });
}

export function renameNarrative(id: string, body: { name?: string; description?: string | null }): Promise<Narrative> {
  return apiRequest<Narrative>(`/integrity/narratives/${encodeURIComponent(id)}`, { method: 'PATCH', body });
}

export function fetchIntegritySettings(signal?: AbortSignal): Promise<IntegritySettings> {
  return apiRequest<IntegritySettings>('/integrity/settings', { signal });
}

export function saveIntegritySettings(body: { autoLink: number; suggest: number }): Promise<IntegritySettings> {
  return apiRequest<IntegritySettings>('/integrity/settings', { method: 'PUT', body });
}

export function fetchFindingNetwork(id: string, signal?: AbortSignal): Promise<FindingNetwork> {
  return apiRequest<FindingNetwork>(`/integrity/findings/${encodeURIComponent(id)}/network`, { signal });
}

export function fetchOfficialAccounts(signal?: AbortSignal): Promise<OfficialAccountList> {
  return apiRequest<OfficialAccountList>('/integrity/official-accounts', { signal });
}

/** What the official account form sends; the platform and unit are fixed once registered. */
export interface OfficialAccountInput {
  unitId: string;
  platform: string;
  handle: string;
  displayName: string | null;
  remoteAccountId: string | null;
}

export function createOfficialAccount(body: OfficialAccountInput): Promise<OfficialAccount> {
  return apiRequest<OfficialAccount>('/integrity/official-accounts', { method: 'POST', body });
}

export function updateOfficialAccount(id: string, body: { handle: string; displayName: string | null; remoteAccountId: string | null }): Promise<OfficialAccount> {
  return apiRequest<OfficialAccount>(`/integrity/official-accounts/${encodeURIComponent(id)}`, { method: 'PATCH', body });
}

export function removeOfficialAccount(id: string): Promise<void> {
  return apiRequest<void>(`/integrity/official-accounts/${encodeURIComponent(id)}`, { method: 'DELETE' });
}
