import type { Permission } from '@diplodesk/contracts';
import { Stack, Tabs } from '@mantine/core';
import { IconBell, IconBuilding, IconWorld, IconKey, IconListDetails, IconShieldLock, IconUsers } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Navigate, Outlet, useLocation, useNavigate } from 'react-router';
import { usePageTitle } from '../lib/use-page-title.ts';
import { useCurrentMe } from '../modules/session/hooks/use-me.ts';
import { PageHeader } from '../ui/PageHeader.tsx';

export const adminTabs = [
  { value: 'units', permission: 'unit.read', Icon: IconBuilding },
  { value: 'users', permission: 'user.read', Icon: IconUsers },
  { value: 'audit', permission: 'audit.read', Icon: IconListDetails },
  { value: 'sso', permission: 'system.manage', Icon: IconKey },
  { value: 'security', permission: 'system.manage', Icon: IconShieldLock },
  { value: 'delivery', permission: 'system.manage', Icon: IconBell },
  { value: 'insights', permission: 'system.manage', Icon: IconWorld },
] as const satisfies readonly { value: string; permission: Permission; Icon: unknown }[];

/** Administration: one h1, a tab per resource the person may read, the tab's screen below. */
export function AdminPage() {
  const { t } = useTranslation();
  const { permissions } = useCurrentMe();
  const { pathname } = useLocation();
  const navigate = useNavigate();
  usePageTitle(t('areas.administration.title'));

  const tabs = adminTabs.filter((tab) => permissions.includes(tab.permission));
  const current = pathname.split('/')[2] ?? '';
  const first = tabs[0];
  if (!current && first) return <Navigate to={`/admin/${first.value}`} replace />;

  return (
    <Stack gap="md">
      <PageHeader mb={0} title={t('areas.administration.title')} description={t('areas.administration.summary')} />
      <Tabs value={current} onChange={(value) => value && void navigate(`/admin/${value}`)} keepMounted={false}>
        <Tabs.List aria-label={t('admin.tabsLabel')}>
          {tabs.map(({ value, Icon }) => (
            <Tabs.Tab key={value} value={value} leftSection={<Icon size={16} aria-hidden />}>
              {t(`admin.tabs.${value}`)}
            </Tabs.Tab>
          ))}
        </Tabs.List>
      </Tabs>
      <Outlet />
    </Stack>
  );
}
