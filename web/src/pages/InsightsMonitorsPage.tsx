import type { MonitorDto } from '@diplodesk/contracts';
import { ActionIcon, Anchor, Badge, Button, Group, Modal, Paper, Select, Stack, Switch, Table, Text, Title, VisuallyHidden } from '@mantine/core';
import { IconPencil, IconPlus } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { countryName } from '../lib/countries.ts';
import { toUiLocale } from '../lib/intl.ts';
import { usePageTitle } from '../lib/use-page-title.ts';
import { InsightsNav } from '../modules/insights/components/InsightsNav.tsx';
import { MonitorForm } from '../modules/insights/components/MonitorForm.tsx';
import { MonitorMapPanel } from '../modules/insights/components/MonitorMapPanel.tsx';
import { Sparkline } from '../modules/insights/components/Sparkline.tsx';
import { WarningText } from '../modules/insights/components/WarningText.tsx';
import { useMonitor, useMonitors, useToggleMonitor } from '../modules/insights/hooks/use-monitors.ts';
import { useManageableUnits } from '../modules/insights/hooks/use-manageable-units.ts';
import { monitorName } from '../modules/insights/utils/monitor-drill-down.ts';
import { topicLabel } from '../modules/listening/utils/labels.ts';
import { useCurrentMe } from '../modules/session/hooks/use-me.ts';
import { ErrorAlert } from '../ui/ErrorAlert.tsx';
import { ForbiddenNotice } from '../ui/ForbiddenNotice.tsx';
import { LoadingBlock } from '../ui/LoadingBlock.tsx';
import { PageHeader } from '../ui/PageHeader.tsx';

/** Threat monitors: each with its two weeks, whether it warns, on or off; and one monitor on the world map. */
export function InsightsMonitorsPage() {
  const { t, i18n } = useTranslation();
  const locale = toUiLocale(i18n.resolvedLanguage);
  const me = useCurrentMe();
  const canRead = me.permissions.includes('insight.read');
  usePageTitle(t('insightsMonitors.title'));
  const monitors = useMonitors(canRead);
  const { manageable } = useManageableUnits();
  const toggle = useToggleMonitor();
  const [editing, setEditing] = useState<MonitorDto | 'new' | null>(null);
  const [mapped, setMapped] = useState<string | null>(null);
  const enabled = (monitors.data?.items ?? []).filter((m) => m.enabled);
  // The map shows the chosen monitor, else the first that warns, else the first.
  const mappedId = mapped ?? enabled.find((m) => m.warning)?.id ?? enabled[0]?.id ?? null;
  const series = useMonitor(mappedId, 28);
  if (!canRead) return <ForbiddenNotice />;
  const canCreate = (monitors.data?.policies.create ?? false) && manageable.length > 0;
  const watches = (m: MonitorDto) => {
    const topics = m.topicIds.length > 0 ? m.topicIds.map((id) => topicLabel(id, t)).join(', ') : t('insightsMonitors.allTopics');
    const places = m.countries.length > 0 ? m.countries.map((c) => countryName(c, locale)).join(', ') : t('insightsMonitors.world');
    return `${topics} · ${places}`;
  };
  return (
    <Stack gap="lg">
      <PageHeader
        mb={0}
        title={t('insightsMonitors.title')}
        description={t('insightsMonitors.intro')}
        actions={
          canCreate ? (
            <Button leftSection={<IconPlus size={16} aria-hidden />} onClick={() => setEditing('new')}>
              {t('insightsMonitors.add')}
            </Button>
          ) : null
        }
      />
      <InsightsNav active="monitors" />
      <ErrorAlert error={monitors.error ?? toggle.error} />
      {monitors.isPending ? <LoadingBlock /> : null}
      {monitors.data && monitors.data.items.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('insightsMonitors.none')}
        </Text>
      ) : null}
      {monitors.data && monitors.data.items.length > 0 ? (
        <Table.ScrollContainer minWidth={760}>
          <Table striped withTableBorder verticalSpacing="sm">
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('insightsMonitors.columns.name')}</Table.Th>
                <Table.Th scope="col">{t('insightsMonitors.columns.watches')}</Table.Th>
                <Table.Th scope="col">{t('insightsMonitors.columns.twoWeeks')}</Table.Th>
                <Table.Th scope="col">{t('insightsMonitors.columns.state')}</Table.Th>
                <Table.Th scope="col">{t('insightsMonitors.columns.on')}</Table.Th>
                <Table.Th scope="col">
                  <VisuallyHidden>{t('insightsMonitors.columns.actions')}</VisuallyHidden>
                </Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {monitors.data.items.map((m) => {
                const name = monitorName(m, locale);
                const total = m.spark.reduce((a, b) => a + b, 0);
                return (
                  <Table.Tr key={m.id}>
                    <Table.Th scope="row" fw={600}>
                      <Anchor component={Link} to={`/insights/monitors/${m.id}`}>
                        {name}
                      </Anchor>
                    </Table.Th>
                    <Table.Td>
                      <Text size="sm">{watches(m)}</Text>
                    </Table.Td>
                    <Table.Td>
                      <Sparkline values={m.spark} warning={m.warning !== null} label={t('insightsMonitors.sparkLabel', { count: total, name })} />
                    </Table.Td>
                    <Table.Td>
                      {!m.enabled ? (
                        <Badge color="gray" variant="light">
                          {t('insightsMonitors.state.off')}
                        </Badge>
                      ) : m.warning ? (
                        <Stack gap={2}>
                          <Badge color="red" variant="filled">
                            {t('insightsMonitors.state.warning')}
                          </Badge>
                          <Text size="xs">
                            <WarningText warning={m.warning} />
                          </Text>
                        </Stack>
                      ) : (
                        <Badge color="green" variant="light">
                          {t('insightsMonitors.state.within')}
                        </Badge>
                      )}
                    </Table.Td>
                    <Table.Td>
                      <Switch aria-label={t('insightsMonitors.enabledLabel', { name })} checked={m.enabled} disabled={!m.policies.update} onChange={(e) => toggle.mutate({ id: m.id, enabled: e.currentTarget.checked })} />
                    </Table.Td>
                    <Table.Td>
                      {m.policies.update ? (
                        <ActionIcon variant="subtle" aria-label={t('insightsMonitors.edit', { name })} onClick={() => setEditing(m)}>
                          <IconPencil size={16} aria-hidden />
                        </ActionIcon>
                      ) : null}
                    </Table.Td>
                  </Table.Tr>
                );
              })}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      ) : null}
      {enabled.length > 0 ? (
        <Paper withBorder p="md" component="section" aria-labelledby="monitor-map-title">
          <Stack gap="sm">
            <Group justify="space-between" align="flex-end">
              <Title order={2} size="h4" id="monitor-map-title">
                {t('insightsMonitors.map.title')}
              </Title>
              <Select label={t('insightsMonitors.map.monitor')} data={enabled.map((m) => ({ value: m.id, label: monitorName(m, locale) }))} value={mappedId} onChange={setMapped} allowDeselect={false} w={280} />
            </Group>
            <Text size="sm" c="dimmed">
              {t('insightsMonitors.map.period28')}
            </Text>
            <ErrorAlert error={series.error} />
            {series.data ? <MonitorMapPanel monitor={series.data.monitor} series={series.data} /> : <LoadingBlock />}
          </Stack>
        </Paper>
      ) : null}
      <Modal opened={editing !== null} onClose={() => setEditing(null)} title={editing === 'new' ? t('insightsMonitors.add') : t('insightsMonitors.editTitle')} size="lg" closeButtonProps={{ 'aria-label': t('common.close') }}>
        {editing !== null ? <MonitorForm monitor={editing === 'new' ? null : editing} units={manageable} timeZone={me.user.timeZone} onDone={() => setEditing(null)} /> : null}
      </Modal>
    </Stack>
  );
}
