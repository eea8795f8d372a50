import { type FindingOutcome, findingOutcomes, findingSeverities, type FindingSeverity } from '@diplodesk/contracts';
import { Anchor, Badge, Button, Group, Paper, Select, Stack, Text, Textarea, Title } from '@mantine/core';
import { IconArrowBackUp, IconShare } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { isNotFoundError } from '../lib/api-client.ts';
import { formatDateTime, toUiLocale } from '../lib/intl.ts';
import { usePageTitle } from '../lib/use-page-title.ts';
import { FakeStatementEvidence, fakeStatementEvidenceKeys, fakeStatementEvidenceOf } from '../modules/integrity/components/FakeStatementEvidence.tsx';
import { FindingEvidence } from '../modules/integrity/components/FindingEvidence.tsx';
import { FindingNetworkView } from '../modules/integrity/components/FindingNetworkView.tsx';
import { ImpersonationEvidence, isImpersonationEvidence } from '../modules/integrity/components/ImpersonationEvidence.tsx';
import { IntegrityNav } from '../modules/integrity/components/IntegrityNav.tsx';
import { PublishFindingsModal } from '../modules/integrity/components/PublishFindingsModal.tsx';
import { RebuttalsPanel } from '../modules/integrity/components/RebuttalsPanel.tsx';
import { useFinding, useFindingAssignees, useFindingStep } from '../modules/integrity/hooks/use-integrity.ts';
import { findingTitle } from '../modules/integrity/utils/finding-title.ts';
import { detectorLabelKey, severityColor, statusColor } from '../modules/integrity/utils/finding-labels.ts';
import { useCurrentMe } from '../modules/session/hooks/use-me.ts';
import { ErrorAlert } from '../ui/ErrorAlert.tsx';
import { ForbiddenNotice } from '../ui/ForbiddenNotice.tsx';
import { LoadingBlock } from '../ui/LoadingBlock.tsx';
import { PageHeader } from '../ui/PageHeader.tsx';
import { NotFoundPage } from './NotFoundPage.tsx';

/** One finding: its evidence, items and accounts, the claim it matched, comments, and its workflow. */
export function IntegrityFindingPage() {
  const { t, i18n } = useTranslation();
  const locale = toUiLocale(i18n.resolvedLanguage);
  const me = useCurrentMe();
  const { findingId = '' } = useParams();
  const finding = useFinding(findingId);
  const step = useFindingStep(findingId);
  const [comment, setComment] = useState('');
  const [outcome, setOutcome] = useState<FindingOutcome | null>(null);
  const [note, setNote] = useState('');
  const [publishing, setPublishing] = useState(false);
  const assignable = useFindingAssignees(findingId, finding.data?.policies.assign === true);
  usePageTitle(finding.data ? findingTitle(t, finding.data) : t('integrity.finding.title'));
  if (!me.permissions.includes('integrity.read')) return <ForbiddenNotice />;
  if (isNotFoundError(finding.error)) return <NotFoundPage />;
  if (finding.isPending) return <LoadingBlock />;
  const f = finding.data;
  if (!f) return <ErrorAlert error={finding.error} />;
  const can = (name: string) => f.policies[name] === true;
  const canManage = can('triage') || can('assign') || can('resolve') || can('reopen');
  const busy = (action: string) => step.isPending && step.variables?.action === action;
  const when = (iso: string) => formatDateTime(iso, locale, me.user.timeZone);
  // The current assignee stays choosable even if they can no longer be picked (their name still shows).
  const people = assignable.data?.items ?? [];
  const assigneeOptions = [
    ...people.map((person) => ({ value: person.id, label: person.id === me.user.id ? t('integrity.finding.meNamed', { name: person.name }) : person.name })),
    ...(f.assigneeId && !people.some((person) => person.id === f.assigneeId) ? [{ value: f.assigneeId, label: f.assigneeName ?? t('integrity.finding.assignedToOther') }] : []),
  ];
  const sideBySide = f.detector === 'impersonation' && isImpersonationEvidence(f.evidence);
  const fakeStatement = f.detector === 'fake-statement' ? fakeStatementEvidenceOf(f.evidence) : null;

  return (
    <Stack gap="lg">
      <IntegrityNav active="findings" />
      <PageHeader
        mb={0}
        title={findingTitle(t, f)}
        description={t('integrity.finding.seen', { first: when(f.firstSeenAt), last: when(f.lastSeenAt) })}
        actions={
          <Group gap="sm">
            {me.permissions.includes('integrity.manage') ? (
              <Button variant="default" leftSection={<IconShare size={16} aria-hidden />} onClick={() => setPublishing(true)}>
                {t('integrity.publish.open')}
              </Button>
            ) : null}
            {me.permissions.includes('statement.draft') ? (
              <Button component={Link} to={`/statements/new?respondToFinding=${encodeURIComponent(f.id)}`} leftSection={<IconArrowBackUp size={16} aria-hidden />}>
                {t('integrity.finding.respond')}
              </Button>
            ) : null}
          </Group>
        }
      />
      <Group gap="xs" wrap="wrap">
        <Badge color={severityColor(f.severity)} variant="filled" c={f.severity === 'medium' ? 'dark.9' : undefined}>
          {t(`integrity.severity.${f.severity}`)}
        </Badge>
        <Badge color={statusColor(f.status)} variant="light">
          {t(`integrity.status.${f.status}`)}
        </Badge>
        {f.outcome ? <Badge variant="outline">{t(`integrity.outcome.${f.outcome}`)}</Badge> : null}
        <Text size="sm" c="dimmed">
          {t(detectorLabelKey(f.detector))} · {f.assigneeId === null ? t('integrity.finding.unassigned') : f.assigneeId === me.user.id ? t('integrity.finding.assignedToYou') : f.assigneeName ? t('integrity.finding.assignedTo', { name: f.assigneeName }) : t('integrity.finding.assignedToOther')}
        </Text>
      </Group>
      <ErrorAlert error={step.error} />
      {canManage ? (
        <Paper withBorder p="md">
          <Stack gap="sm">
            <Title order={2} size="h4">
              {t('integrity.finding.workflow')}
            </Title>
            <Group gap="sm" wrap="wrap" align="flex-end">
              {can('triage') ? (
                <Select
                  label={t('integrity.finding.severity')}
                  data={findingSeverities.map((s) => ({ value: s, label: t(`integrity.severity.${s}`) }))}
                  value={f.severity}
                  onChange={(v) => v && step.mutate({ action: 'triage', severity: v as FindingSeverity })}
                  allowDeselect={false}
                  disabled={step.isPending}
                  w={170}
                />
              ) : null}
              {can('triage') && f.status === 'new' ? (
                <Button variant="default" loading={busy('triage')} onClick={() => step.mutate({ action: 'triage' })}>
                  {t('integrity.finding.markTriaged')}
                </Button>
              ) : null}
              {can('assign') ? (
                <Select
                  label={t('integrity.finding.assignee')}
                  data={assigneeOptions}
                  value={f.assigneeId}
                  onChange={(v) => v && v !== f.assigneeId && step.mutate({ action: 'assign', assigneeId: v })}
                  placeholder={t('integrity.finding.nobody')}
                  searchable
                  allowDeselect={false}
                  nothingFoundMessage={t('integrity.finding.noAssignees')}
                  disabled={step.isPending}
                  w={240}
                />
              ) : null}
              {can('assign') && f.assigneeId !== me.user.id && assignable.data?.items.some((person) => person.id === me.user.id) ? (
                <Button variant="default" loading={busy('assign')} onClick={() => step.mutate({ action: 'assign', assigneeId: me.user.id })}>
                  {t('integrity.finding.assignToMe')}
                </Button>
              ) : null}
              {can('assign') && f.assigneeId !== null ? (
                <Button variant="default" loading={busy('assign') && step.variables?.action === 'assign' && step.variables.assigneeId === null} onClick={() => step.mutate({ action: 'assign', assigneeId: null })}>
                  {t('integrity.finding.unassign')}
                </Button>
              ) : null}
              {can('reopen') ? (
                <Button variant="default" loading={busy('reopen')} onClick={() => step.mutate({ action: 'reopen' })}>
                  {t('integrity.finding.reopen')}
                </Button>
              ) : null}
            </Group>
            {can('resolve') ? (
              <form
                onSubmit={(event) => {
                  event.preventDefault();
                  if (outcome) step.mutate({ action: 'resolve', outcome, ...(note.trim() ? { note: note.trim() } : {}) }, { onSuccess: () => setNote('') });
                }}
              >
                <Group gap="sm" wrap="wrap" align="flex-end">
                  <Select label={t('integrity.finding.outcome')} data={findingOutcomes.map((o) => ({ value: o, label: t(`integrity.outcome.${o}`) }))} value={outcome} onChange={(v) => setOutcome(v as FindingOutcome | null)} placeholder={t('integrity.finding.chooseOutcome')} w={220} />
                  <Textarea label={t('integrity.finding.note')} value={note} onChange={(e) => setNote(e.currentTarget.value)} autosize minRows={1} style={{ flex: '1 1 16rem' }} />
                  <Button type="submit" disabled={!outcome} loading={busy('resolve')}>
                    {t('integrity.finding.resolve')}
                  </Button>
                </Group>
              </form>
            ) : null}
          </Stack>
        </Paper>
      ) : null}
      <RebuttalsPanel
        subject={{ kind: 'finding', id: f.id }}
        timeZone={me.user.timeZone}
        onResolveResponded={can('resolve') ? () => step.mutate({ action: 'resolve', outcome: 'responded' }) : undefined}
        resolving={busy('resolve')}
      />
      {f.detector === 'coordination' ? (
        <Paper withBorder p="md" component="section" aria-labelledby="network-heading">
          <Stack gap="sm">
            <Title order={2} size="h4" id="network-heading">
              {t('integrity.network.title')}
            </Title>
            <FindingNetworkView findingId={f.id} timeZone={me.user.timeZone} />
          </Stack>
        </Paper>
      ) : null}
      <Paper withBorder p="md">
        <Stack gap="sm">
          <Title order={2} size="h4">
            {t('integrity.finding.evidenceTitle')}
          </Title>
          {sideBySide ? <ImpersonationEvidence evidence={f.evidence} /> : null}
          {fakeStatement ? <FakeStatementEvidence evidence={fakeStatement} timeZone={me.user.timeZone} /> : null}
          <FindingEvidence
            finding={f}
            timeZone={me.user.timeZone}
            omit={sideBySide ? ['official', 'lookAlike', 'signals', 'score', 'skeletons', 'reasons'] : fakeStatement ? fakeStatementEvidenceKeys : f.detector === 'coordination' ? ['network'] : []}
          />
        </Stack>
      </Paper>
      <Paper withBorder p="md" component="section" aria-labelledby="comments-heading">
        <Stack gap="sm">
          <Title order={2} size="h4" id="comments-heading">
            {t('integrity.finding.comments', { count: f.comments.length })}
          </Title>
          {f.comments.length === 0 ? (
            <Text size="sm" c="dimmed">
              {t('integrity.finding.noComments')}
            </Text>
          ) : null}
          {f.comments.map((c) => (
            <Stack key={c.id} gap={2}>
              <Text size="xs" c="dimmed">
                {c.authorName ?? t('integrity.finding.someone')} · {when(c.createdAt)}
              </Text>
              <Text size="sm" style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
                {c.text}
              </Text>
            </Stack>
          ))}
          {can('comment') ? (
            <form
              onSubmit={(event) => {
                event.preventDefault();
                if (comment.trim()) step.mutate({ action: 'comments', text: comment.trim() }, { onSuccess: () => setComment('') });
              }}
            >
              <Stack gap="xs">
                <Textarea label={t('integrity.finding.addComment')} value={comment} onChange={(e) => setComment(e.currentTarget.value)} autosize minRows={2} />
                <Button type="submit" variant="default" disabled={comment.trim() === ''} loading={busy('comments')} style={{ alignSelf: 'flex-start' }}>
                  {t('integrity.finding.postComment')}
                </Button>
              </Stack>
            </form>
          ) : null}
        </Stack>
      </Paper>
      <Anchor component={Link} to="/integrity" size="sm">
        {t('integrity.finding.back')}
      </Anchor>
      {me.permissions.includes('integrity.manage') ? <PublishFindingsModal findingIds={[f.id]} opened={publishing} onClose={() => setPublishing(false)} /> : null}
    </Stack>
  );
}
