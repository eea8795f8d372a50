import type { ImportDto, ImportMappingDto } from '@diplodesk/contracts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { cancelImport, fetchImport, fetchImports, importQueryKey, importsQueryKey, startImport } from './import.api.ts';

/** Whether an import's figures may still change (reading, or analysis catching up). */
export const isMoving = (i: ImportDto) => i.status === 'running' || (i.status !== 'ready' && !i.settled);

export function useImports(enabled = true) {
  return useQuery({
    queryKey: importsQueryKey,
    queryFn: ({ signal }) => fetchImports(signal),
    enabled,
    refetchInterval: (query) => (query.state.data?.items.some(isMoving) ? 3000 : false),
  });
}

/** One import, asked for every second while it moves. */
export function useImport(id: string) {
  return useQuery({
    queryKey: importQueryKey(id),
    queryFn: ({ signal }) => fetchImport(id, signal),
    refetchInterval: (query) => (query.state.data && isMoving(query.state.data) ? 1000 : false),
  });
}

function useImportChanged() {
  const queryClient = useQueryClient();
  return (changed: ImportDto) => {
    queryClient.setQueryData(importQueryKey(changed.id), changed);
    void queryClient.invalidateQueries({ queryKey: importsQueryKey });
  };
}

export function useStartImport() {
  const changed = useImportChanged();
  return useMutation({ mutationFn: ({ id, mapping }: { id: string; mapping: ImportMappingDto }) => startImport(id, mapping), onSuccess: changed });
}

export function useCancelImport() {
  const changed = useImportChanged();
  return useMutation({ mutationFn: cancelImport, onSuccess: changed });
}
