import { findingDetectors, findingSeverities, findingStatuses } from '@diplodesk/contracts';
import { Anchor, Badge, Button, Group, Pagination, Paper, Select, Stack, Text } from '@mantine/core';
import { IconShare } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { formatDateTime, toUiLocale } from '../lib/intl.ts';
import { usePageTitle } from '../lib/use-page-title.ts';
import { IntegrityNav } from '../modules/integrity/components/IntegrityNav.tsx';
import { PublishFindingsModal } from '../modules/integrity/components/PublishFindingsModal.tsx';
import { useAssigneesOfFindings, useFindings } from '../modules/integrity/hooks/use-integrity.ts';
import { findingTitle } from '../modules/integrity/utils/finding-title.ts';
import { detectorLabelKey, severityColor, statusColor } from '../modules/integrity/utils/finding-labels.ts';
import { useCurrentMe } from '../modules/session/hooks/use-me.ts';
import { ErrorAlert } from '../ui/ErrorAlert.tsx';
import { ForbiddenNotice } from '../ui/ForbiddenNotice.tsx';
import { LoadingBlock } from '../ui/LoadingBlock.tsx';
import { PageHeader } from '../ui/PageHeader.tsx';

const PAGE = 20;

/** The findings inbox of every detector: open ones by default, newest evidence first, new ones arriving live. */
export function IntegrityFindingsPage() {
  const { t, i18n } = useTranslation();
  const locale = toUiLocale(i18n.resolvedLanguage);
  const me = useCurrentMe();
  const canRead = me.permissions.includes('integrity.read');
  const canPublish = me.permissions.includes('integrity.manage');
  const [publishing, setPublishing] = useState(false);
  usePageTitle(t('integrity.title'));
  const [params, setParams] = useSearchParams();
  const status = params.get('status') ?? 'open';
  const detector = params.get('detector');
  const severity = params.get('severity');
  const assignee = params.get('assignee');
  const page = Math.max(1, Number(params.get('page') ?? '1') || 1);
  const set = (key: string, value: string | null) =>
    setParams(
      (current) => {
        const next = new URLSearchParams(current);
        if (value === null || value === '') next.delete(key);
        else next.set(key, value);
        if (key !== 'page') next.delete('page');
        return next;
      },
      { replace: true },
    );
  const findings = useFindings(
    {
      open: status === 'open' ? true : undefined,
      status: status === 'open' || status === 'all' ? undefined : (status as (typeof findingStatuses)[number]),
      detector: (detector ?? undefined) as (typeof findingDetectors)[number] | undefined,
      severity: (severity ?? undefined) as (typeof findingSeverities)[number] | undefined,
      assignee: assignee ?? undefined,
      limit: PAGE,
      offset: (page - 1) * PAGE,
    },
    canRead,
  );
  const holders = useAssigneesOfFindings(canRead);
  if (!canRead) return <ForbiddenNotice />;
  const others = (holders.data?.items ?? []).filter((person) => person.id !== me.user.id);
  const items = findings.data?.items ?? [];
  const pages = Math.max(1, Math.ceil((findings.data?.total ?? 0) / PAGE));
  return (
    <Stack gap="lg">
      <PageHeader
        mb={0}
        title={t('integrity.title')}
        description={t('integrity.findings.intro')}
        actions={
          canPublish ? (
            <Button variant="default" leftSection={<IconShare size={16} aria-hidden />} disabled={items.length === 0} onClick={() => setPublishing(true)}>
              {t('integrity.publish.openShown', { count: items.length })}
            </Button>
          ) : null
        }
      />
      <IntegrityNav active="findings" />
      <Group gap="sm" wrap="wrap" align="flex-end" role="search" aria-label={t('integrity.findings.filters')}>
        <Select
          label={t('integrity.findings.status')}
          data={[{ value: 'open', label: t('integrity.findings.statusOpen') }, ...findingStatuses.map((s) => ({ value: s, label: t(`integrity.status.${s}`) })), { value: 'all', label: t('integrity.findings.statusAll') }]}
          value={status}
          onChange={(v) => set('status', v === 'open' ? null : v)}
          allowDeselect={false}
          w={170}
        />
        <Select label={t('integrity.findings.detector')} data={findingDetectors.map((d) => ({ value: d, label: t(detectorLabelKey(d)) }))} value={detector} onChange={(v) => set('detector', v)} placeholder={t('integrity.findings.any')} clearable clearButtonProps={{ 'aria-label': t('common.clearField') }} w={220} />
        <Select label={t('integrity.findings.severity')} data={findingSeverities.map((s) => ({ value: s, label: t(`integrity.severity.${s}`) }))} value={severity} onChange={(v) => set('severity', v)} placeholder={t('integrity.findings.any')} clearable clearButtonProps={{ 'aria-label': t('common.clearField') }} w={160} />
        <Select
          label={t('integrity.findings.assignee')}
          data={[
            { value: 'me', label: t('integrity.findings.assignedToMe') },
            { value: 'none', label: t('integrity.findings.unassigned') },
            ...(others.length > 0 ? [{ group: t('integrity.findings.people'), items: others.map((person) => ({ value: person.id, label: person.name })) }] : []),
          ]}
          searchable
          value={assignee}
          onChange={(v) => set('assignee', v)}
          placeholder={t('integrity.findings.anyone')}
          clearable
          clearButtonProps={{ 'aria-label': t('common.clearField') }}
          w={220}
        />
      </Group>
      <ErrorAlert error={findings.error} />
      {findings.isPending ? <LoadingBlock /> : null}
      <section aria-labelledby="findings-heading">
        <Text id="findings-heading" size="sm" c="dimmed" mb="xs" aria-live="polite">
          {t('integrity.findings.count', { count: findings.data?.total ?? 0 })}
        </Text>
        {findings.data && items.length === 0 ? (
          <Text size="sm" c="dimmed">
            {t('integrity.findings.none')}{' '}
            <Anchor component={Link} to="/integrity/claims" underline="always">
              {t('integrity.findings.toClaims')}
            </Anchor>
          </Text>
        ) : null}
        <Stack gap="sm" component="ul" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
          {items.map((f) => (
            <Paper key={f.id} component="li" withBorder p="sm">
              <Stack gap={4}>
                <Group gap="xs" wrap="wrap">
                  <Badge color={severityColor(f.severity)} variant="filled" c={f.severity === 'medium' ? 'dark.9' : undefined}>
                    {t(`integrity.severity.${f.severity}`)}
                  </Badge>
                  <Badge color={statusColor(f.status)} variant="light">
                    {t(`integrity.status.${f.status}`)}
                  </Badge>
                  <Text size="xs" c="dimmed">
                    {t(detectorLabelKey(f.detector))} · {t('integrity.findings.itemCount', { count: f.itemCount })} · {formatDateTime(f.lastSeenAt, locale, me.user.timeZone)}
                  </Text>
                  {f.assigneeId === me.user.id ? (
                    <Badge variant="outline" size="sm">
                      {t('integrity.findings.yours')}
                    </Badge>
                  ) : null}
                </Group>
                <Anchor component={Link} to={`/integrity/findings/${f.id}`} fw={600} style={{ overflowWrap: 'anywhere' }}>
                  {findingTitle(t, f)}
                </Anchor>
              </Stack>
            </Paper>
          ))}
        </Stack>
      </section>
      {canPublish ? <PublishFindingsModal findingIds={items.map((f) => f.id)} opened={publishing} onClose={() => setPublishing(false)} /> : null}
      {pages > 1 ? <Pagination total={pages} value={page} onChange={(p) => set('page', String(p))} getControlProps={(control) => ({ 'aria-label': t(`integrity.findings.page.${control}`) })} getItemProps={(p) => ({ 'aria-label': t('integrity.findings.page.number', { page: p }) })} /> : null}
    </Stack>
  );
}
