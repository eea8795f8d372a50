import type {
  ChannelAccountDto,
  StatementDiffResponse,
  StatementDto,
  clearanceInboxResponse,
  commentDto,
  commentListResponse,
  createStatementRequest,
  statementListResponse,
  statementVersionListResponse,
  templateListResponse,
  updateStatementRequest,
  ClearanceDecisionKind,
  StatementStatus,
} from '@diplodesk/contracts';
import type { z } from 'zod';
import { apiRequest } from '../../../lib/api-client.ts';

export type StatementList = z.infer<typeof statementListResponse>;
export type ClearanceInbox = z.infer<typeof clearanceInboxResponse>;
export type CreateStatementInput = z.input<typeof createStatementRequest>;
export type UpdateStatementInput = z.input<typeof updateStatementRequest>;
export type VersionList = z.infer<typeof statementVersionListResponse>;
export type CommentList = z.infer<typeof commentListResponse>;
export type CommentDto = z.infer<typeof commentDto>;
export type TemplateList = z.infer<typeof templateListResponse>;

export interface StatementFilters {
  status?: StatementStatus;
  unitId?: string;
  q?: string;
}

export const statementsQueryKey = ['statements'] as const;
export const statementListQueryKey = (filters: StatementFilters) => ['statements', 'list', filters] as const;
export const statementInboxQueryKey = ['statements', 'inbox'] as const;
export const statementQueryKey = (id: string) => ['statements', 'detail', id] as const;
export const statementVersionsQueryKey = (id: string) => ['statements', 'detail', id, 'versions'] as const;
export const statementCommentsQueryKey = (id: string) => ['statements', 'detail', id, 'comments'] as const;
export const statementDiffQueryKey = (id: string, from: number, to: number) => ['statements', 'detail', id, 'diff', from, to] as const;
export const statementTemplatesQueryKey = ['statement-templates'] as const;
export const channelAccountsQueryKey = (unitId: string) => ['channel-accounts', unitId] as const;

const statementPath = (id: string) => `/statements/${encodeURIComponent(id)}`;

export function fetchStatements(filters: StatementFilters, cursor: string | undefined, signal?: AbortSignal): Promise<StatementList> {
  return apiRequest<StatementList>('/statements', {
    query: { status: filters.status, unitId: filters.unitId, q: filters.q, cursor, limit: 25 },
    signal,
  });
}

export function fetchInbox(signal?: AbortSignal): Promise<ClearanceInbox> {
  return apiRequest<ClearanceInbox>('/statements/inbox', { signal });
}

export function fetchStatement(id: string, signal?: AbortSignal): Promise<StatementDto> {
  return apiRequest<StatementDto>(statementPath(id), { signal });
}

export function createStatement(body: CreateStatementInput): Promise<StatementDto> {
  return apiRequest<StatementDto>('/statements', { method: 'POST', body });
}

export function updateStatement(id: string, body: UpdateStatementInput): Promise<StatementDto> {
  return apiRequest<StatementDto>(statementPath(id), { method: 'PATCH', body });
}

export function submitStatement(
  id: string,
  body: { baseVersion: number; fastTrack: boolean; scheduledAt: string | null },
): Promise<StatementDto> {
  return apiRequest<StatementDto>(`${statementPath(id)}/submit`, { method: 'POST', body });
}

export function decideClearance(
  id: string,
  body: { baseVersion: number; decision: ClearanceDecisionKind; reason?: string },
): Promise<StatementDto> {
  return apiRequest<StatementDto>(`${statementPath(id)}/decisions`, { method: 'POST', body });
}

export function scheduleStatement(id: string, scheduledAt: string | null): Promise<StatementDto> {
  return apiRequest<StatementDto>(`${statementPath(id)}/schedule`, { method: 'POST', body: { scheduledAt } });
}

export function withdrawStatement(id: string, reason: string): Promise<StatementDto> {
  return apiRequest<StatementDto>(`${statementPath(id)}/withdraw`, { method: 'POST', body: { reason } });
}

export function fetchVersions(id: string, signal?: AbortSignal): Promise<VersionList> {
  return apiRequest<VersionList>(`${statementPath(id)}/versions`, { signal });
}

export function fetchDiff(id: string, from: number, to: number, signal?: AbortSignal): Promise<StatementDiffResponse> {
  return apiRequest<StatementDiffResponse>(`${statementPath(id)}/diff`, { query: { from, to }, signal });
}

export function fetchComments(id: string, signal?: AbortSignal): Promise<CommentList> {
  return apiRequest<CommentList>(`${statementPath(id)}/comments`, { signal });
}

export function addComment(id: string, version: number, body: string): Promise<CommentDto> {
  return apiRequest<CommentDto>(`${statementPath(id)}/comments`, { method: 'POST', body: { version, body } });
}

export function fetchTemplates(signal?: AbortSignal): Promise<TemplateList> {
  return apiRequest<TemplateList>('/statement-templates', { signal });
}

export function fetchChannelAccounts(unitId: string, signal?: AbortSignal): Promise<{ items: ChannelAccountDto[] }> {
  return apiRequest<{ items: ChannelAccountDto[] }>('/channel-accounts', { query: { unitId }, signal });
}

export function attachmentUrl(statementId: string, attachmentId: string): string {
  return `/api/v1${statementPath(statementId)}/attachments/${encodeURIComponent(attachmentId)}`;
}
