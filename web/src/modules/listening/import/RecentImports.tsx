import { type ImportDto, stripBidiControls } from '@diplodesk/contracts';
import { Anchor, Badge, Button, Group, Paper, Stack, Table, Text } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { IconDownload, IconTrash } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { formatDateTime, formatNumber, toUiLocale } from '../../../lib/intl.ts';
import { notifyInfo } from '../../../lib/notify.ts';
import { ErrorAlert } from '../../../ui/ErrorAlert.tsx';
import { SectionCard } from '../../../ui/SectionCard.tsx';
import { rejectedReportUrl } from './import.api.ts';
import { statusColor } from './import-labels.ts';
import { useCancelImport } from './use-imports.ts';

export interface RecentImportsProps {
  items: ImportDto[];
  unitLabel: (unitId: string) => string;
  timeZone: string;
  currentId: string | null;
}

function StatusBadge({ item }: { item: ImportDto }) {
  const { t } = useTranslation();
  return (
    <Badge color={statusColor[item.status]} variant="light" style={{ textTransform: 'none' }}>
      {item.status === 'running' ? `${t('listeningImport.status.running')} · ${item.percent} %` : t(`listeningImport.status.${item.status}`)}
    </Badge>
  );
}

const openLink = (item: ImportDto) => `/listening/import?import=${encodeURIComponent(item.id)}`;

/** An upload nobody started: when it goes, and a way to discard it now. */
function WaitingUpload({ item, timeZone }: { item: ImportDto; timeZone: string }) {
  const { t, i18n } = useTranslation();
  const locale = toUiLocale(i18n.resolvedLanguage);
  const discard = useCancelImport();
  const name = stripBidiControls(item.fileName);
  return (
    <Stack gap={4}>
      {item.expiresAt ? (
        <Text size="xs" c="dimmed">
          {t('listeningImport.recent.expires', { when: formatDateTime(item.expiresAt, locale, timeZone) })}
        </Text>
      ) : null}
      {item.policies.cancel ? (
        <Group gap="xs">
          <Button
            size="compact-xs"
            variant="default"
            leftSection={<IconTrash size={12} aria-hidden />}
            loading={discard.isPending}
            onClick={() => discard.mutate(item.id, { onSuccess: () => notifyInfo(t('listeningImport.recent.discarded')) })}
            aria-label={t('listeningImport.recent.discardLabel', { name })}
          >
            {t('listeningImport.recent.discard')}
          </Button>
        </Group>
      ) : null}
      <ErrorAlert error={discard.error} />
    </Stack>
  );
}

function ReportLink({ item }: { item: ImportDto }) {
  const { t } = useTranslation();
  if (!item.hasRejectedReport) return null;
  return (
    <Anchor href={rejectedReportUrl(item.id)} download size="xs" aria-label={t('listeningImport.recent.reportFor', { name: stripBidiControls(item.fileName) })}>
      <Group gap={4} wrap="nowrap" component="span">
        <IconDownload size={14} aria-hidden />
        {t('listeningImport.recent.report')}
      </Group>
    </Anchor>
  );
}

/** The latest imports of the caller's units: what each file gave, who brought it, and what is left to do. */
export function RecentImports({ items, unitLabel, timeZone, currentId }: RecentImportsProps) {
  const { t, i18n } = useTranslation();
  const locale = toUiLocale(i18n.resolvedLanguage);
  const n = (value: number) => formatNumber(value, locale);
  // An eight-column table does not fit a phone: each import becomes a short block instead.
  const phone = useMediaQuery('(max-width: 48em)') ?? false;
  const fileLink = (item: ImportDto) => (
    <Anchor component={Link} to={openLink(item)} size="sm" fw={phone ? 600 : undefined} style={{ overflowWrap: 'anywhere' }} aria-label={t('listeningImport.recent.open', { name: stripBidiControls(item.fileName) })}>
      {stripBidiControls(item.fileName)}
    </Anchor>
  );
  if (phone && items.length > 0) {
    return (
      <SectionCard title={t('listeningImport.recent.heading')}>
        <Stack component="ul" gap="xs" p={0} m={0} style={{ listStyle: 'none' }} aria-label={t('listeningImport.recent.caption')}>
          {items.map((item) => (
            <Paper component="li" key={item.id} withBorder p="sm" aria-current={item.id === currentId ? 'true' : undefined}>
              <Stack gap={4}>
                {fileLink(item)}
                <Group gap="xs" wrap="wrap">
                  <StatusBadge item={item} />
                  <Text size="xs" c="dimmed">
                    {t('listeningImport.recent.rows')}: {n(item.rowsRead)} · {t('listeningImport.recent.accepted')}: {n(item.appended)} · {t('listeningImport.recent.rejected')}: {n(item.rejected)}
                  </Text>
                </Group>
                <Text size="xs" c="dimmed">
                  {unitLabel(item.unitId)} · {item.createdBy.name} · {formatDateTime(item.createdAt, locale, timeZone)}
                </Text>
                <ReportLink item={item} />
                {item.status === 'ready' ? <WaitingUpload item={item} timeZone={timeZone} /> : null}
              </Stack>
            </Paper>
          ))}
        </Stack>
      </SectionCard>
    );
  }
  return (
    <SectionCard title={t('listeningImport.recent.heading')}>
      {items.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('listeningImport.recent.empty')}
        </Text>
      ) : (
        <Table.ScrollContainer minWidth={860}>
          <Table verticalSpacing="xs" highlightOnHover>
            <Table.Caption style={{ captionSide: 'top', textAlign: 'start' }}>{t('listeningImport.recent.caption')}</Table.Caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('listeningImport.recent.file')}</Table.Th>
                <Table.Th scope="col">{t('listeningImport.recent.unit')}</Table.Th>
                <Table.Th scope="col">{t('listeningImport.recent.status')}</Table.Th>
                <Table.Th scope="col" ta="end">
                  {t('listeningImport.recent.rows')}
                </Table.Th>
                <Table.Th scope="col" ta="end">
                  {t('listeningImport.recent.accepted')}
                </Table.Th>
                <Table.Th scope="col" ta="end">
                  {t('listeningImport.recent.rejected')}
                </Table.Th>
                <Table.Th scope="col">{t('listeningImport.recent.by')}</Table.Th>
                <Table.Th scope="col">{t('listeningImport.recent.when')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {items.map((item) => (
                <Table.Tr key={item.id} aria-current={item.id === currentId ? 'true' : undefined}>
                  <Table.Td style={{ overflowWrap: 'anywhere' }}>
                    <Stack gap={4}>
                      {fileLink(item)}
                      {item.status === 'ready' ? <WaitingUpload item={item} timeZone={timeZone} /> : null}
                    </Stack>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm">{unitLabel(item.unitId)}</Text>
                  </Table.Td>
                  <Table.Td>
                    <StatusBadge item={item} />
                  </Table.Td>
                  <Table.Td ta="end">{n(item.rowsRead)}</Table.Td>
                  <Table.Td ta="end">{n(item.appended)}</Table.Td>
                  <Table.Td ta="end">
                    <Stack gap={2} align="flex-end">
                      {n(item.rejected)}
                      <ReportLink item={item} />
                    </Stack>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm">{item.createdBy.name}</Text>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm">{formatDateTime(item.createdAt, locale, timeZone)}</Text>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </SectionCard>
  );
}
