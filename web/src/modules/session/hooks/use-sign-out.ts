import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useNavigate } from 'react-router';
import { setCsrfToken } from '../../../lib/api-client.ts';
import { rememberedLanguage, rememberLanguage } from '../../../lib/language-storage.ts';
import { logout, meQueryKey } from '../api/session.api.ts';

export function useSignOut() {
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  return useMutation({
    // The sign-out answer's Clear-Site-Data wipes this origin's storage, the language choice with it.
    onMutate: () => ({ language: rememberedLanguage() }),
    mutationFn: logout,
    // Whatever the server answered, this browser forgets the session and everything it loaded.
    onSettled: (_data, _error, _variables, context) => {
      if (context?.language) rememberLanguage(context.language);
      setCsrfToken(null);
      queryClient.setQueryData(meQueryKey, null);
      queryClient.removeQueries({ predicate: (query) => query.queryKey[0] !== meQueryKey[0] });
      void navigate('/login', { replace: true });
    },
  });
}
