import { type ImportDto, stripBidiControls } from '@diplodesk/contracts';
import { Alert, Anchor, Box, Button, Group, List, Paper, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { IconAlertCircle, IconDownload, IconFileImport, IconSearch } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { formatNumber, toUiLocale } from '../../../lib/intl.ts';
import { SectionCard } from '../../../ui/SectionCard.tsx';
import { rejectedReportUrl } from './import.api.ts';
import { reasonLabel } from './import-labels.ts';

/** The search page with this import's source and no period (imported items are often older than a week). */
const searchLink = (sourceId: string) => `/listening?sources=${encodeURIComponent(sourceId)}&range=custom`;

function Figure({ label, value }: { label: string; value: string }) {
  return (
    <Paper withBorder p="sm" radius="md">
      <Text component="dt" size="sm" c="dimmed">
        {label}
      </Text>
      <Text component="dd" m={0} fw={700} fz="xl">
        {value}
      </Text>
    </Paper>
  );
}

/** A finished, cancelled or failed import: its figures, why rows were rejected, and where to go next. */
export function ImportSummary({ item, onAnother }: { item: ImportDto; onAnother: () => void }) {
  const { t, i18n } = useTranslation();
  const locale = toUiLocale(i18n.resolvedLanguage);
  const n = (value: number) => formatNumber(value, locale);
  const status = item.status === 'cancelled' || item.status === 'failed' || item.status === 'expired' ? item.status : 'done';
  const reasons = Object.entries(item.reasons).sort((a, b) => b[1] - a[1]);
  const waiting = Math.max(0, item.appended - item.stored);

  return (
    <SectionCard title={t(`listeningImport.summary.${status}`)} description={stripBidiControls(item.fileName)}>
      <Stack gap="md">
        {item.status === 'expired' ? (
          <Alert color="gray" variant="light" icon={<IconAlertCircle size={18} aria-hidden />}>
            {t('listeningImport.summary.expiredNote')}
          </Alert>
        ) : null}
        {item.error ? (
          <Alert color="red" variant="light" role="alert" icon={<IconAlertCircle size={18} aria-hidden />}>
            {t(`listeningImport.summary.errors.${item.error.code}`, { detail: item.error.detail })}
          </Alert>
        ) : null}
        <SimpleGrid component="dl" cols={{ base: 2, sm: 4 }} spacing="sm" m={0}>
          <Figure label={t('listeningImport.summary.rowsRead')} value={n(item.rowsRead)} />
          <Figure label={t('listeningImport.summary.stored')} value={n(item.stored)} />
          <Figure label={t('listeningImport.summary.duplicates')} value={item.duplicates === null ? '…' : n(item.duplicates)} />
          <Figure label={t('listeningImport.summary.rejected')} value={n(item.rejected)} />
        </SimpleGrid>
        {!item.settled && waiting > 0 ? (
          <Text size="sm" c="dimmed" aria-live="polite">
            {t('listeningImport.summary.analysing', { count: waiting, n: n(waiting) })}
          </Text>
        ) : null}
        {reasons.length > 0 ? (
          <Box>
            <Title order={3} size="h5" mb={4}>
              {t('listeningImport.summary.reasonsHeading')}
            </Title>
            <List size="sm" spacing={2}>
              {reasons.map(([reason, count]) => (
                <List.Item key={reason}>
                  {reasonLabel(reason, t)}: {n(count)}
                </List.Item>
              ))}
            </List>
          </Box>
        ) : null}
        <Group gap="md" wrap="wrap">
          {item.hasRejectedReport ? (
            <Anchor href={rejectedReportUrl(item.id)} download size="sm">
              <Group gap={6} wrap="nowrap" component="span">
                <IconDownload size={16} aria-hidden />
                {t('listeningImport.summary.download')}
              </Group>
            </Anchor>
          ) : null}
          {item.sourceId && item.appended > 0 ? (
            <Anchor component={Link} to={searchLink(item.sourceId)} size="sm">
              <Group gap={6} wrap="nowrap" component="span">
                <IconSearch size={16} aria-hidden />
                {t('listeningImport.summary.search')}
              </Group>
            </Anchor>
          ) : null}
        </Group>
        {item.rejected > item.rejectedInReport ? (
          <Text size="xs" c="dimmed">
            {t('listeningImport.summary.reportLimit', { n: n(item.rejectedInReport) })}
          </Text>
        ) : null}
        <Group justify="flex-end">
          <Button variant="light" leftSection={<IconFileImport size={16} aria-hidden />} onClick={onAnother}>
            {t('listeningImport.summary.another')}
          </Button>
        </Group>
      </Stack>
    </SectionCard>
  );
}
