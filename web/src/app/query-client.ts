import { QueryCache, QueryClient } from '@tanstack/react-query';
import { isApiError } from '../lib/api-client.ts';
import { meQueryKey } from '../modules/session/api/session.api.ts';

export function createQueryClient(): QueryClient {
  const client: QueryClient = new QueryClient({
    queryCache: new QueryCache({
      onError: (error, query) => {
        // A session that ended (expiry, sign-out elsewhere) sends everyone back to the sign-in page and
        // leaves nothing of what it showed in memory (authenticated answers are never cached by the
        // browser: no-store); only the language choice stays, in local storage.
        if (isApiError(error) && error.code === 'auth.required' && query.queryKey[0] !== meQueryKey[0]) {
          client.removeQueries({ predicate: (q) => q.queryKey[0] !== meQueryKey[0] });
          client.setQueryData(meQueryKey, null);
        }
      },
    }),
    defaultOptions: {
      queries: {
        staleTime: 30_000,
        refetchOnWindowFocus: true,
        retry: (failureCount, error) => {
          if (isApiError(error) && error.status > 0 && error.status < 500) return false;
          return failureCount < 2;
        },
      },
      mutations: { retry: false },
    },
  });
  return client;
}
