import { Badge, Button, Group, Paper, Stack, Table, Text, Title, VisuallyHidden } from '@mantine/core';
import { IconPencil, IconPlus, IconTrash } from '@tabler/icons-react';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { unitIdsWithPermission } from '../lib/unit-access.ts';
import { usePageTitle } from '../lib/use-page-title.ts';
import type { OfficialAccount } from '../modules/integrity/api/integrity.api.ts';
import { IntegrityNav } from '../modules/integrity/components/IntegrityNav.tsx';
import { OfficialAccountModal } from '../modules/integrity/components/OfficialAccountModal.tsx';
import { useOfficialAccounts, useRemoveOfficialAccount } from '../modules/integrity/hooks/use-integrity.ts';
import { useCurrentMe } from '../modules/session/hooks/use-me.ts';
import { useUnits } from '../modules/units/hooks/use-units.ts';
import { flattenUnitTree } from '../modules/units/utils/unit-tree.ts';
import { ConfirmModal } from '../ui/ConfirmModal.tsx';
import { ErrorAlert } from '../ui/ErrorAlert.tsx';
import { ForbiddenNotice } from '../ui/ForbiddenNotice.tsx';
import { LoadingBlock } from '../ui/LoadingBlock.tsx';
import { PageHeader } from '../ui/PageHeader.tsx';

/** Platforms the form suggests (listening's connectors and the publishing channels). */
const knownPlatforms = ['x', 'facebook', 'instagram', 'youtube', 'tiktok', 'mastodon', 'bluesky', 'telegram', 'rss'];

/**
 * The registry of the ministry's and its missions' own accounts, per platform, that look-alikes are
 * compared with. Accounts of the connected publishing channels are listed too, read-only.
 */
export function IntegrityAccountsPage() {
  const { t } = useTranslation();
  const me = useCurrentMe();
  const canRead = me.permissions.includes('integrity.read');
  usePageTitle(t('integrity.officialAccounts.title'));
  const accounts = useOfficialAccounts(canRead);
  const units = useUnits();
  const remove = useRemoveOfficialAccount();
  const [editing, setEditing] = useState<OfficialAccount | 'new' | null>(null);
  const [removing, setRemoving] = useState<OfficialAccount | null>(null);
  const manageable = useMemo(() => unitIdsWithPermission(units.data?.items ?? [], me.user.memberships, 'integrity.manage'), [units.data, me.user.memberships]);
  const rows = useMemo(() => flattenUnitTree(units.data?.items ?? []), [units.data]);
  const unitOptions = useMemo(() => rows.filter((row) => manageable.has(row.unit.id)).map((row) => ({ value: row.unit.id, label: row.path.join(' › ') })), [rows, manageable]);
  const unitName = useMemo(() => new Map(rows.map((row) => [row.unit.id, row.unit.name])), [rows]);
  const byPlatform = useMemo(() => {
    const groups = new Map<string, OfficialAccount[]>();
    for (const a of accounts.data?.items ?? []) groups.set(a.platform, [...(groups.get(a.platform) ?? []), a]);
    return [...groups.entries()].sort(([a], [b]) => a.localeCompare(b));
  }, [accounts.data]);
  if (!canRead) return <ForbiddenNotice />;
  const canCreate = accounts.data?.policies.create === true && unitOptions.length > 0;

  return (
    <Stack gap="lg">
      <PageHeader
        mb={0}
        title={t('integrity.officialAccounts.title')}
        description={t('integrity.officialAccounts.intro')}
        actions={
          canCreate ? (
            <Button leftSection={<IconPlus size={16} aria-hidden />} onClick={() => setEditing('new')}>
              {t('integrity.officialAccounts.new')}
            </Button>
          ) : null
        }
      />
      <IntegrityNav active="accounts" />
      <ErrorAlert error={accounts.error} />
      {accounts.isPending ? <LoadingBlock /> : null}
      {accounts.data && byPlatform.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('integrity.officialAccounts.none')}
        </Text>
      ) : null}
      {byPlatform.map(([platform, list]) => (
        <Paper key={platform} withBorder p="md" component="section" aria-labelledby={`platform-${platform}`}>
          <Stack gap="sm">
            <Title order={2} size="h4" id={`platform-${platform}`}>
              {t('integrity.officialAccounts.platformTitle', { platform, count: list.length })}
            </Title>
            <Table.ScrollContainer minWidth={560}>
              <Table>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th scope="col">{t('integrity.officialAccounts.handle')}</Table.Th>
                    <Table.Th scope="col">{t('integrity.officialAccounts.displayName')}</Table.Th>
                    <Table.Th scope="col">{t('integrity.officialAccounts.unit')}</Table.Th>
                    <Table.Th scope="col">{t('integrity.officialAccounts.origin')}</Table.Th>
                    <Table.Th scope="col">
                      <VisuallyHidden>{t('integrity.officialAccounts.actions')}</VisuallyHidden>
                    </Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {list.map((a) => (
                    <Table.Tr key={`${a.origin}-${a.id}`}>
                      <Table.Th scope="row" fw={600} style={{ overflowWrap: 'anywhere' }}>
                        @{a.handle}
                      </Table.Th>
                      <Table.Td style={{ overflowWrap: 'anywhere' }}>{a.displayName ?? '—'}</Table.Td>
                      <Table.Td>{unitName.get(a.unitId) ?? '—'}</Table.Td>
                      <Table.Td>
                        {a.origin === 'channel' ? (
                          <Badge variant="light" color="gray" title={t('integrity.officialAccounts.channelHint')}>
                            {t('integrity.officialAccounts.fromChannel')}
                          </Badge>
                        ) : (
                          <Text size="sm">{t('integrity.officialAccounts.manual')}</Text>
                        )}
                      </Table.Td>
                      <Table.Td>
                        <Group gap={4} justify="flex-end" wrap="nowrap">
                          {a.policies.update ? (
                            <Button size="compact-sm" variant="subtle" leftSection={<IconPencil size={14} aria-hidden />} aria-label={t('integrity.officialAccounts.editOne', { handle: a.handle, platform })} onClick={() => setEditing(a)}>
                              {t('integrity.officialAccounts.edit')}
                            </Button>
                          ) : null}
                          {a.policies.delete ? (
                            <Button size="compact-sm" variant="subtle" color="red" c="red.9" leftSection={<IconTrash size={14} aria-hidden />} aria-label={t('integrity.officialAccounts.removeOne', { handle: a.handle, platform })} onClick={() => setRemoving(a)}>
                              {t('integrity.officialAccounts.remove')}
                            </Button>
                          ) : null}
                          {a.origin === 'channel' ? (
                            <Text size="xs" c="dimmed">
                              {t('integrity.officialAccounts.readOnly')}
                            </Text>
                          ) : null}
                        </Group>
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          </Stack>
        </Paper>
      ))}
      {editing !== null ? <OfficialAccountModal account={editing === 'new' ? null : editing} unitOptions={unitOptions} platforms={knownPlatforms} onClose={() => setEditing(null)} /> : null}
      {removing ? (
        <ConfirmModal
          opened
          danger
          title={t('integrity.officialAccounts.removeTitle')}
          message={t('integrity.officialAccounts.removeMessage', { handle: removing.handle, platform: removing.platform })}
          confirmLabel={t('integrity.officialAccounts.remove')}
          loading={remove.isPending}
          error={remove.error}
          onConfirm={() => remove.mutate(removing.id, { onSuccess: () => setRemoving(null) })}
          onClose={() => {
            remove.reset();
            setRemoving(null);
          }}
        />
      ) : null}
    </Stack>
  );
}
