import type { RollupRebuildDto, TrendBucket, TrendDimension, TrendResponse } from '@diplodesk/contracts';
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
