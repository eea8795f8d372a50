import type { SourceDto } from '@diplodesk/contracts';
import { Anchor, Button, Group, Paper, Stack, Text } from '@mantine/core';
import { IconPlus, IconRss } from '@tabler/icons-react';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { notifySuccess } from '../lib/notify.ts';
import { usePageTitle } from '../lib/use-page-title.ts';
import { ListeningNav } from '../modules/listening/components/ListeningNav.tsx';
import { SourceCard } from '../modules/listening/components/SourceCard.tsx';
import { SourceForm } from '../modules/listening/components/SourceForm.tsx';
import { useSources } from '../modules/listening/hooks/use-listening.ts';
import { unitIdsWithPermission } from '../lib/unit-access.ts';
import { useCurrentMe } from '../modules/session/hooks/use-me.ts';
import { useUnits } from '../modules/units/hooks/use-units.ts';
import { flattenUnitTree } from '../modules/units/utils/unit-tree.ts';
import { AppModal } from '../ui/AppModal.tsx';
import { ErrorAlert } from '../ui/ErrorAlert.tsx';
import { ForbiddenNotice } from '../ui/ForbiddenNotice.tsx';
import { LoadingBlock } from '../ui/LoadingBlock.tsx';
import { PageHeader } from '../ui/PageHeader.tsx';

export function ListeningSourcesPage() {
  const { t } = useTranslation();
  const me = useCurrentMe();
  const canRead = me.permissions.includes('listening.read');
  const sources = useSources(canRead, { imports: false });
  const units = useUnits(me.permissions.includes('unit.read'));
  const [adding, setAdding] = useState(false);
  const [editing, setEditing] = useState<SourceDto | null>(null);
  usePageTitle(t('listening.sources.title'));

  const rows = useMemo(() => flattenUnitTree(units.data?.items ?? []), [units.data]);
  const manageable = useMemo(() => unitIdsWithPermission(units.data?.items ?? [], me.user.memberships, 'listening.manage'), [units.data, me.user.memberships]);
  const unitOptions = rows.filter((row) => manageable.has(row.unit.id)).map((row) => ({ value: row.unit.id, label: row.path.join(' › ') }));
  const unitLabel = (id: string) => rows.find((row) => row.unit.id === id)?.path.join(' › ') ?? t('listening.sources.unknownUnit');

  // Sources grouped by unit, in the order of the unit tree.
  const groups = useMemo(() => {
    const items = sources.data?.items ?? [];
    const order = new Map(rows.map((row, index) => [row.unit.id, index]));
    const byUnit = new Map<string, SourceDto[]>();
    for (const source of items) byUnit.set(source.unitId, [...(byUnit.get(source.unitId) ?? []), source]);
    return [...byUnit.entries()].sort((a, b) => (order.get(a[0]) ?? 1e9) - (order.get(b[0]) ?? 1e9));
  }, [sources.data, rows]);

  if (!canRead) return <ForbiddenNotice />;

  return (
    <>
      <ListeningNav active="sources" />
      <PageHeader
        title={t('listening.sources.title')}
        description={t('listening.sources.intro')}
        actions={
          sources.data?.policies.create ? (
            <Button leftSection={<IconPlus size={16} aria-hidden />} onClick={() => setAdding(true)}>
              {t('listening.sources.add')}
            </Button>
          ) : null
        }
      />
      <Text size="sm" c="dimmed" mb="md">
        {t('listening.sources.importsElsewhere')}
        <Anchor component={Link} to="/listening/import" size="sm" underline="always">
          {t('listening.sources.importsLink')}
        </Anchor>
        .
      </Text>
      {sources.isPending ? <LoadingBlock /> : null}
      <ErrorAlert error={sources.error} onRetry={() => void sources.refetch()} />
      {sources.data && sources.data.items.length === 0 ? (
        <Paper p="lg">
          <Group gap="sm" justify="center" c="dimmed">
            <IconRss size={20} aria-hidden />
            <Text size="sm">{sources.data.policies.create ? t('listening.sources.emptyCanAdd') : t('listening.sources.empty')}</Text>
          </Group>
        </Paper>
      ) : null}
      <Stack gap="lg">
        {groups.map(([unitId, list]) => (
          <section key={unitId} aria-labelledby={`unit-${unitId}`}>
            <Text component="h2" id={`unit-${unitId}`} fw={700} size="lg" mb="xs">
              {unitLabel(unitId)}
            </Text>
            <Stack gap="sm">
              {list.map((source) => (
                <SourceCard key={source.id} source={source} timeZone={me.user.timeZone} onEdit={() => setEditing(source)} />
              ))}
            </Stack>
          </section>
        ))}
      </Stack>
      <AppModal opened={adding} onClose={() => setAdding(false)} title={t('listening.sources.addTitle')} size="lg">
        {adding ? (
          <SourceForm
            unitOptions={unitOptions}
            onCancel={() => setAdding(false)}
            onDone={() => {
              setAdding(false);
              notifySuccess(t('listening.sources.addedNotice'));
            }}
          />
        ) : null}
      </AppModal>
      <AppModal opened={editing !== null} onClose={() => setEditing(null)} title={t('listening.sources.editTitle')} size="lg">
        {editing ? (
          <SourceForm
            source={editing}
            unitOptions={unitOptions}
            onCancel={() => setEditing(null)}
            onDone={() => {
              setEditing(null);
              notifySuccess(t('common.saved'));
            }}
          />
        ) : null}
      </AppModal>
    </>
  );
}
