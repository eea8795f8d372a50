import type { createMonitorRequest, MonitorDto, MonitorListResponse, MonitorSeriesResponse, updateMonitorRequest } from '@diplodesk/contracts';
import type { z } from 'zod';
import { apiRequest } from '../../../lib/api-client.ts';

export type NewMonitor = z.input<typeof createMonitorRequest>;
export type MonitorChange = z.input<typeof updateMonitorRequest>;

export const monitorsQueryKey = ['insights', 'monitors'] as const;
export const monitorQueryKey = (id: string, days: number) => ['insights', 'monitors', id, days] as const;

export function fetchMonitors(signal?: AbortSignal): Promise<MonitorListResponse> {
  return apiRequest<MonitorListResponse>('/insights/monitors', { signal });
}

export function fetchMonitor(id: string, days: number, signal?: AbortSignal): Promise<MonitorSeriesResponse> {
  return apiRequest<MonitorSeriesResponse>(`/insights/monitors/${encodeURIComponent(id)}`, { signal, query: { days } });
}

export function createMonitor(body: NewMonitor): Promise<MonitorDto> {
  return apiRequest<MonitorDto>('/insights/monitors', { method: 'POST', body });
}

export function updateMonitor(id: string, body: MonitorChange): Promise<MonitorDto> {
  return apiRequest<MonitorDto>(`/insights/monitors/${encodeURIComponent(id)}`, { method: 'PATCH', body });
}
