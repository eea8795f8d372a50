import type { AuditEntryDto } from '@diplodesk/contracts';
import { Anchor, Stack, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { NotSet } from '../../../ui/NotSet.tsx';
import { useFormatters } from '../../session/hooks/use-formatters.ts';
import { summaryLines } from '../utils/audit-summary.ts';


/** Ids are UUIDv7: their first digits are a timestamp shared by neighbours, so show the random tail. */
function shortId(id: string): string {
  return `…${id.slice(-8)}`;
}

export interface AuditTableProps {
  entries: readonly AuditEntryDto[];
  unitNames: ReadonlyMap<string, string>;
}

export function AuditTable({ entries, unitNames }: AuditTableProps) {
  const { t, i18n } = useTranslation();
  const format = useFormatters();
  const numberFormat = new Intl.NumberFormat(i18n.language);

  return (
    <Table.ScrollContainer minWidth={960}>
      <Table>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{t('audit.fields.time')}</Table.Th>
            <Table.Th scope="col">{t('audit.fields.actor')}</Table.Th>
            <Table.Th scope="col">{t('audit.fields.action')}</Table.Th>
            <Table.Th scope="col">{t('audit.fields.target')}</Table.Th>
            <Table.Th scope="col">{t('audit.fields.unit')}</Table.Th>
            <Table.Th scope="col">{t('audit.fields.summary')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {entries.map((entry) => {
            const actionKey = `audit.actions.${entry.action}`;
            const summary = summaryLines(entry.summary, t, (n) => numberFormat.format(n));
            return (
              <Table.Tr key={entry.id}>
                <Table.Td style={{ whiteSpace: 'nowrap' }}>
                  <Text size="sm" component="time" dateTime={entry.at}>
                    {format.dateTime(entry.at)}
                  </Text>
                  <Text size="xs" c="dimmed">
                    #{entry.seq}
                  </Text>
                </Table.Td>
                <Table.Td>
                  {entry.actorId ? (
                    <Anchor component={Link} to={`/admin/users/${entry.actorId}`} size="sm">
                      {entry.actorLabel}
                    </Anchor>
                  ) : (
                    <Text size="sm">{entry.actorLabel}</Text>
                  )}
                  {entry.tokenId ? (
                    <Text size="xs" c="dimmed" className="dd-mono">
                      {t('audit.viaToken', { id: entry.tokenId })}
                    </Text>
                  ) : null}
                </Table.Td>
                <Table.Td>
                  <Stack gap={0}>
                    {i18n.exists(actionKey) ? <Text size="sm">{t(actionKey)}</Text> : null}
                    <Text className="dd-mono" c="dimmed">
                      {entry.action}
                    </Text>
                  </Stack>
                </Table.Td>
                <Table.Td>
                  <Stack gap={0}>
                    <Text size="sm">
                      {i18n.exists(`audit.targetTypes.${entry.targetType}`) ? t(`audit.targetTypes.${entry.targetType}`) : entry.targetType}
                    </Text>
                    {entry.targetId && entry.targetType === 'user' ? (
                      <Anchor component={Link} to={`/admin/users/${entry.targetId}`} size="sm">
                        {entry.targetLabel ?? shortId(entry.targetId)}
                      </Anchor>
                    ) : entry.targetLabel ? (
                      <Text size="sm" style={{ overflowWrap: 'anywhere' }}>
                        {entry.targetLabel}
                      </Text>
                    ) : null}
                    {entry.targetId ? (
                      <Text className="dd-mono" c="dimmed" title={entry.targetId}>
                        {shortId(entry.targetId)}
                      </Text>
                    ) : null}
                  </Stack>
                </Table.Td>
                <Table.Td>{entry.unitId ? (unitNames.get(entry.unitId) ?? shortId(entry.unitId)) : <NotSet />}</Table.Td>
                <Table.Td maw={360}>
                  {summary.length > 0 ? (
                    <Stack gap={2}>
                      {summary.map((line) => (
                        <Text key={line.label} size="sm" style={{ overflowWrap: 'anywhere' }}>
                          <Text span fw={600} size="sm">
                            {line.label}:
                          </Text>{' '}
                          {line.text}
                        </Text>
                      ))}
                    </Stack>
                  ) : (
                    <NotSet />
                  )}
                </Table.Td>
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
