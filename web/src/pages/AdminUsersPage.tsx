import { Button, Group, Paper, Text, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconPlus, IconSearch, IconUsers } from '@tabler/icons-react';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { usePageTitle } from '../lib/use-page-title.ts';
import { useCurrentMe } from '../modules/session/hooks/use-me.ts';
import { useUnits } from '../modules/units/hooks/use-units.ts';
import { flattenUnitTree } from '../modules/units/utils/unit-tree.ts';
import { CreateUserForm } from '../modules/users/components/CreateUserForm.tsx';
import { UsersTable } from '../modules/users/components/UsersTable.tsx';
import { useUsers } from '../modules/users/hooks/use-users.ts';
import { ErrorAlert } from '../ui/ErrorAlert.tsx';
import { ForbiddenNotice } from '../ui/ForbiddenNotice.tsx';
import { LoadingBlock } from '../ui/LoadingBlock.tsx';
import { PageHeader } from '../ui/PageHeader.tsx';
import { AppModal } from '../ui/AppModal.tsx';
import { SearchSelect } from '../ui/SearchSelect.tsx';

export function AdminUsersPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { permissions } = useCurrentMe();
  const canRead = permissions.includes('user.read');
  const [search, setSearch] = useState('');
  const [unitId, setUnitId] = useState<string | null>(null);
  const [creating, setCreating] = useState(false);
  const [q] = useDebouncedValue(search.trim(), 300);
  const users = useUsers({ q: q || undefined, unitId: unitId ?? undefined });
  const units = useUnits(permissions.includes('unit.read'));
  usePageTitle(`${t('admin.tabs.users')} · ${t('areas.administration.title')}`);

  const unitRows = useMemo(() => flattenUnitTree(units.data?.items ?? []), [units.data]);
  const unitFilterOptions = unitRows.map((row) => ({ value: row.unit.id, label: row.path.join(' › ') }));
  const grantableUnits = unitRows
    .filter((row) => row.unit.policies.manageMembers === true)
    .map((row) => ({ value: row.unit.id, label: row.path.join(' › ') }));

  if (!canRead) return <ForbiddenNotice />;
  const items = users.data?.items ?? [];

  return (
    <section aria-labelledby="users-heading">
      <PageHeader
        order={2}
        title={<span id="users-heading">{t('users.title')}</span>}
        description={t('users.intro')}
        actions={
          users.data?.policies.create ? (
            <Button leftSection={<IconPlus size={16} aria-hidden />} onClick={() => setCreating(true)}>
              {t('users.createTitle')}
            </Button>
          ) : null
        }
      />
      <Group gap="sm" mb="md" align="flex-end" wrap="wrap" role="search" aria-label={t('users.searchLabel')}>
        <TextInput
          style={{ flex: '2 1 16rem' }}
          label={t('users.search')}
          placeholder={t('users.searchPlaceholder')}
          leftSection={<IconSearch size={16} aria-hidden />}
          value={search}
          onChange={(event) => setSearch(event.currentTarget.value)}
          type="search"
        />
        <SearchSelect
          style={{ flex: '1 1 14rem' }}
          label={t('users.unitFilter')}
          placeholder={t('users.allUnits')}
          data={unitFilterOptions}
          value={unitId}
          onChange={setUnitId}
          searchable
          clearable
          clearButtonProps={{ 'aria-label': t('common.clearField') }}
          nothingFoundMessage={t('common.nothingFound')}
        />
      </Group>
      <Paper p={0}>
        {users.isPending ? <LoadingBlock /> : null}
        {users.error ? <ErrorAlert error={users.error} onRetry={() => void users.refetch()} /> : null}
        {users.data && items.length === 0 ? (
          <Group gap="sm" p="lg" c="dimmed" justify="center">
            <IconUsers size={20} aria-hidden />
            <Text size="sm">{q || unitId ? t('users.emptyFiltered') : t('users.empty')}</Text>
          </Group>
        ) : null}
        {items.length > 0 ? <UsersTable users={items} /> : null}
      </Paper>
      <Text size="xs" c="dimmed" mt="xs" aria-live="polite">
        {users.data ? t('users.count', { count: items.length }) : ''}
      </Text>
      <AppModal
        opened={creating}
        onClose={() => setCreating(false)}
        title={t('users.createTitle')}
        size="xl"
      >
        {creating ? (
          <CreateUserForm
            unitOptions={grantableUnits}
            onCancel={() => setCreating(false)}
            onCreated={(id) => {
              setCreating(false);
              void navigate(`/admin/users/${id}`);
            }}
          />
        ) : null}
      </AppModal>
    </section>
  );
}
