import type { AuditVerifyResult, auditListResponse } from '@diplodesk/contracts';
import type { z } from 'zod';
import { apiRequest } from '../../../lib/api-client.ts';

export type AuditPage = z.infer<typeof auditListResponse>;

export interface AuditQuery {
  action?: string;
  targetType?: string;
  targetId?: string;
  actorId?: string;
  from?: string;
  to?: string;
  before?: number;
  limit?: number;
}

export const auditQueryKey = ['audit'] as const;
export const auditListQueryKey = (query: AuditQuery) => ['audit', 'list', query] as const;

export function fetchAuditPage(query: AuditQuery, signal?: AbortSignal): Promise<AuditPage> {
  return apiRequest<AuditPage>('/audit', { query: { ...query }, signal });
}

export function verifyAuditChain(): Promise<AuditVerifyResult> {
  return apiRequest<AuditVerifyResult>('/audit/verify');
}
