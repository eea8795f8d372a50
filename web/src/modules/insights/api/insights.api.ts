import type { AlertDto, AlertRuleDto, createAlertRuleRequest, RollupRebuildDto, TrendBucket, TrendDimension, TrendResponse, updateAlertRuleRequest } from '@diplodesk/contracts';
import type { z } from 'zod';
import { apiRequest } from '../../../lib/api-client.ts';

/** What a trend chart asks for. */
export interface TrendRequest {
  dimension: TrendDimension;
  bucket: TrendBucket;
  from: string;
  to: string;
  tz: string;
  top?: number;
}

export const insightsQueryKey = ['insights'] as const;
export const trendQueryKey = (request: TrendRequest) => ['insights', 'trend', request] as const;
export const rebuildQueryKey = ['insights', 'rebuild'] as const;

const trendQuery = (r: TrendRequest) => ({ dimension: r.dimension, bucket: r.bucket, from: r.from, to: r.to, tz: r.tz, top: r.top });

export function fetchTrend(request: TrendRequest, signal?: AbortSignal): Promise<TrendResponse> {
  return apiRequest<TrendResponse>('/insights/trends', { signal, query: trendQuery(request) });
}

/** The address of the same trend as a CSV download (the browser sends the session cookie). */
export function trendCsvHref(request: TrendRequest): string {
  const params = new URLSearchParams(Object.entries(trendQuery(request)).flatMap(([k, v]) => (v === undefined ? [] : [[k, String(v)]])));
  return `/api/v1/insights/trends.csv?${params}`;
}

export function fetchRebuild(signal?: AbortSignal): Promise<RollupRebuildDto> {
  return apiRequest<RollupRebuildDto>('/insights/rollups/rebuild', { signal });
}

export function startRebuild(): Promise<RollupRebuildDto> {
  return apiRequest<RollupRebuildDto>('/insights/rollups/rebuild', { method: 'POST', body: {} });
}

export type AlertList = { items: AlertDto[]; open: number };
export type AlertRuleList = { items: AlertRuleDto[]; policies: Record<string, boolean> };
export type NewAlertRule = z.input<typeof createAlertRuleRequest>;
export type AlertRuleChange = z.input<typeof updateAlertRuleRequest>;

export const alertsQueryKey = ['insights', 'alerts'] as const;
export const alertRulesQueryKey = ['insights', 'alert-rules'] as const;

export function fetchAlerts(state: 'open' | 'acknowledged' | 'all', signal?: AbortSignal): Promise<AlertList> {
  return apiRequest<AlertList>('/insights/alerts', { signal, query: { state, limit: 100 } });
}

export function acknowledgeAlert(id: string): Promise<AlertDto> {
  return apiRequest<AlertDto>(`/insights/alerts/${encodeURIComponent(id)}/acknowledge`, { method: 'POST' });
}

export function fetchAlertRules(signal?: AbortSignal): Promise<AlertRuleList> {
  return apiRequest<AlertRuleList>('/insights/alert-rules', { signal });
}

export function createAlertRule(body: NewAlertRule): Promise<AlertRuleDto> {
  return apiRequest<AlertRuleDto>('/insights/alert-rules', { method: 'POST', body });
}

export function updateAlertRule(id: string, body: AlertRuleChange): Promise<AlertRuleDto> {
  return apiRequest<AlertRuleDto>(`/insights/alert-rules/${encodeURIComponent(id)}`, { method: 'PATCH', body });
}

export function deleteAlertRule(id: string): Promise<void> {
  return apiRequest<void>(`/insights/alert-rules/${encodeURIComponent(id)}`, { method: 'DELETE' });
}

export const alertQueryKey = (id: string) => ['insights', 'alerts', 'one', id] as const;

export function fetchAlert(id: string, signal?: AbortSignal): Promise<AlertDto> {
  return apiRequest<AlertDto>(`/insights/alerts/${encodeURIComponent(id)}`, { signal });
}
