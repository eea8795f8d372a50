import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type UpdateUnitRequest, createUnit, fetchUnits, unitsQueryKey, updateUnit } from '../api/units.api.ts';

export function useUnits(enabled = true) {
  return useQuery({ queryKey: unitsQueryKey, queryFn: ({ signal }) => fetchUnits(signal), enabled });
}

export function useCreateUnit() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: createUnit,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: unitsQueryKey }),
  });
}

export function useUpdateUnit() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, body }: { id: string; body: UpdateUnitRequest }) => updateUnit(id, body),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: unitsQueryKey }),
  });
}
