import type { BriefScheduleRequest } from '@diplodesk/contracts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { briefDeliveriesQueryKey, briefQueryKey, briefScheduleQueryKey, fetchBrief, fetchBriefDeliveries, fetchBriefSchedule, saveBriefSchedule } from '../api/brief.api.ts';

export const useBrief = (unitId: string, date: string) => useQuery({ queryKey: briefQueryKey(unitId, date), queryFn: ({ signal }) => fetchBrief(unitId, date, signal), enabled: unitId !== '' && date !== '' });
export const useBriefSchedule = (unitId: string) => useQuery({ queryKey: briefScheduleQueryKey(unitId), queryFn: ({ signal }) => fetchBriefSchedule(unitId, signal), enabled: unitId !== '' });
export const useBriefDeliveries = (unitId: string) => useQuery({ queryKey: briefDeliveriesQueryKey(unitId), queryFn: ({ signal }) => fetchBriefDeliveries(unitId, signal), enabled: unitId !== '' });

export function useSaveBriefSchedule() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: BriefScheduleRequest) => saveBriefSchedule(body),
    onSuccess: (saved) => queryClient.setQueryData(briefScheduleQueryKey(saved.unitId), saved),
  });
}
