import type { SavedSearchDto } from '@diplodesk/contracts';
import { useMemo } from 'react';
import { useSavedSearches } from '../../listening/live/hooks/use-live-queries.ts';

/** The saved searches the person can see, by id (their own and those shared with them), when `enabled`. */
export function useSavedSearchesById(enabled: boolean): Map<string, SavedSearchDto> {
  const saved = useSavedSearches(enabled);
  return useMemo(() => new Map((saved.data?.items ?? []).map((s) => [s.id, s])), [saved.data]);
}
