import type { ImportDraftMappingDto, ImportField, ImportPreviewRowDto } from '@diplodesk/contracts';
import { Badge, Stack, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { intlLocale, toUiLocale } from '../../../lib/intl.ts';
import { reasonLabel } from './import-labels.ts';

/** Keyboard users can scroll a wide table on a phone: its scrolling area takes focus. */
const focusableScroll = (labelId: string) => ({ viewportProps: { tabIndex: 0, role: 'region', 'aria-labelledby': labelId } });

const shownFields: Exclude<ImportField, 'text'>[] = ['publishedAt', 'url', 'author', 'title', 'language', 'remoteId'];

function clip(text: string, max = 160): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

/** The previewed rows as they will be imported: each mapped field, and imported or rejected (why). */
export function PreviewTable({ rows, mapping, timeZone, labelId }: { rows: ImportPreviewRowDto[]; mapping: ImportDraftMappingDto; timeZone: string; labelId: string }) {
  const { t, i18n } = useTranslation();
  const dates = new Intl.DateTimeFormat(intlLocale(toUiLocale(i18n.resolvedLanguage)), { dateStyle: 'medium', timeStyle: 'short', timeZone });
  const fields = shownFields.filter((f) => f === 'publishedAt' || mapping[f]);
  const value = (row: ImportPreviewRowDto, field: Exclude<ImportField, 'text'>) => {
    const item = row.item;
    if (!item) return '';
    if (field === 'publishedAt') return dates.format(new Date(item.publishedAt));
    return item[field] ?? '';
  };

  return (
    <Table.ScrollContainer minWidth={760} scrollAreaProps={focusableScroll(labelId)}>
      <Table striped verticalSpacing="xs" aria-labelledby={labelId}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{t('listeningImport.review.row')}</Table.Th>
            <Table.Th scope="col">{t('listeningImport.review.result')}</Table.Th>
            <Table.Th scope="col">{t('listeningImport.fields.text')}</Table.Th>
            {fields.map((f) => (
              <Table.Th scope="col" key={f}>
                {t(`listeningImport.fields.${f}`)}
              </Table.Th>
            ))}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((row) => (
            <Table.Tr key={row.row}>
              <Table.Td>{row.row}</Table.Td>
              <Table.Td>
                {row.problem ? (
                  <Stack gap={2}>
                    <Badge color="red" variant="light" style={{ textTransform: 'none' }}>
                      {t('listeningImport.review.rejected')}
                    </Badge>
                    <Text size="xs">{reasonLabel(row.problem.reason, t)}</Text>
                  </Stack>
                ) : (
                  <Badge color="teal" variant="light" style={{ textTransform: 'none' }}>
                    {t('listeningImport.review.ok')}
                  </Badge>
                )}
              </Table.Td>
              <Table.Td style={{ minWidth: 240, overflowWrap: 'anywhere' }}>
                {row.item ? (
                  <Text size="sm">{clip(row.item.text)}</Text>
                ) : (
                  <Text size="xs" c="dimmed" ff="monospace">
                    {clip(row.problem?.raw ?? '')}
                  </Text>
                )}
              </Table.Td>
              {fields.map((f) => (
                <Table.Td key={f} style={{ overflowWrap: 'anywhere' }}>
                  <Text size="sm">{clip(value(row, f), 80)}</Text>
                </Table.Td>
              ))}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

/** The file's first rows column by column, for choosing the text column. */
export function SampleTable({ columns, sample, labelId }: { columns: string[]; sample: Record<string, string>[]; labelId: string }) {
  return (
    <Table.ScrollContainer minWidth={Math.min(1200, 160 * columns.length)} scrollAreaProps={focusableScroll(labelId)}>
      <Table striped verticalSpacing="xs" aria-labelledby={labelId}>
        <Table.Thead>
          <Table.Tr>
            {columns.map((c) => (
              <Table.Th scope="col" key={c} style={{ overflowWrap: 'anywhere' }}>
                {c}
              </Table.Th>
            ))}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {sample.map((row, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: sample rows have no identity but their order.
            <Table.Tr key={i}>
              {columns.map((c) => (
                <Table.Td key={c} style={{ overflowWrap: 'anywhere' }}>
                  <Text size="sm">{clip(row[c] ?? '', 80)}</Text>
                </Table.Td>
              ))}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
