import { Anchor, Group, SimpleGrid, Stack, Text } from '@mantine/core';
import { IconArrowLeft } from '@tabler/icons-react';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { usePageTitle } from '../lib/use-page-title.ts';
import { useFormatters } from '../modules/session/hooks/use-formatters.ts';
import { useCurrentMe } from '../modules/session/hooks/use-me.ts';
import { useUnits } from '../modules/units/hooks/use-units.ts';
import { flattenUnitTree } from '../modules/units/utils/unit-tree.ts';
import { EndSessionsSection } from '../modules/users/components/EndSessionsSection.tsx';
import { MembershipsSection } from '../modules/users/components/MembershipsSection.tsx';
import { ResetMfaSection } from '../modules/users/components/ResetMfaSection.tsx';
import { SetPasswordForm } from '../modules/users/components/SetPasswordForm.tsx';
import { UserDetailsForm } from '../modules/users/components/UserDetailsForm.tsx';
import { MfaBadge, UserStatusBadge } from '../modules/users/components/UserStatusBadge.tsx';
import { useUser } from '../modules/users/hooks/use-users.ts';
import { ErrorAlert } from '../ui/ErrorAlert.tsx';
import { LoadingBlock } from '../ui/LoadingBlock.tsx';
import { NotSet } from '../ui/NotSet.tsx';
import { PageHeader } from '../ui/PageHeader.tsx';
import { SectionCard } from '../ui/SectionCard.tsx';
import { isNotFoundError } from '../lib/api-client.ts';
import { NotFoundPage } from './NotFoundPage.tsx';

export function AdminUserPage() {
  const { t } = useTranslation();
  const { userId = '' } = useParams();
  const format = useFormatters();
  const { permissions } = useCurrentMe();
  const user = useUser(userId);
  const units = useUnits(permissions.includes('unit.read'));
  usePageTitle(user.data ? user.data.displayName : t('users.title'));

  const grantableUnits = useMemo(
    () =>
      flattenUnitTree(units.data?.items ?? [])
        .filter((row) => row.unit.policies.manageMembers === true)
        .map((row) => ({ value: row.unit.id, label: row.path.join(' › ') })),
    [units.data],
  );

  const back = (
    <Anchor component={Link} to="/admin/users" size="sm">
      <Group gap={4} component="span">
        <IconArrowLeft size={14} aria-hidden />
        {t('users.backToList')}
      </Group>
    </Anchor>
  );

  if (user.isPending) return <LoadingBlock />;
  if (isNotFoundError(user.error)) return <NotFoundPage />;
  if (user.error) {
    return (
      <Stack gap="md">
        {back}
        <ErrorAlert error={user.error} onRetry={() => void user.refetch()} />
      </Stack>
    );
  }
  const data = user.data;

  return (
    <Stack gap="lg">
      {back}
      <PageHeader
        order={2}
        mb={0}
        title={data.displayName}
        description={data.email}
        actions={
          <Group gap="xs">
            <UserStatusBadge user={data} />
            <MfaBadge enabled={data.mfaEnabled || data.hasPasskey} labelled />
          </Group>
        }
      />
      <SimpleGrid cols={{ base: 1, md: 2 }} spacing="lg">
        <SectionCard title={t('users.detailsTitle')} headingOrder={3}>
          <UserDetailsForm key={data.id} user={data} />
        </SectionCard>
        <SectionCard title={t('users.factsTitle')} headingOrder={3}>
          <dl style={{ margin: 0 }}>
            <Fact label={t('users.fields.language')} value={t(`language.names.${data.locale}`)} />
            <Fact label={t('users.fields.timeZone')} value={data.timeZone} />
            <Fact label={t('users.fields.password')} value={data.hasPassword ? t('users.passwordIsSet') : t('users.passwordNotSet')} />
            <Fact label={t('users.fields.lastLogin')} value={data.lastLoginAt ? format.dateTime(data.lastLoginAt) : null} />
            <Fact label={t('users.fields.created')} value={format.dateTime(data.createdAt)} />
          </dl>
        </SectionCard>
      </SimpleGrid>
      <SectionCard title={t('users.membershipsTitle')} description={t('users.membershipsIntro')} headingOrder={3}>
        <MembershipsSection user={data} unitOptions={grantableUnits} />
      </SectionCard>
      {(data.mfaEnabled || data.hasPasskey) && data.policies.resetMfa ? (
        <SectionCard title={t('users.mfaResetSectionTitle')} headingOrder={3}>
          <ResetMfaSection user={data} />
        </SectionCard>
      ) : null}
      {data.policies.resetMfa ? (
        <SectionCard title={t('users.endSessionsTitle')} headingOrder={3}>
          <EndSessionsSection user={data} />
        </SectionCard>
      ) : null}
      {data.policies.setPassword ? (
        <SectionCard title={t('users.setPasswordTitle')} description={t('users.setPasswordIntro')} headingOrder={3}>
          <SetPasswordForm userId={data.id} />
        </SectionCard>
      ) : null}
    </Stack>
  );
}

function Fact({ label, value }: { label: string; value: string | null }) {
  return (
    <Group justify="space-between" gap="sm" py={6} style={{ borderBottom: '1px solid var(--mantine-color-gray-2)' }} wrap="nowrap">
      <Text component="dt" size="sm" c="dimmed">
        {label}
      </Text>
      <Text component="dd" size="sm" m={0} ta="end">
        {value ?? <NotSet />}
      </Text>
    </Group>
  );
}

