import { useTranslation } from 'react-i18next';
import { usePageTitle } from '../lib/use-page-title.ts';
import { useCurrentMe } from '../modules/session/hooks/use-me.ts';
import { SsoProvidersPanel } from '../modules/sso/components/SsoProvidersPanel.tsx';
import { ForbiddenNotice } from '../ui/ForbiddenNotice.tsx';

/** Administration → Single sign-on: the identity providers people may sign in through. */
export function AdminSsoPage() {
  const { t } = useTranslation();
  const { permissions } = useCurrentMe();
  usePageTitle(t('admin.tabs.sso'));
  if (!permissions.includes('system.manage')) return <ForbiddenNotice />;
  return <SsoProvidersPanel />;
}
