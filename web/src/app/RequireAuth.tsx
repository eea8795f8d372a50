import { Center, Loader, VisuallyHidden } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, useLocation } from 'react-router';
import { useProfileLanguage } from '../modules/session/hooks/use-language.ts';
import { useMe } from '../modules/session/hooks/use-me.ts';
import { FirstPasswordPage } from '../pages/FirstPasswordPage.tsx';
import { MfaRequiredPage } from '../pages/MfaRequiredPage.tsx';
import { ErrorAlert } from '../ui/ErrorAlert.tsx';

export function FullPageLoader() {
  const { t } = useTranslation();
  return (
    <Center h="100dvh" role="status">
      <Loader aria-hidden />
      <VisuallyHidden>{t('common.loading')}</VisuallyHidden>
    </Center>
  );
}

/** The signed-in area: waits for `me`, sends strangers to the sign-in page with a way back. */
export function RequireAuth({ children }: { children: ReactNode }) {
  const me = useMe();
  const location = useLocation();
  useProfileLanguage();

  if (me.isPending) return <FullPageLoader />;
  if (me.error) {
    return (
      <Center h="100dvh" p="md">
        <main style={{ width: '100%', maxWidth: 480 }}>
          <ErrorAlert error={me.error} onRetry={() => void me.refetch()} />
        </main>
      </Center>
    );
  }
  if (!me.data) {
    const next = `${location.pathname}${location.search}`;
    const search = next === '/' ? '' : `?next=${encodeURIComponent(next)}`;
    return <Navigate to={`/login${search}`} replace />;
  }
  if (me.data.user.mustChangePassword) return <FirstPasswordPage />;
  if (me.data.mfaSetupRequired) return <MfaRequiredPage />;
  return children;
}
