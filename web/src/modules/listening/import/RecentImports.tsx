import { type ImportDto, stripBidiControls } from '@diplodesk/contracts';
import { Anchor, Badge, Group, Paper, Stack, Table, Text } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { formatDateTime, formatNumber, toUiLocale } from '../../../lib/intl.ts';
import { SectionCard } from '../../../ui/SectionCard.tsx';
import { statusColor } from './import-labels.ts';

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

/** The latest imports of the caller's units with their status; each opens its progress or summary. */
export function RecentImports({ items, unitLabel, timeZone, currentId }: RecentImportsProps) {
  const { t, i18n } = useTranslation();
  const locale = toUiLocale(i18n.resolvedLanguage);
  // A six-column table does not fit a phone: each import becomes a short block instead.
  const phone = useMediaQuery('(max-width: 48em)') ?? false;
  if (phone && items.length > 0) {
    return (
      <SectionCard title={t('listeningImport.recent.heading')}>
        <Stack component="ul" gap="xs" p={0} m={0} style={{ listStyle: 'none' }} aria-label={t('listeningImport.recent.caption')}>
          {items.map((item) => (
            <Paper component="li" key={item.id} withBorder p="sm" aria-current={item.id === currentId ? 'true' : undefined}>
              <Stack gap={4}>
                <Anchor component={Link} to={openLink(item)} size="sm" fw={600} style={{ overflowWrap: 'anywhere' }} aria-label={t('listeningImport.recent.open', { name: stripBidiControls(item.fileName) })}>
                  {stripBidiControls(item.fileName)}
                </Anchor>
                <Group gap="xs" wrap="wrap">
                  <StatusBadge item={item} />
                  <Text size="xs" c="dimmed">
                    {t('listeningImport.recent.rows')}: {formatNumber(item.rowsRead, locale)} · {t('listeningImport.recent.rejected')}: {formatNumber(item.rejected, locale)}
                  </Text>
                </Group>
                <Text size="xs" c="dimmed">
                  {unitLabel(item.unitId)} · {formatDateTime(item.createdAt, locale, timeZone)}
                </Text>
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
        <Table.ScrollContainer minWidth={640}>
          <Table verticalSpacing="xs" highlightOnHover>
            <Table.Caption style={{ captionSide: 'top', textAlign: 'start' }}>
              {t('listeningImport.recent.caption')}
            </Table.Caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('listeningImport.recent.file')}</Table.Th>
                <Table.Th scope="col">{t('listeningImport.recent.unit')}</Table.Th>
                <Table.Th scope="col">{t('listeningImport.recent.status')}</Table.Th>
                <Table.Th scope="col" ta="end">
                  {t('listeningImport.recent.rows')}
                </Table.Th>
                <Table.Th scope="col" ta="end">
                  {t('listeningImport.recent.rejected')}
                </Table.Th>
                <Table.Th scope="col">{t('listeningImport.recent.when')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {items.map((item) => (
                <Table.Tr key={item.id} aria-current={item.id === currentId ? 'true' : undefined}>
                  <Table.Td style={{ overflowWrap: 'anywhere' }}>
                    <Anchor component={Link} to={openLink(item)} size="sm" aria-label={t('listeningImport.recent.open', { name: stripBidiControls(item.fileName) })}>
                      {stripBidiControls(item.fileName)}
                    </Anchor>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm">{unitLabel(item.unitId)}</Text>
                  </Table.Td>
                  <Table.Td>
                    <StatusBadge item={item} />
                  </Table.Td>
                  <Table.Td ta="end">{formatNumber(item.rowsRead, locale)}</Table.Td>
                  <Table.Td ta="end">{formatNumber(item.rejected, locale)}</Table.Td>
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
