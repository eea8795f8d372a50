import { Alert, Anchor, Button, Group, Paper, Stack, Tabs, Text } from '@mantine/core';
import { IconArrowBackUp, IconBan, IconBroadcast, IconRefresh } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { usePageTitle } from '../lib/use-page-title.ts';
import { statementQueryKey } from '../modules/statements/api/statements.api.ts';
import { ClearancePanel } from '../modules/statements/components/ClearancePanel.tsx';
import { NotPostedNotice } from '../modules/statements/components/NotPostedNotice.tsx';
import { PublicationsPanel } from '../modules/statements/components/PublicationsPanel.tsx';
import { StatementActions } from '../modules/statements/components/StatementActions.tsx';
import { StatementEditor } from '../modules/statements/components/StatementEditor.tsx';
import { StatementsAreaNav } from '../modules/statements/components/StatementsAreaNav.tsx';
import { StatusBadge } from '../modules/statements/components/StatusBadge.tsx';
import { VersionsPanel } from '../modules/statements/components/VersionsPanel.tsx';
import { formatInZone, useFormatInstant } from '../modules/statements/hooks/use-format.ts';
import { useLiveNotice } from '../modules/statements/hooks/use-live-notice.ts';
import { useStatement } from '../modules/statements/hooks/use-statements.ts';
import { kindLabelKeys } from '../modules/statements/utils/statement-status.ts';
import { ErrorAlert } from '../ui/ErrorAlert.tsx';
import { LoadingBlock } from '../ui/LoadingBlock.tsx';
import { PageHeader } from '../ui/PageHeader.tsx';
import { isNotFoundError } from '../lib/api-client.ts';
import { NotFoundPage } from './NotFoundPage.tsx';

export function StatementPage() {
  const { statementId = '' } = useParams();
  const { t, i18n } = useTranslation();
  const queryClient = useQueryClient();
  const statement = useStatement(statementId);
  const formatInstant = useFormatInstant();
  const [dirty, setDirty] = useState(false);
  const [resetToken, setResetToken] = useState(0);
  const [tab, setTab] = useState<string | null>('content');
  const live = useLiveNotice(statement.data);
  const s = statement.data;
  const primaryText = s ? (s.texts.find((x) => x.language === s.primaryLanguage) ?? s.texts[0]) : undefined;
  const title = primaryText?.title.trim() || t('statements.untitled');
  usePageTitle(s ? title : t('statements.title'));
  const onDirtyChange = useCallback((value: boolean) => setDirty(value), []);

  const reload = async () => {
    await queryClient.refetchQueries({ queryKey: statementQueryKey(statementId) });
    setResetToken((n) => n + 1);
    live.dismiss();
  };

  if (statement.isPending) return <LoadingBlock />;
  if (isNotFoundError(statement.error)) return <NotFoundPage />;
  if (!s) return <ErrorAlert error={statement.error} onRetry={() => void statement.refetch()} />;

  return (
    <>
      <StatementsAreaNav active="statements" />
      <PageHeader
        title={<span dir="auto">{title}</span>}
        description={
          <>
            {t(kindLabelKeys[s.kind])} · {s.unitName} · {t('statements.detail.version', { version: s.version })} ·{' '}
            {t('statements.detail.createdBy', { name: s.createdBy.name, time: formatInstant(s.createdAt) })}
          </>
        }
        actions={<StatusBadge status={s.status} size="lg" />}
      />
      <Stack gap="md">
        {live.notice ? (
          <Alert color="blue" icon={<IconBroadcast size={18} aria-hidden />} role="status" withCloseButton closeButtonLabel={t('common.close')} onClose={live.dismiss}>
            <Group justify="space-between" gap="sm" wrap="wrap">
              <Text size="sm">
                {live.notice} — {dirty ? t('statements.live.newerExists') : t('statements.live.updated')}
              </Text>
              {dirty ? (
                <Button size="xs" variant="white" leftSection={<IconRefresh size={14} aria-hidden />} onClick={() => void reload()}>
                  {t('statements.editor.reloadLatest')}
                </Button>
              ) : null}
            </Group>
          </Alert>
        ) : null}
        {s.changesRequested ? (
          <Alert color="orange" icon={<IconArrowBackUp size={18} aria-hidden />} title={t('statements.detail.changesRequested', { name: s.changesRequested.by })}>
            <Text size="sm" dir="auto">
              {s.changesRequested.reason}
            </Text>
          </Alert>
        ) : null}
        {s.withdrawn ? (
          <Alert color="dark" icon={<IconBan size={18} aria-hidden />} title={t('statements.detail.withdrawn', { time: formatInstant(s.withdrawn.at) })}>
            <Text size="sm" dir="auto">
              {s.withdrawn.reason}
            </Text>
          </Alert>
        ) : null}
        <Paper p="md">
          <Stack gap="sm">
            <Group gap="lg" wrap="wrap">
              <Text size="sm">
                {t('statements.fields.audienceTimeZone')}: <strong>{s.audienceTimeZone}</strong>
              </Text>
              {s.scheduledAt ? (
                <Text size="sm">
                  {t(s.status === 'published' ? 'statements.detail.wentOutAt' : Date.parse(s.scheduledAt) <= Date.now() ? 'statements.detail.wasDueAt' : 'statements.detail.scheduledAt', {
                    audience: formatInZone(s.scheduledAt, i18n.language, s.audienceTimeZone),
                    mine: formatInstant(s.scheduledAt),
                  })}
                </Text>
              ) : null}
              {s.respondsTo ? (
                <Text size="sm">
                  {t('statements.detail.respondsTo')}{' '}
                  {s.respondsTo.type === 'statement' ? (
                    <Anchor component={Link} to={`/statements/${s.respondsTo.id}`} dir="auto">
                      {s.respondsTo.title}
                    </Anchor>
                  ) : s.respondsTo.type === 'insights-alert' ? (
                    <Anchor component={Link} to="/insights/alerts">
                      {t('insights.respond.anAlert')}
                    </Anchor>
                  ) : s.respondsTo.type === 'integrity-finding' || s.respondsTo.type === 'integrity-claim' ? (
                    <Anchor component={Link} to={`/integrity/${s.respondsTo.type === 'integrity-finding' ? 'findings' : 'claims'}/${s.respondsTo.id}`} dir="auto">
                      {t(s.respondsTo.type === 'integrity-finding' ? 'integrityRebuttals.theFinding' : 'integrityRebuttals.theClaim', { title: s.respondsTo.title })}
                    </Anchor>
                  ) : (
                    <span dir="auto">{s.respondsTo.title}</span>
                  )}
                </Text>
              ) : null}
            </Group>
            <StatementActions statement={s} dirty={dirty} />
            <NotPostedNotice statement={s} />
          </Stack>
        </Paper>
        <Tabs value={tab} onChange={setTab} keepMounted>
          <Tabs.List aria-label={t('statements.detail.sections')}>
            <Tabs.Tab value="content">{t('statements.detail.tabs.content')}</Tabs.Tab>
            <Tabs.Tab value="clearance">{t('statements.detail.tabs.clearance')}</Tabs.Tab>
            <Tabs.Tab value="versions">{t('statements.detail.tabs.versions')}</Tabs.Tab>
            <Tabs.Tab value="publication">{t('statements.detail.tabs.publication')}</Tabs.Tab>
          </Tabs.List>
          <Tabs.Panel value="content" pt="md">
            <StatementEditor statement={s} onDirtyChange={onDirtyChange} resetToken={resetToken} onReload={() => void reload()} />
          </Tabs.Panel>
          <Tabs.Panel value="clearance" pt="md">
            <Paper p={{ base: 'md', sm: 'lg' }}>
              <ClearancePanel clearance={s.clearance} />
            </Paper>
          </Tabs.Panel>
          <Tabs.Panel value="versions" pt="md">
            <Paper p={{ base: 'md', sm: 'lg' }}>{tab === 'versions' ? <VersionsPanel statementId={s.id} currentVersion={s.version} canComment={s.policies.comment === true} /> : null}</Paper>
          </Tabs.Panel>
          <Tabs.Panel value="publication" pt="md">
            <Paper p={{ base: 'md', sm: 'lg' }}>
              <PublicationsPanel statement={s} />
            </Paper>
          </Tabs.Panel>
        </Tabs>
      </Stack>
    </>
  );
}
