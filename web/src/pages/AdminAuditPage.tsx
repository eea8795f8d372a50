import { Badge, Button, Center, Group, Paper, Stack, Text } from '@mantine/core';
import { IconDownload, IconListDetails } from '@tabler/icons-react';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { apiDownload } from '../lib/api-client.ts';
import { usePageTitle } from '../lib/use-page-title.ts';
import { AuditFilters } from '../modules/audit/components/AuditFilters.tsx';
import { AuditTable } from '../modules/audit/components/AuditTable.tsx';
import { VerifyChainPanel } from '../modules/audit/components/VerifyChainPanel.tsx';
import { useAuditLog } from '../modules/audit/hooks/use-audit-log.ts';
import { type AuditFilterValues, emptyAuditFilters, toAuditQuery } from '../modules/audit/utils/audit-filters.ts';
import { useLiveStatus } from '../modules/live/hooks/live-status-context.ts';
import { useFormatters } from '../modules/session/hooks/use-formatters.ts';
import { useCurrentMe } from '../modules/session/hooks/use-me.ts';
import { useUnits } from '../modules/units/hooks/use-units.ts';
import { ErrorAlert } from '../ui/ErrorAlert.tsx';
import { ForbiddenNotice } from '../ui/ForbiddenNotice.tsx';
import { LoadingBlock } from '../ui/LoadingBlock.tsx';
import { PageHeader } from '../ui/PageHeader.tsx';

const liveColor = { open: 'green', connecting: 'gray', reconnecting: 'orange', off: 'gray' } as const;

export function AdminAuditPage() {
  const { t } = useTranslation();
  const { permissions } = useCurrentMe();
  const { timeZone } = useFormatters();
  const live = useLiveStatus();
  const [filters, setFilters] = useState<AuditFilterValues>(emptyAuditFilters);
  const query = useMemo(() => toAuditQuery(filters, timeZone), [filters, timeZone]);
  const log = useAuditLog(query);
  const units = useUnits(permissions.includes('unit.read'));
  usePageTitle(`${t('admin.tabs.audit')} · ${t('areas.administration.title')}`);

  const [exporting, setExporting] = useState<'csv' | 'jsonl' | null>(null);
  const [exportError, setExportError] = useState<unknown>(null);
  const exportAs = async (format: 'csv' | 'jsonl') => {
    setExporting(format);
    setExportError(null);
    try {
      await apiDownload('/audit/export', { ...query, format });
    } catch (error) {
      setExportError(error);
    } finally {
      setExporting(null);
    }
  };
  const unitNames = useMemo(() => new Map((units.data?.items ?? []).map((unit) => [unit.id, unit.name])), [units.data]);
  const entries = useMemo(() => log.data?.pages.flatMap((page) => page.items) ?? [], [log.data]);

  if (!permissions.includes('audit.read')) return <ForbiddenNotice />;

  return (
    <section aria-labelledby="audit-heading">
      <PageHeader
        order={2}
        title={<span id="audit-heading">{t('audit.title')}</span>}
        description={t('audit.intro', { zone: timeZone })}
        actions={
          <Badge color={liveColor[live]} variant="dot" size="lg" radius="sm" tt="none" fw={500}>
            {t(`audit.live.${live}`)}
          </Badge>
        }
      />
      <Stack gap="md">
        <Paper p="md">
          <VerifyChainPanel />
        </Paper>
        <Paper p="md">
          <AuditFilters value={filters} onApply={setFilters} timeZone={timeZone} />
          <Group gap="sm" mt="md" role="group" aria-label={t('audit.export.label')}>
            {(['csv', 'jsonl'] as const).map((format) => (
              <Button key={format} variant="default" leftSection={<IconDownload size={16} aria-hidden />} loading={exporting === format} disabled={exporting !== null} onClick={() => void exportAs(format)}>
                {t(`audit.export.${format}`)}
              </Button>
            ))}
          </Group>
          {exportError ? <ErrorAlert error={exportError} /> : null}
        </Paper>
        <Paper p={0}>
          {log.isPending ? <LoadingBlock /> : null}
          {log.error && !log.data ? <ErrorAlert error={log.error} onRetry={() => void log.refetch()} /> : null}
          {log.data && entries.length === 0 ? (
            <Center p="lg">
              <Group gap="sm" c="dimmed">
                <IconListDetails size={20} aria-hidden />
                <Text size="sm">{t('audit.empty')}</Text>
              </Group>
            </Center>
          ) : null}
          {entries.length > 0 ? <AuditTable entries={entries} unitNames={unitNames} /> : null}
        </Paper>
        <Group justify="space-between" gap="sm">
          <Text size="xs" c="dimmed" aria-live="polite">
            {log.data ? t('audit.shown', { count: entries.length }) : ''}
          </Text>
          {log.hasNextPage ? (
            <Button variant="default" onClick={() => void log.fetchNextPage()} loading={log.isFetchingNextPage}>
              {t('audit.loadMore')}
            </Button>
          ) : log.data && entries.length > 0 ? (
            <Text size="xs" c="dimmed">
              {t('audit.end')}
            </Text>
          ) : null}
        </Group>
        {log.error && log.data ? <ErrorAlert error={log.error} /> : null}
      </Stack>
    </section>
  );
}
