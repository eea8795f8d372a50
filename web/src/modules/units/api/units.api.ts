import type { UnitDto, createUnitRequest, unitListResponse, updateUnitRequest } from '@diplodesk/contracts';
import type { z } from 'zod';
import { apiRequest } from '../../../lib/api-client.ts';

export type UnitList = z.infer<typeof unitListResponse>;
export type CreateUnitRequest = z.input<typeof createUnitRequest>;
export type UpdateUnitRequest = z.input<typeof updateUnitRequest>;

export const unitsQueryKey = ['units'] as const;

export function fetchUnits(signal?: AbortSignal): Promise<UnitList> {
  return apiRequest<UnitList>('/units', { signal });
}

export function createUnit(body: CreateUnitRequest): Promise<UnitDto> {
  return apiRequest<UnitDto>('/units', { method: 'POST', body });
}

export function updateUnit(id: string, body: UpdateUnitRequest): Promise<UnitDto> {
  return apiRequest<UnitDto>(`/units/${encodeURIComponent(id)}`, { method: 'PATCH', body });
}
