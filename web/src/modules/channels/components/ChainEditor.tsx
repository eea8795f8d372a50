import { approvingRoles, type ClearanceChainDto, type StatementKind, statementKinds } from '@diplodesk/contracts';
import { ActionIcon, Button, Group, Paper, Radio, Select, Stack, Switch, Text, TextInput, Title } from '@mantine/core';
import { IconArrowDown, IconArrowUp, IconPlus, IconTrash } from '@tabler/icons-react';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { notifySuccess } from '../../../lib/notify.ts';
import { ErrorAlert } from '../../../ui/ErrorAlert.tsx';
import { useSaveClearanceChain } from '../hooks/use-channels.ts';
import { useKindLabels } from '../hooks/use-kind-labels.ts';
import { decodeApprover, encodeApprover } from '../utils/approvers.ts';
import { SearchMultiSelect } from '../../../ui/SearchSelect.tsx';

interface StepDraft {
  key: number;
  name: string;
  mode: 'any' | 'all';
  approvers: string[];
}

export interface ChainEditorProps {
  unitId: string;
  chain: ClearanceChainDto | null;
  users: { id: string; displayName: string }[];
  onDone: () => void;
}

let nextKey = 1;
const newStep = (name = ''): StepDraft => ({ key: nextKey++, name, mode: 'any', approvers: [] });

/** Name, kind (or all kinds), fast track and ordered steps, each Any/All of users or roles. */
export function ChainEditor({ unitId, chain, users, onDone }: ChainEditorProps) {
  const { t } = useTranslation();
  const { kinds } = useKindLabels();
  const save = useSaveClearanceChain();
  const [name, setName] = useState(chain?.name ?? '');
  const [kind, setKind] = useState<string>(chain?.kind ?? 'all');
  const [fastTrack, setFastTrack] = useState(chain?.fastTrack ?? false);
  const [steps, setSteps] = useState<StepDraft[]>(
    chain ? chain.steps.map((s) => ({ key: nextKey++, name: s.name, mode: s.mode, approvers: s.approvers.map(encodeApprover) })) : [newStep()],
  );
  const [problems, setProblems] = useState<string[]>([]);

  const approverOptions = [
    { group: t('channels.chains.rolesGroup'), items: approvingRoles.map((role) => ({ value: `role:${role}`, label: t('channels.chains.roleOption', { role: t(`roles.${role}`) }) })) },
    {
      group: t('channels.chains.usersGroup'),
      items: [
        ...users.map((u) => ({ value: `user:${u.id}`, label: u.displayName })),
        // Users named in the chain but not in the list (another unit) keep their name.
        ...Object.entries(chain?.userNames ?? {})
          .filter(([id]) => !users.some((u) => u.id === id))
          .map(([id, displayName]) => ({ value: `user:${id}`, label: displayName })),
      ],
    },
  ];

  const update = (key: number, change: Partial<StepDraft>) => setSteps((prev) => prev.map((s) => (s.key === key ? { ...s, ...change } : s)));
  const move = (index: number, by: -1 | 1) =>
    setSteps((prev) => {
      const next = [...prev];
      const [item] = next.splice(index, 1);
      if (item) next.splice(index + by, 0, item);
      return next;
    });

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const found: string[] = [];
    if (!name.trim()) found.push(t('channels.chains.nameRequired'));
    steps.forEach((s, i) => {
      if (!s.name.trim()) found.push(t('channels.chains.stepNameRequired', { number: i + 1 }));
      if (s.approvers.length === 0) found.push(t('channels.chains.approverRequired', { number: i + 1 }));
    });
    setProblems(found);
    if (found.length > 0) return;
    save.mutate(
      {
        chainId: chain?.id ?? null,
        body: {
          unitId,
          kind: kind === 'all' ? null : (kind as StatementKind),
          name: name.trim(),
          fastTrack,
          steps: steps.map((s) => ({ name: s.name.trim(), mode: s.mode, approvers: s.approvers.flatMap((a) => decodeApprover(a) ?? []) })),
        },
      },
      {
        onSuccess: () => {
          notifySuccess(t('channels.chains.saved'));
          onDone();
        },
      },
    );
  };

  return (
    <form onSubmit={onSubmit} noValidate>
      <Stack gap="md">
        {save.error ? <ErrorAlert error={save.error} /> : null}
        {problems.length > 0 ? (
          <Stack gap={2} role="alert">
            {problems.map((p) => (
              <Text key={p} size="sm" c="red.8">
                {p}
              </Text>
            ))}
          </Stack>
        ) : null}
        <TextInput label={t('channels.chains.name')} value={name} onChange={(e) => setName(e.currentTarget.value)} required data-autofocus />
        <Select
          label={t('channels.chains.kind')}
          value={kind}
          onChange={(v) => setKind(v ?? 'all')}
          allowDeselect={false}
          data={[{ value: 'all', label: t('channels.chains.allKinds') }, ...statementKinds.map((k) => ({ value: k, label: kinds[k] }))]}
        />
        <Switch label={t('channels.chains.fastTrack')} description={t('channels.chains.fastTrackHint')} checked={fastTrack} onChange={(e) => setFastTrack(e.currentTarget.checked)} />
        <Title order={3} size="h5">
          {t('channels.chains.steps')}
        </Title>
        <Stack component="ol" gap="sm" p={0} m={0}>
          {steps.map((step, index) => (
            <Paper component="li" key={step.key} withBorder p="sm" style={{ listStyle: 'none' }}>
              <Stack gap="xs">
                <Group justify="space-between" gap="xs">
                  <Text fw={600} size="sm">
                    {t('channels.chains.stepNumber', { number: index + 1 })}
                  </Text>
                  <Group gap={4}>
                    <ActionIcon variant="default" disabled={index === 0} onClick={() => move(index, -1)} aria-label={t('channels.chains.moveUp', { number: index + 1 })}>
                      <IconArrowUp size={16} aria-hidden />
                    </ActionIcon>
                    <ActionIcon variant="default" disabled={index === steps.length - 1} onClick={() => move(index, 1)} aria-label={t('channels.chains.moveDown', { number: index + 1 })}>
                      <IconArrowDown size={16} aria-hidden />
                    </ActionIcon>
                    <ActionIcon
                      variant="default"
                      color="red"
                      disabled={steps.length === 1}
                      onClick={() => setSteps((prev) => prev.filter((s) => s.key !== step.key))}
                      aria-label={t('channels.chains.removeStep', { number: index + 1 })}
                    >
                      <IconTrash size={16} aria-hidden />
                    </ActionIcon>
                  </Group>
                </Group>
                <TextInput label={t('channels.chains.stepName')} value={step.name} onChange={(e) => update(step.key, { name: e.currentTarget.value })} required />
                <Radio.Group label={t('channels.chains.mode')} value={step.mode} onChange={(v) => update(step.key, { mode: v === 'all' ? 'all' : 'any' })}>
                  <Group gap="md" mt={4}>
                    <Radio value="any" label={t('channels.chains.modeAny')} />
                    <Radio value="all" label={t('channels.chains.modeAll')} />
                  </Group>
                </Radio.Group>
                <SearchMultiSelect
                  label={t('channels.chains.approvers')}
                  description={t('channels.chains.approversHint')}
                  data={approverOptions}
                  value={step.approvers}
                  onChange={(v) => update(step.key, { approvers: v })}
                  searchable
                  nothingFoundMessage={t('common.nothingFound')}
                  required
                />
              </Stack>
            </Paper>
          ))}
        </Stack>
        <Group justify="space-between" gap="sm">
          <Button variant="default" leftSection={<IconPlus size={16} aria-hidden />} disabled={steps.length >= 10} onClick={() => setSteps((prev) => [...prev, newStep()])}>
            {t('channels.chains.addStep')}
          </Button>
          <Group gap="sm">
            <Button variant="default" onClick={onDone}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={save.isPending}>
              {t('channels.chains.save')}
            </Button>
          </Group>
        </Group>
      </Stack>
    </form>
  );
}
