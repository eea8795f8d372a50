import { approvingRoles, type ClearanceChainDto } from '@diplodesk/contracts';
import { Badge, Button, Group, Paper, Stack, Text } from '@mantine/core';
import { IconBolt, IconPencil, IconPlus, IconTrash } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { notifySuccess } from '../../../lib/notify.ts';
import { AppModal } from '../../../ui/AppModal.tsx';
import { ConfirmModal } from '../../../ui/ConfirmModal.tsx';
import { ErrorAlert } from '../../../ui/ErrorAlert.tsx';
import { LoadingBlock } from '../../../ui/LoadingBlock.tsx';
import { SectionCard } from '../../../ui/SectionCard.tsx';
import { useUsers } from '../../users/hooks/use-users.ts';
import { useClearanceChains, useDeleteClearanceChain } from '../hooks/use-channels.ts';
import { useKindLabels } from '../hooks/use-kind-labels.ts';
import { ChainEditor } from './ChainEditor.tsx';
import { seededName } from '../../../lib/seeded-names.ts';

/** The unit's clearance chains; editing where `policies.update` (or `create`) allows. */
export function ChainsSection({ unitId }: { unitId: string }) {
  const { t } = useTranslation();
  const { kinds } = useKindLabels();
  const chains = useClearanceChains(unitId);
  const users = useUsers({ unitId });
  const remove = useDeleteClearanceChain();
  const [editing, setEditing] = useState<ClearanceChainDto | 'new' | null>(null);
  const [deleting, setDeleting] = useState<ClearanceChainDto | null>(null);
  const items = (chains.data?.items ?? []).filter((c) => c.unitId === unitId);
  const canCreate = chains.data?.policies.create === true;

  const approverText = (chain: ClearanceChainDto, step: ClearanceChainDto['steps'][number]) =>
    step.approvers.map((a) => (a.kind === 'role' ? t(`roles.${a.role}`) : (chain.userNames[a.userId] ?? t('channels.chains.unknownUser')))).join(', ');

  return (
    <SectionCard
      title={t('channels.chains.title')}
      description={t('channels.chains.intro')}
      actions={
        canCreate ? (
          <Button size="sm" leftSection={<IconPlus size={16} aria-hidden />} onClick={() => setEditing('new')}>
            {t('channels.chains.create')}
          </Button>
        ) : null
      }
    >
      {chains.isPending ? <LoadingBlock minHeight={80} /> : null}
      {chains.error ? <ErrorAlert error={chains.error} onRetry={() => void chains.refetch()} /> : null}
      {chains.data && items.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('channels.chains.empty')}
        </Text>
      ) : null}
      <Stack component="ul" gap="sm" p={0} m={0}>
        {items.map((chain) => (
          <Paper component="li" key={chain.id} withBorder p="sm" style={{ listStyle: 'none' }}>
            <Group justify="space-between" align="flex-start" gap="sm">
              <Stack gap={4} style={{ flex: '1 1 16rem', minWidth: 0 }}>
                <Group gap="xs">
                  <Text fw={600}>{seededName(chain.name, t)}</Text>
                  <Badge variant="light" radius="sm" tt="none">
                    {chain.kind ? kinds[chain.kind] : t('channels.chains.allKinds')}
                  </Badge>
                  {chain.fastTrack ? (
                    <Badge variant="light" color="orange" radius="sm" tt="none" leftSection={<IconBolt size={12} aria-hidden />}>
                      {t('channels.chains.fastTrackBadge')}
                    </Badge>
                  ) : null}
                </Group>
                <Stack component="ol" gap={2} pl="md" m={0}>
                  {chain.steps.map((step, i) => (
                    // biome-ignore lint/suspicious/noArrayIndexKey: a read-only list whose position is the step's identity.
                    <Text component="li" key={i} size="sm">
                      {t('channels.chains.stepSummary', {
                        name: seededName(step.name, t),
                        mode: step.mode === 'all' ? t('channels.chains.modeAll') : t('channels.chains.modeAny'),
                        approvers: approverText(chain, step),
                      })}
                    </Text>
                  ))}
                </Stack>
              </Stack>
              {chain.policies.update ? (
                <Group gap="xs">
                  <Button size="xs" variant="default" leftSection={<IconPencil size={14} aria-hidden />} onClick={() => setEditing(chain)} aria-label={t('channels.chains.editLabel', { name: seededName(chain.name, t) })}>
                    {t('common.edit')}
                  </Button>
                  <Button
                    size="xs"
                    variant="default"
                    color="red"
                    leftSection={<IconTrash size={14} aria-hidden />}
                    onClick={() => {
                      remove.reset();
                      setDeleting(chain);
                    }}
                    aria-label={t('channels.chains.deleteLabel', { name: seededName(chain.name, t) })}
                  >
                    {t('channels.chains.delete')}
                  </Button>
                </Group>
              ) : null}
            </Group>
          </Paper>
        ))}
      </Stack>
      <AppModal opened={editing !== null} onClose={() => setEditing(null)} title={editing === 'new' ? t('channels.chains.create') : t('channels.chains.editTitle')} size="lg" closeOnClickOutside={false}>
        {editing !== null ? (
          <ChainEditor
            unitId={unitId}
            chain={editing === 'new' ? null : editing}
            users={(users.data?.items ?? []).filter((u) => u.isActive && u.memberships.some((m) => approvingRoles.some((r) => r === m.role))).map((u) => ({ id: u.id, displayName: u.displayName }))}
            onDone={() => setEditing(null)}
          />
        ) : null}
      </AppModal>
      <ConfirmModal
        opened={deleting !== null}
        onClose={() => setDeleting(null)}
        title={t('channels.chains.deleteTitle')}
        message={deleting ? t('channels.chains.deleteMessage', { name: deleting.name }) : ''}
        confirmLabel={t('channels.chains.delete')}
        danger
        loading={remove.isPending}
        error={remove.error}
        onConfirm={() => {
          if (!deleting) return;
          remove.mutate(deleting.id, {
            onSuccess: () => {
              notifySuccess(t('channels.chains.deleted'));
              setDeleting(null);
            },
          });
        }}
      />
    </SectionCard>
  );
}
