import type { BriefDeliveryDto, BriefDto, BriefScheduleDto, BriefScheduleRequest } from '@diplodesk/contracts';
import { apiRequest, buildUrl } from '../../../lib/api-client.ts';

export const briefQueryKey = (unitId: string, date: string) => ['insights', 'brief', unitId, date] as const;
export const briefScheduleQueryKey = (unitId: string) => ['insights', 'brief-schedule', unitId] as const;
export const briefDeliveriesQueryKey = (unitId: string) => ['insights', 'brief-deliveries', unitId] as const;

export function fetchBrief(unitId: string, date: string, signal?: AbortSignal): Promise<BriefDto> {
  return apiRequest<BriefDto>('/insights/brief', { signal, query: { unit: unitId, date } });
}

/** The PDF's address (the browser sends the session cookie with the download). */
export function briefPdfHref(unitId: string, date: string, lang: 'en' | 'id'): string {
  return `/api/v1${buildUrl('/insights/brief.pdf', { unit: unitId, date, lang })}`;
}

export function fetchBriefSchedule(unitId: string, signal?: AbortSignal): Promise<BriefScheduleDto> {
  return apiRequest<BriefScheduleDto>('/insights/brief/schedule', { signal, query: { unit: unitId } });
}

export function saveBriefSchedule(body: BriefScheduleRequest): Promise<BriefScheduleDto> {
  return apiRequest<BriefScheduleDto>('/insights/brief/schedule', { method: 'PUT', body });
}

export function fetchBriefDeliveries(unitId: string, signal?: AbortSignal): Promise<{ items: BriefDeliveryDto[] }> {
  return apiRequest<{ items: BriefDeliveryDto[] }>('/insights/brief/deliveries', { signal, query: { unit: unitId } });
}
