import type { ClearanceDecisionKind, StatementDto } from '@diplodesk/contracts';
import { Button, Checkbox, Group, Stack, Text, TextInput, Textarea } from '@mantine/core';
import { IconArrowBackUp, IconBan, IconCheck, IconMessageReply, IconRocket, IconSend, IconX } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { notifySuccess, notifyWarning } from '../../../lib/notify.ts';
import { AppModal } from '../../../ui/AppModal.tsx';
import { ErrorAlert } from '../../../ui/ErrorAlert.tsx';
import { useDecideClearance, useScheduleStatement, useSubmitStatement, useWithdrawStatement } from '../hooks/use-statements.ts';
import { wallTimeToIso } from '../utils/zoned-input.ts';
import { seededName } from '../../../lib/seeded-names.ts';

type Dialog = 'submit' | 'schedule' | 'withdraw' | ClearanceDecisionKind | null;

/** The buttons the statement's policies allow, each opening a short dialog. */
export function StatementActions({ statement, dirty }: { statement: StatementDto; dirty: boolean }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [dialog, setDialog] = useState<Dialog>(null);
  const p = statement.policies;
  return (
    <>
      <Group gap="sm" wrap="wrap">
        {p.submit ? (
          <Button leftSection={<IconSend size={16} aria-hidden />} onClick={() => setDialog('submit')} disabled={dirty} title={dirty ? t('statements.actions.saveFirst') : undefined}>
            {t('statements.actions.submit')}
          </Button>
        ) : null}
        {p.decide ? (
          <>
            <Button color="green" leftSection={<IconCheck size={16} aria-hidden />} onClick={() => setDialog('approve')}>
              {t('statements.actions.approve')}
            </Button>
            <Button variant="light" color="orange" leftSection={<IconArrowBackUp size={16} aria-hidden />} onClick={() => setDialog('request-changes')}>
              {t('statements.actions.requestChanges')}
            </Button>
            <Button variant="light" color="red" leftSection={<IconX size={16} aria-hidden />} onClick={() => setDialog('reject')}>
              {t('statements.actions.reject')}
            </Button>
          </>
        ) : null}
        {p.schedule ? (
          <Button leftSection={<IconRocket size={16} aria-hidden />} onClick={() => setDialog('schedule')}>
            {t('statements.actions.publish')}
          </Button>
        ) : null}
        {p.respond ? (
          <Button variant="default" leftSection={<IconMessageReply size={16} aria-hidden />} onClick={() => navigate(`/statements/new?respondTo=${statement.id}`)}>
            {t('statements.actions.respond')}
          </Button>
        ) : null}
        {p.withdraw ? (
          <Button variant="subtle" color="red" leftSection={<IconBan size={16} aria-hidden />} onClick={() => setDialog('withdraw')}>
            {t('statements.actions.withdraw')}
          </Button>
        ) : null}
      </Group>
      {dialog === 'submit' ? <SubmitDialog statement={statement} onClose={() => setDialog(null)} /> : null}
      {dialog === 'schedule' ? <ScheduleDialog statement={statement} onClose={() => setDialog(null)} /> : null}
      {dialog === 'withdraw' ? <WithdrawDialog statement={statement} onClose={() => setDialog(null)} /> : null}
      {dialog === 'approve' || dialog === 'request-changes' || dialog === 'reject' ? (
        <DecideDialog statement={statement} decision={dialog} onClose={() => setDialog(null)} />
      ) : null}
    </>
  );
}

function WhenInput({ statement, value, onChange, label }: { statement: StatementDto; value: string; onChange: (v: string) => void; label: string }) {
  const { t } = useTranslation();
  return (
    <TextInput
      type="datetime-local"
      label={label}
      description={t('statements.actions.inZone', { zone: statement.audienceTimeZone })}
      value={value}
      onChange={(event) => onChange(event.currentTarget.value)}
    />
  );
}

function SubmitDialog({ statement, onClose }: { statement: StatementDto; onClose: () => void }) {
  const { t } = useTranslation();
  const submit = useSubmitStatement(statement.id);
  // A response to another statement is the usual reason for the rapid-response chain.
  const [fastTrack, setFastTrack] = useState(statement.respondsTo !== null || statement.kind === 'reply');
  const [when, setWhen] = useState('');
  const go = () => {
    const scheduledAt = when ? wallTimeToIso(when, statement.audienceTimeZone) : null;
    submit.mutate(
      { baseVersion: statement.version, fastTrack, scheduledAt },
      {
        onSuccess: (submitted) => {
          notifySuccess(t('statements.actions.submitted'));
          // Said at once, not discovered days later: a step nobody but the author could decide.
          const stuck = submitted.clearance?.steps.find((step) => step.deciders?.count === 0);
          if (stuck) notifyWarning(t('statements.clearance.nobodyCanDecideNotice', { step: seededName(stuck.name, t) }));
          onClose();
        },
      },
    );
  };
  return (
    <AppModal opened onClose={onClose} title={t('statements.actions.submitTitle')}>
      <Stack gap="md">
        <Text size="sm">{t('statements.actions.submitIntro')}</Text>
        <WhenInput statement={statement} value={when} onChange={setWhen} label={t('statements.actions.plannedTime')} />
        <Checkbox
          label={t('statements.actions.fastTrack')}
          description={t('statements.actions.fastTrackHint')}
          checked={fastTrack}
          onChange={(event) => setFastTrack(event.currentTarget.checked)}
        />
        <ErrorAlert error={submit.error} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('common.cancel')}
          </Button>
          <Button onClick={go} loading={submit.isPending}>
            {t('statements.actions.submit')}
          </Button>
        </Group>
      </Stack>
    </AppModal>
  );
}

const decisionTitleKeys = {
  approve: 'statements.actions.approveTitle',
  'request-changes': 'statements.actions.requestChangesTitle',
  reject: 'statements.actions.rejectTitle',
} as const;
const decisionButtonKeys = {
  approve: 'statements.actions.approve',
  'request-changes': 'statements.actions.requestChanges',
  reject: 'statements.actions.reject',
} as const;

function DecideDialog({ statement, decision, onClose }: { statement: StatementDto; decision: ClearanceDecisionKind; onClose: () => void }) {
  const { t } = useTranslation();
  const decide = useDecideClearance(statement.id);
  const [reason, setReason] = useState('');
  const needsReason = decision !== 'approve';
  const [tried, setTried] = useState(false);
  const go = () => {
    setTried(true);
    if (needsReason && !reason.trim()) return;
    decide.mutate(
      { baseVersion: statement.version, decision, ...(reason.trim() ? { reason: reason.trim() } : {}) },
      {
        onSuccess: () => {
          notifySuccess(t('statements.actions.decided'));
          onClose();
        },
      },
    );
  };
  return (
    <AppModal opened onClose={onClose} title={t(decisionTitleKeys[decision])}>
      <Stack gap="md">
        <Text size="sm">{t('statements.actions.decideVersion', { version: statement.version })}</Text>
        <Textarea
          label={needsReason ? t('statements.actions.reason') : t('statements.actions.reasonOptional')}
          required={needsReason}
          value={reason}
          onChange={(event) => setReason(event.currentTarget.value)}
          autosize
          minRows={3}
          maxLength={2000}
          error={tried && needsReason && !reason.trim() ? t('statements.actions.reasonRequired') : undefined}
        />
        <ErrorAlert error={decide.error} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('common.cancel')}
          </Button>
          <Button color={decision === 'approve' ? 'green' : decision === 'reject' ? 'red' : 'orange'} onClick={go} loading={decide.isPending}>
            {t(decisionButtonKeys[decision])}
          </Button>
        </Group>
      </Stack>
    </AppModal>
  );
}

function ScheduleDialog({ statement, onClose }: { statement: StatementDto; onClose: () => void }) {
  const { t } = useTranslation();
  const schedule = useScheduleStatement(statement.id);
  const [when, setWhen] = useState('');
  const go = (scheduledAt: string | null) =>
    schedule.mutate(scheduledAt, {
      onSuccess: () => {
        notifySuccess(scheduledAt ? t('statements.actions.scheduled') : t('statements.actions.published'));
        onClose();
      },
    });
  const iso = when ? wallTimeToIso(when, statement.audienceTimeZone) : null;
  return (
    <AppModal opened onClose={onClose} title={t('statements.actions.publishTitle')}>
      <Stack gap="md">
        <Text size="sm">{t('statements.actions.publishIntro')}</Text>
        <Button leftSection={<IconRocket size={16} aria-hidden />} onClick={() => go(null)} loading={schedule.isPending && schedule.variables === null}>
          {t('statements.actions.publishNow')}
        </Button>
        <WhenInput statement={statement} value={when} onChange={setWhen} label={t('statements.actions.scheduleAt')} />
        <Button variant="light" onClick={() => iso && go(iso)} disabled={!iso} loading={schedule.isPending && schedule.variables !== null}>
          {t('statements.actions.schedule')}
        </Button>
        <ErrorAlert error={schedule.error} />
      </Stack>
    </AppModal>
  );
}

function WithdrawDialog({ statement, onClose }: { statement: StatementDto; onClose: () => void }) {
  const { t } = useTranslation();
  const withdraw = useWithdrawStatement(statement.id);
  const [reason, setReason] = useState('');
  return (
    <AppModal opened onClose={onClose} title={t('statements.actions.withdrawTitle')}>
      <Stack gap="md">
        <Text size="sm">{t('statements.actions.withdrawIntro')}</Text>
        <Textarea label={t('statements.actions.reason')} required value={reason} onChange={(event) => setReason(event.currentTarget.value)} autosize minRows={3} maxLength={1000} />
        <ErrorAlert error={withdraw.error} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('common.cancel')}
          </Button>
          <Button
            color="red"
            disabled={reason.trim().length < 3}
            loading={withdraw.isPending}
            onClick={() => withdraw.mutate(reason.trim(), { onSuccess: () => onClose() })}
          >
            {t('statements.actions.withdraw')}
          </Button>
        </Group>
      </Stack>
    </AppModal>
  );
}
