import type { UiLocale } from '@diplodesk/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { toUiLocale } from '../../../lib/intl.ts';
import { rememberLanguage } from '../../../lib/language-storage.ts';
import { meQueryKey, updateMe } from '../api/session.api.ts';
import { useMe } from './use-me.ts';

/** Switches the interface language, remembers it here and, when signed in, in the profile. */
export function useChangeLanguage() {
  const { i18n } = useTranslation();
  const { data: me } = useMe();
  const queryClient = useQueryClient();
  const { mutate: saveLocale } = useMutation({
    mutationFn: (locale: UiLocale) => updateMe({ locale }),
    onSuccess: (next) => queryClient.setQueryData(meQueryKey, next),
  });
  const isSignedIn = Boolean(me);

  return useCallback(
    (locale: UiLocale) => {
      rememberLanguage(locale);
      void i18n.changeLanguage(locale);
      if (isSignedIn) saveLocale(locale);
    },
    [i18n, isSignedIn, saveLocale],
  );
}

/** After sign-in the profile's language wins over what this browser had stored. */
export function useProfileLanguage(): void {
  const { i18n } = useTranslation();
  const { data: me } = useMe();
  const appliedFor = useRef<string | null>(null);

  useEffect(() => {
    if (!me) {
      appliedFor.current = null;
      return;
    }
    if (appliedFor.current === me.user.id) return;
    appliedFor.current = me.user.id;
    if (toUiLocale(i18n.resolvedLanguage) !== me.user.locale) {
      rememberLanguage(me.user.locale);
      void i18n.changeLanguage(me.user.locale);
    }
  }, [me, i18n]);
}
