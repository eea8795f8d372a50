import { AppShell, Badge, Burger, Group, NavLink, ScrollArea, Stack, Text } from '@mantine/core';
import { useDisclosure, useMediaQuery } from '@mantine/hooks';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Outlet, useLocation } from 'react-router';
import { LiveUpdatesProvider } from '../modules/live/components/LiveUpdatesProvider.tsx';
import { LanguageSwitch } from '../modules/session/components/LanguageSwitch.tsx';
import { UserMenu } from '../modules/session/components/UserMenu.tsx';
import { useCurrentMe } from '../modules/session/hooks/use-me.ts';
import { canSeeAdministration } from '../modules/session/utils/permissions.ts';
import { useSystemInfo } from '../modules/system/hooks/use-system-info.ts';
import { areaIcons, comingAreas } from './navigation.ts';
import { headerBackground } from './theme.ts';
import { ExpiryNotices } from '../modules/statements/components/ExpiryNotices.tsx';
import { AlertToasts } from '../modules/insights/components/AlertToasts.tsx';
import { FindingToasts } from '../modules/integrity/components/FindingToasts.tsx';
import { useFindingCounts } from '../modules/integrity/hooks/use-integrity.ts';

function isActive(pathname: string, to: string): boolean {
  return to === '/' ? pathname === '/' : pathname === to || pathname.startsWith(`${to}/`);
}

export function AppLayout() {
  const { t } = useTranslation();
  const me = useCurrentMe();
  const system = useSystemInfo();
  const { pathname } = useLocation();
  const [navOpened, { toggle: toggleNav, close: closeNav }] = useDisclosure(false);
  // Below `sm` the collapsed navbar only slides out of view; `inert` keeps keyboard focus out of it too.
  const isPhone = useMediaQuery('(max-width: 47.99em)');

  // On a phone the drawer-like navbar closes once a destination is chosen.
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs on navigation only
  useEffect(() => {
    closeNav();
  }, [pathname]);

  const canReadIntegrity = me.permissions.includes('integrity.read');
  const openFindings = useFindingCounts(canReadIntegrity).data?.open ?? 0;

  const navItem = (to: string, label: string, Icon: (typeof areaIcons)[keyof typeof areaIcons], coming = false, count = 0) => {
    const active = isActive(pathname, to);
    return (
      <NavLink
        key={to}
        component={Link}
        to={to}
        label={label}
        active={active}
        aria-current={active ? 'page' : undefined}
        // The count is read with the name ("Integrity, 3 open findings"); the badge itself is not.
        aria-label={count > 0 ? t('nav.withOpenFindings', { area: label, count }) : undefined}
        leftSection={<Icon size={18} stroke={1.6} aria-hidden />}
        rightSection={
          count > 0 ? (
            // The space keeps the visible text "Integrity 3", which the name "Integrity, 3 open findings" holds word for word.
            <>
              {' '}
              <Badge size="sm" color="red" circle={count < 10} aria-hidden>
                {count > 99 ? '99+' : count}
              </Badge>
            </>
          ) : undefined
        }
        // Under the name, not beside it: "Segera hadir" beside "Negosiasi" would cut the name short.
        description={coming ? t('nav.comingBadge') : undefined}
        styles={{ root: { borderRadius: 'var(--mantine-radius-sm)' } }}
      />
    );
  };

  return (
    <LiveUpdatesProvider enabled>
      <ExpiryNotices />
      <AlertToasts enabled={me.permissions.includes('insight.read')} />
      <FindingToasts enabled={canReadIntegrity} userId={me.user.id} />
      <a href="#main-content" className="dd-skip-link">
        {t('shell.skipToContent')}
      </a>
      <AppShell
        header={{ height: 56 }}
        navbar={{ width: 248, breakpoint: 'sm', collapsed: { mobile: !navOpened } }}
        padding={{ base: 'sm', sm: 'lg' }}
      >
        <AppShell.Header style={{ background: headerBackground, borderBottom: 'none' }} c="white">
          <Group h="100%" px={{ base: 'xs', sm: 'md' }} justify="space-between" wrap="nowrap" gap="xs">
            <Group gap="sm" wrap="nowrap" style={{ minWidth: 0 }}>
              <Burger
                opened={navOpened}
                onClick={toggleNav}
                hiddenFrom="sm"
                size="sm"
                color="white"
                aria-label={navOpened ? t('shell.closeNavigation') : t('shell.openNavigation')}
                aria-expanded={navOpened}
                aria-controls="main-navigation"
              />
              <Text
                component={Link}
                to="/"
                fw={700}
                size="lg"
                c="white"
                style={{ textDecoration: 'none', letterSpacing: '0.01em' }}
              >
                DiploDesk
              </Text>
              {system.data?.demo ? (
                <Badge color="yellow" variant="filled" size="sm" radius="sm" c="dark.9" visibleFrom="xs">
                  {t('shell.demoBadge')}
                </Badge>
              ) : null}
              {system.data?.organisation ? (
                <Text size="sm" c="navy.1" visibleFrom="sm" truncate="end" style={{ minWidth: 0 }}>
                  <span aria-hidden>· </span>
                  {system.data.organisation}
                </Text>
              ) : null}
            </Group>
            <Group gap={4} wrap="nowrap">
              <LanguageSwitch tone="onDark" compact />
              <UserMenu />
            </Group>
          </Group>
        </AppShell.Header>

        <AppShell.Navbar id="main-navigation" aria-label={t('nav.label')} p="sm" inert={isPhone === true && !navOpened}>
          <AppShell.Section grow component={ScrollArea}>
            <Stack gap={2}>
              {navItem('/', t('nav.home'), areaIcons.home)}
              <Text size="xs" fw={700} c="dimmed" tt="uppercase" mt="md" mb={4} px="sm" aria-hidden>
                {t('nav.areas')}
              </Text>
              {navItem('/statements', t('areas.statements.title'), areaIcons.statements)}
              {me.permissions.includes('listening.read') ? navItem('/listening', t('areas.listening.title'), areaIcons.listening) : null}
              {me.permissions.includes('insight.read') ? navItem('/insights', t('areas.insights.title'), areaIcons.insights) : null}
              {canReadIntegrity ? navItem('/integrity', t('areas.integrity.title'), areaIcons.integrity, false, openFindings) : null}
              {comingAreas.map((area) => navItem(`/${area}`, t(`areas.${area}.title`), areaIcons[area], true))}
              {canSeeAdministration(me.permissions)
                ? navItem('/admin', t('areas.administration.title'), areaIcons.administration)
                : null}
            </Stack>
          </AppShell.Section>
          <AppShell.Section>
            {system.data ? (
              <Text size="xs" c="dimmed" px="sm" pt="sm">
                {t('shell.version', { version: system.data.version })}
              </Text>
            ) : null}
          </AppShell.Section>
        </AppShell.Navbar>

        <AppShell.Main id="main-content" tabIndex={-1}>
          <Outlet />
        </AppShell.Main>
      </AppShell>
    </LiveUpdatesProvider>
  );
}
