import { type StatementStatus, statementStatuses } from '@diplodesk/contracts';
import { Button, Group, Paper, Select, SimpleGrid, Stack, Text, TextInput, Title } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconPlus, IconSearch } from '@tabler/icons-react';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { usePageTitle } from '../lib/use-page-title.ts';
import { useCurrentMe } from '../modules/session/hooks/use-me.ts';
import { StatementRow } from '../modules/statements/components/StatementRow.tsx';
import { StatementsAreaNav } from '../modules/statements/components/StatementsAreaNav.tsx';
import { useFormatInstant } from '../modules/statements/hooks/use-format.ts';
import { useClearanceInbox, useStatementList } from '../modules/statements/hooks/use-statements.ts';
import { statusLabelKeys } from '../modules/statements/utils/statement-status.ts';
import { useUnits } from '../modules/units/hooks/use-units.ts';
import { flattenUnitTree } from '../modules/units/utils/unit-tree.ts';
import { ErrorAlert } from '../ui/ErrorAlert.tsx';
import { LoadingBlock } from '../ui/LoadingBlock.tsx';
import { PageHeader } from '../ui/PageHeader.tsx';
import { SearchSelect } from '../ui/SearchSelect.tsx';
import { seededName } from '../lib/seeded-names.ts';

export function StatementsPage() {
  const [params] = useSearchParams();
  return params.get('view') === 'inbox' ? <ClearanceInboxView /> : <StatementListView />;
}

function NewStatementButton() {
  const { t } = useTranslation();
  const { permissions } = useCurrentMe();
  if (!permissions.includes('statement.draft')) return null;
  return (
    <Button component={Link} to="/statements/new" leftSection={<IconPlus size={16} aria-hidden />}>
      {t('statements.list.new')}
    </Button>
  );
}

function StatementListView() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const [search, setSearch] = useState(params.get('q') ?? '');
  const [q] = useDebouncedValue(search.trim(), 300);
  const status = (statementStatuses as readonly string[]).includes(params.get('status') ?? '') ? (params.get('status') as StatementStatus) : undefined;
  const unitId = params.get('unitId') ?? undefined;
  const list = useStatementList({ status, unitId, q: q || undefined });
  const units = useUnits();
  usePageTitle(t('statements.title'));

  const unitOptions = useMemo(
    () => flattenUnitTree(units.data?.items ?? []).map((row) => ({ value: row.unit.id, label: row.path.join(' › ') })),
    [units.data],
  );
  const setParam = (key: string, value: string | null) => {
    const next = new URLSearchParams(params);
    if (value) next.set(key, value);
    else next.delete(key);
    setParams(next, { replace: true });
  };
  const items = list.data?.pages.flatMap((page) => page.items) ?? [];

  return (
    <>
      <StatementsAreaNav active="statements" />
      <PageHeader title={t('statements.title')} description={t('statements.list.intro')} actions={<NewStatementButton />} />
      <Group gap="sm" mb="md" align="flex-end" wrap="wrap" role="search" aria-label={t('statements.list.filters')}>
        <TextInput
          style={{ flex: '2 1 16rem' }}
          label={t('statements.list.search')}
          placeholder={t('statements.list.searchPlaceholder')}
          leftSection={<IconSearch size={16} aria-hidden />}
          type="search"
          value={search}
          onChange={(event) => setSearch(event.currentTarget.value)}
        />
        <Select
          style={{ flex: '1 1 11rem' }}
          label={t('statements.list.statusFilter')}
          placeholder={t('statements.list.allStatuses')}
          data={statementStatuses.map((value) => ({ value, label: t(statusLabelKeys[value]) }))}
          value={status ?? null}
          onChange={(value) => setParam('status', value)}
          clearable
          clearButtonProps={{ 'aria-label': t('common.clearField') }}
        />
        <SearchSelect
          style={{ flex: '1 1 14rem' }}
          label={t('statements.list.unitFilter')}
          placeholder={t('statements.list.allUnits')}
          data={unitOptions}
          value={unitId ?? null}
          onChange={(value) => setParam('unitId', value)}
          searchable
          clearable
          clearButtonProps={{ 'aria-label': t('common.clearField') }}
          nothingFoundMessage={t('common.nothingFound')}
        />
      </Group>
      {list.isPending ? <LoadingBlock /> : null}
      <ErrorAlert error={list.error} onRetry={() => void list.refetch()} />
      {list.isSuccess && items.length === 0 ? (
        <Paper p="lg">
          <Text c="dimmed">{t('statements.list.empty')}</Text>
        </Paper>
      ) : null}
      <Stack component="ul" gap="sm" p={0} m={0} aria-label={t('statements.list.label')}>
        {items.map((item) => (
          <StatementRow key={item.id} statement={item} />
        ))}
      </Stack>
      {list.hasNextPage ? (
        <Group justify="center" mt="md">
          <Button variant="default" onClick={() => void list.fetchNextPage()} loading={list.isFetchingNextPage}>
            {t('statements.list.loadMore')}
          </Button>
        </Group>
      ) : null}
    </>
  );
}

function ClearanceInboxView() {
  const { t } = useTranslation();
  const inbox = useClearanceInbox();
  const formatInstant = useFormatInstant();
  usePageTitle(t('statements.inbox.title'));
  const counts = inbox.data?.counts;
  const tiles = [
    { key: 'awaitingMe', label: t('statements.inbox.awaitingMe'), value: counts?.awaitingMe },
    { key: 'myInClearance', label: t('statements.inbox.myInClearance'), value: counts?.myInClearance },
    { key: 'myChangesRequested', label: t('statements.inbox.myChangesRequested'), value: counts?.myChangesRequested },
  ];
  return (
    <>
      <StatementsAreaNav active="inbox" />
      <PageHeader title={t('statements.inbox.title')} description={t('statements.inbox.intro')} actions={<NewStatementButton />} />
      <SimpleGrid cols={{ base: 1, xs: 3 }} mb="lg" spacing="sm">
        {tiles.map((tile) => (
          <Paper key={tile.key} p="md" withBorder>
            <Text size="sm" c="dimmed">
              {tile.label}
            </Text>
            <Text fz={28} fw={700}>
              {tile.value ?? '–'}
            </Text>
          </Paper>
        ))}
      </SimpleGrid>
      <Title order={2} size="h3" mb="sm">
        {t('statements.inbox.awaitingHeading')}
      </Title>
      {inbox.isPending ? <LoadingBlock /> : null}
      <ErrorAlert error={inbox.error} onRetry={() => void inbox.refetch()} />
      {inbox.isSuccess && inbox.data.items.length === 0 ? (
        <Paper p="lg">
          <Text c="dimmed">{t('statements.inbox.empty')}</Text>
        </Paper>
      ) : null}
      <Stack component="ul" gap="sm" p={0} m={0} aria-label={t('statements.inbox.awaitingHeading')}>
        {inbox.data?.items.map((item) => (
          <StatementRow
            key={item.id}
            statement={item}
            extra={
              <Text size="sm">
                {t('statements.inbox.waitingAt', { step: seededName(item.stepName, t), time: formatInstant(item.waitingSince) })}
              </Text>
            }
          />
        ))}
      </Stack>
    </>
  );
}
