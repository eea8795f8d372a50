import type { ClearanceDto } from '@diplodesk/contracts';
import { Badge, Group, Paper, Stack, Text, Timeline, Title } from '@mantine/core';
import { IconArrowBackUp, IconCheck, IconClock, IconPlayerPlay, IconX } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { useFormatInstant } from '../hooks/use-format.ts';
import { seededName } from '../../../lib/seeded-names.ts';

const stepStateLook = {
  waiting: { color: 'gray', Icon: IconClock, key: 'statements.clearance.state.waiting' },
  current: { color: 'yellow', Icon: IconPlayerPlay, key: 'statements.clearance.state.current' },
  approved: { color: 'green', Icon: IconCheck, key: 'statements.clearance.state.approved' },
  'changes-requested': { color: 'orange', Icon: IconArrowBackUp, key: 'statements.clearance.state.changes-requested' },
  rejected: { color: 'red', Icon: IconX, key: 'statements.clearance.state.rejected' },
} as const;

const decisionKeys = {
  approve: 'statements.clearance.decision.approve',
  'request-changes': 'statements.clearance.decision.request-changes',
  reject: 'statements.clearance.decision.reject',
} as const;

const roleKeys = {
  admin: 'roles.admin',
  editor: 'roles.editor',
  approver: 'roles.approver',
  analyst: 'roles.analyst',
  negotiator: 'roles.negotiator',
  viewer: 'roles.viewer',
  partner: 'roles.partner',
  'meeting-guest': 'roles.meeting-guest',
} as const;

/** The chain's steps with their state, and every decision ever taken (stale approvals struck through). */
export function ClearancePanel({ clearance }: { clearance: ClearanceDto | null }) {
  const { t, i18n } = useTranslation();
  const formatInstant = useFormatInstant();
  const listFormat = new Intl.ListFormat(i18n.language, { type: 'disjunction' });
  if (!clearance) {
    return (
      <Text size="sm" c="dimmed">
        {t('statements.clearance.notSubmitted')}
      </Text>
    );
  }
  const rounds = [...new Set(clearance.decisions.map((d) => d.round))].sort((a, b) => b - a);
  return (
    <Stack gap="lg">
      <Group gap="sm" wrap="wrap">
        <Text fw={600}>{seededName(clearance.chainName, t)}</Text>
        {clearance.fastTrack ? (
          <Badge color="grape" variant="light">
            {t('statements.clearance.fastTrack')}
          </Badge>
        ) : null}
        <Text size="sm" c="dimmed">
          {t('statements.clearance.round', { round: clearance.round })}
        </Text>
      </Group>
      {clearance.decideBlocked === 'changed-text' ? (
        <Text size="sm" c="orange.8" role="note">
          {t('statements.clearance.blockedChangedText')}
        </Text>
      ) : clearance.decideBlocked === 'not-an-approver' && clearance.currentStep !== null ? (
        <Text size="sm" c="dimmed" role="note">
          {t('statements.clearance.blockedNotApprover')}
        </Text>
      ) : clearance.decideBlocked === 'already-decided' ? (
        <Text size="sm" c="dimmed" role="note">
          {t('statements.clearance.blockedAlreadyDecided')}
        </Text>
      ) : null}
      <Stack component="ol" gap="sm" p={0} m={0} style={{ listStyle: 'none' }} aria-label={t('statements.clearance.steps')}>
        {clearance.steps.map((step, index) => {
          const look = stepStateLook[step.state];
          return (
            // biome-ignore lint/suspicious/noArrayIndexKey: steps are positional
            <Paper component="li" key={index} p="sm" withBorder aria-current={step.state === 'current' ? 'step' : undefined}>
              <Group justify="space-between" wrap="wrap" gap="xs">
                <Text fw={600}>
                  {t('statements.clearance.stepN', { n: index + 1 })} · {seededName(step.name, t)}
                </Text>
                <Badge color={look.color} variant="light" leftSection={<look.Icon size={14} aria-hidden />}>
                  {t(look.key)}
                </Badge>
              </Group>
              <Text size="sm" mt={4}>
                {step.mode === 'any' ? t('statements.clearance.modeAny') : t('statements.clearance.modeAll')} ·{' '}
                {t('statements.clearance.progress', { satisfied: step.satisfied, needed: step.needed })}
              </Text>
              <Text size="sm" c="dimmed">
                {t('statements.clearance.approvers')}:{' '}
                {step.approvers
                  .map((a) => (a.kind === 'user' ? (clearance.userNames[a.userId] ?? t('statements.clearance.unknownUser')) : t('statements.clearance.anyRole', { role: t(roleKeys[a.role]) })))
                  .join(', ')}
              </Text>
              {step.deciders && (step.state === 'current' || step.state === 'waiting') ? (
                step.deciders.count === 0 ? (
                  <Text size="sm" c="red.8" role="note" mt={4}>
                    {t('statements.clearance.nobodyCanDecide')}
                  </Text>
                ) : (
                  <Text size="sm" mt={4}>
                    {t('statements.clearance.canDecide', {
                      names: listFormat.format(step.deciders.names),
                      count: step.deciders.count - step.deciders.names.length,
                      context: step.deciders.count > step.deciders.names.length ? 'more' : undefined,
                    })}
                  </Text>
                )
              ) : null}
            </Paper>
          );
        })}
      </Stack>
      <div>
        <Title order={3} size="h4" mb="sm">
          {t('statements.clearance.record')}
        </Title>
        {clearance.decisions.length === 0 ? (
          <Text size="sm" c="dimmed">
            {t('statements.clearance.noDecisions')}
          </Text>
        ) : (
          rounds.map((round) => (
            <Stack key={round} gap={4} mb="md">
              <Text size="sm" fw={600}>
                {t('statements.clearance.round', { round })}
              </Text>
              {/* Every recorded decision is "reached"; Mantine colours only active items. */}
              <Timeline bulletSize={20} lineWidth={2} active={clearance.decisions.length}>
                {clearance.decisions
                  .filter((d) => d.round === round)
                  .map((d) => (
                    <Timeline.Item
                      key={d.id}
                      bullet={d.decision === 'approve' ? <IconCheck size={12} aria-hidden /> : d.decision === 'reject' ? <IconX size={12} aria-hidden /> : <IconArrowBackUp size={12} aria-hidden />}
                      color={!d.valid ? 'gray' : d.decision === 'approve' ? 'green' : d.decision === 'reject' ? 'red' : 'orange'}
                    >
                      <Group gap="xs" wrap="wrap">
                        <Text size="sm" td={d.valid ? undefined : 'line-through'}>
                          {t(decisionKeys[d.decision], { name: d.approverName })} · {seededName(clearance.steps[d.stepIndex]?.name ?? '', t)} ·{' '}
                          {t('statements.clearance.onVersion', { version: d.version })}
                        </Text>
                        {d.valid ? null : (
                          <Badge size="xs" color="gray" variant="outline">
                            {t('statements.clearance.invalidated')}
                          </Badge>
                        )}
                      </Group>
                      {d.reason ? (
                        <Text size="sm" fs="italic" dir="auto">
                          “{d.reason}”
                        </Text>
                      ) : null}
                      <Text size="xs" c="dimmed">
                        {formatInstant(d.at)}
                      </Text>
                    </Timeline.Item>
                  ))}
              </Timeline>
            </Stack>
          ))
        )}
      </div>
    </Stack>
  );
}
