import type { MeResponse } from '@diplodesk/contracts';
import { useQuery } from '@tanstack/react-query';
import { useRef } from 'react';
import { fetchMe, meQueryKey } from '../api/session.api.ts';

export function useMe() {
  return useQuery({
    queryKey: meQueryKey,
    queryFn: ({ signal }) => fetchMe(signal),
    staleTime: 60_000,
  });
}

/** For screens behind the sign-in guard, where `me` is known to be loaded. */
export function useCurrentMe(): MeResponse {
  const { data } = useMe();
  // While signing out, `me` becomes null a render before the guard unmounts this screen.
  const last = useRef(data);
  if (data) last.current = data;
  if (!last.current) throw new Error('useCurrentMe() used outside the signed-in area');
  return last.current;
}
