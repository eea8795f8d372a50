import type { SystemInfo } from '@diplodesk/contracts';
import { apiRequest } from '../../../lib/api-client.ts';

export const systemQueryKey = ['system'] as const;

export function fetchSystemInfo(signal?: AbortSignal): Promise<SystemInfo> {
  return apiRequest<SystemInfo>('/system', { signal });
}
