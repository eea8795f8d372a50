import type { MembershipDto } from '@diplodesk/contracts';
import { Alert, Anchor, Badge, Card, Group, SimpleGrid, Stack, Table, Text, ThemeIcon, Title } from '@mantine/core';
import { IconArrowRight, IconSettings, IconShieldExclamation, IconUserCircle } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { usePageTitle } from '../lib/use-page-title.ts';
import { HomeDashboard } from '../modules/home/components/HomeDashboard.tsx';
import { useCurrentMe } from '../modules/session/hooks/use-me.ts';
import { canSeeAdministration } from '../modules/session/utils/permissions.ts';
import { PageHeader } from '../ui/PageHeader.tsx';

/** Memberships grouped by unit, so a person with three roles at one mission sees one row. */
function groupByUnit(memberships: readonly MembershipDto[]): { unitId: string; unitName: string; roles: MembershipDto['role'][] }[] {
  const groups = new Map<string, { unitId: string; unitName: string; roles: MembershipDto['role'][] }>();
  for (const membership of memberships) {
    const group = groups.get(membership.unitId) ?? { unitId: membership.unitId, unitName: membership.unitName, roles: [] };
    group.roles.push(membership.role);
    groups.set(membership.unitId, group);
  }
  return [...groups.values()].sort((a, b) => a.unitName.localeCompare(b.unitName));
}

export function HomePage() {
  const { t } = useTranslation();
  const me = useCurrentMe();
  usePageTitle(t('home.title'));
  const units = groupByUnit(me.user.memberships);

  return (
    <Stack gap="lg" maw={1100}>
      <PageHeader mb={0} title={t('home.welcome', { name: me.user.displayName })} description={t('home.intro')} />

      {/* Single sign-on users are authenticated by their identity provider, not by a factor set up here. */}
      {me.user.mfaEnabled || me.user.hasPasskey || me.ssoLinked ? null : (
        <Alert color="orange" variant="light" icon={<IconShieldExclamation size={18} aria-hidden />} title={t('home.mfaOffTitle')}>
          <Text size="sm">
            {t('home.mfaOff')}{' '}
            <Anchor component={Link} to="/profile" size="sm" fw={600}>
              {t('home.mfaOffAction')}
            </Anchor>
          </Text>
        </Alert>
      )}

      <HomeDashboard />

      <Card withBorder padding="lg" radius="md" component="section" aria-labelledby="home-units">
        <Title order={2} size="h3" id="home-units" mb="xs">
          {t('home.unitsTitle')}
        </Title>
        {units.length === 0 ? (
          <Text size="sm" c="dimmed">
            {t('home.noUnits')}
          </Text>
        ) : (
          <Table>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">{t('home.unit')}</Table.Th>
                  <Table.Th scope="col">{t('home.roles')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {units.map((unit) => (
                  <Table.Tr key={unit.unitId}>
                    <Table.Td fw={500}>{unit.unitName}</Table.Td>
                    <Table.Td>
                      <Group gap={4}>
                        {unit.roles.map((role) => (
                          <Badge key={role} variant="light" radius="sm" tt="none" fw={600} styles={{ label: { overflow: 'visible' } }}>
                            {t(`roles.${role}`)}
                          </Badge>
                        ))}
                      </Group>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
          </Table>
        )}
      </Card>

      <section aria-labelledby="home-links">
        <Title order={2} size="h3" id="home-links" mb="sm">
          {t('home.quickLinks')}
        </Title>
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
          <QuickLink to="/profile" icon={<IconUserCircle size={20} aria-hidden />} title={t('home.profileLink')} text={t('home.profileLinkText')} />
          {canSeeAdministration(me.permissions) ? (
            <QuickLink to="/admin" icon={<IconSettings size={20} aria-hidden />} title={t('home.adminLink')} text={t('home.adminLinkText')} />
          ) : null}
        </SimpleGrid>
      </section>
    </Stack>
  );
}

function QuickLink({ to, icon, title, text }: { to: string; icon: ReactNode; title: string; text: string }) {
  return (
    <Card component={Link} to={to} withBorder padding="md" radius="md" style={{ textDecoration: 'none' }}>
      <Group wrap="nowrap" align="flex-start" gap="md">
        <ThemeIcon variant="light" size={36} radius="md">
          {icon}
        </ThemeIcon>
        <Stack gap={2} style={{ flex: 1 }}>
          <Text fw={600} c="navy.8">
            {title}
          </Text>
          <Text size="sm" c="dimmed">
            {text}
          </Text>
        </Stack>
        <IconArrowRight size={18} aria-hidden color="var(--mantine-color-dimmed)" />
      </Group>
    </Card>
  );
}
