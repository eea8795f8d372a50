import { stripBidiControls, type UnVotesImport, type UnVotesImportStatus } from '@diplodesk/contracts';
import { Alert, Badge, Group, Paper, Progress, Stack, Text, VisuallyHidden } from '@mantine/core';
import { IconAlertCircle, IconCircleCheck } from '@tabler/icons-react';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { formatNumber, toUiLocale } from '../../../lib/intl.ts';
import { isRunning } from './use-cooperation.ts';

const statusColor: Record<UnVotesImportStatus, string> = { queued: 'gray', checking: 'blue', storing: 'blue', computing: 'indigo', done: 'teal', failed: 'red' };

/** What the import is doing now, in a sentence with its figures. */
function phaseText(item: UnVotesImport, t: TFunction, n: (value: number) => string): string {
  const percentOfFile = item.sizeBytes > 0 ? Math.floor((100 * item.bytesChecked) / item.sizeBytes) : 0;
  if (item.status === 'checking') return t('insightsCooperation.import.phase.checking', { count: item.rowsRead, rows: n(item.rowsRead), percent: `${percentOfFile} %` });
  if (item.status === 'storing') return t('insightsCooperation.import.phase.storing', { done: n(item.rowsStored), total: n(item.rowsToStore ?? 0) });
  if (item.status === 'computing') return t('insightsCooperation.import.idealPoints', { done: item.idealPoints?.done ?? 0, total: item.idealPoints?.total ?? 0 });
  return t('insightsCooperation.import.phase.queued');
}

function failureText(item: UnVotesImport, t: TFunction): string {
  const name = stripBidiControls(item.fileName);
  const problem = item.error?.problem;
  if (item.error?.code === 'invalid-file' && problem?.line && problem.column) return t('insightsCooperation.import.failedLine', { name, line: problem.line, column: problem.column, value: problem.value ?? '' });
  // A header or file-level problem: the server's sentence names what it expected.
  if (item.error?.code === 'invalid-file') return t('insightsCooperation.import.failed', { name, message: `${t('errors.insights-unvotes.invalid-file')} ${item.error.message}` });
  return t('insightsCooperation.import.failed', { name, message: t('insightsCooperation.import.stopped', { message: item.error?.message ?? '' }) });
}

/** One file's import: its phase and a live progress bar while it runs, then its result or the line that stopped it. */
export function UnVotesImportCard({ item }: { item: UnVotesImport }) {
  const { t, i18n } = useTranslation();
  const locale = toUiLocale(i18n.resolvedLanguage);
  const n = (value: number) => formatNumber(value, locale);
  const name = stripBidiControls(item.fileName);
  const part = t(`insightsCooperation.import.partShort.${item.part}`);
  const result = item.result;

  return (
    <Paper withBorder p="md" radius="md" data-testid={`unvotes-import-${item.part}`} data-status={item.status}>
      <Stack gap="xs">
        <Group justify="space-between" gap="sm" wrap="nowrap">
          <Text fw={600} size="sm" style={{ overflowWrap: 'anywhere' }}>
            {t('insightsCooperation.import.fileHeading', { part, name })}
          </Text>
          <Badge color={statusColor[item.status]} variant="light" style={{ textTransform: 'none', flexShrink: 0 }}>
            {t(`insightsCooperation.import.status.${item.status}`)}
          </Badge>
        </Group>
        {isRunning(item) ? (
          <>
            <Group justify="space-between" gap="sm">
              {/* The phase is announced when it changes; the figures that tick every second are not. */}
              <Text size="sm">{phaseText(item, t, n)}</Text>
              <Text size="sm" fw={600}>
                {t('insightsCooperation.import.percent', { percent: item.percent })}
              </Text>
            </Group>
            <Progress value={item.percent} size="lg" animated aria-label={t('insightsCooperation.import.progressLabel', { name })} />
            <Text size="xs" c="dimmed">
              {t('insightsCooperation.import.background')}
            </Text>
          </>
        ) : null}
        <VisuallyHidden aria-live="polite">{t(`insightsCooperation.import.announce.${item.status}`, { name })}</VisuallyHidden>
        {item.status === 'done' && result ? (
          <Alert color="teal" variant="light" icon={<IconCircleCheck size={18} aria-hidden />} data-testid={`unvotes-done-${item.part}`}>
            <Text size="sm">
              {t('insightsCooperation.import.done', { part, rows: n(result.rows), added: n(result.added), changed: n(result.changed), unchanged: n(result.unchanged) })}
            </Text>
            {result.skipped > 0 ? <Text size="sm">{t('insightsCooperation.import.skipped', { count: result.skipped, n: n(result.skipped) })}</Text> : null}
            {item.part === 'votes' && result.rollCallsWithoutDescription > 0 ? (
              <Text size="sm">{t('insightsCooperation.import.orphans', { count: result.rollCallsWithoutDescription, n: n(result.rollCallsWithoutDescription) })}</Text>
            ) : null}
            {item.idealPoints?.state === 'failed' ? <Text size="sm">{t('insightsCooperation.import.idealPointsFailed')}</Text> : null}
          </Alert>
        ) : null}
        {item.status === 'failed' ? (
          <Alert color="red" variant="light" role="alert" icon={<IconAlertCircle size={18} aria-hidden />} data-testid={`unvotes-failed-${item.part}`}>
            {failureText(item, t)}
          </Alert>
        ) : null}
      </Stack>
    </Paper>
  );
}
