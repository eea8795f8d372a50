import type { AlertDeliveryDto } from '@diplodesk/contracts';
import { Badge, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { toUiLocale } from '../../../lib/intl.ts';
import { useFormatters } from '../../session/hooks/use-formatters.ts';
import { alertName } from '../utils/monitor-drill-down.ts';

const stateColour: Record<AlertDeliveryDto['state'], string> = { pending: 'gray', sending: 'blue', retrying: 'orange', sent: 'green', failed: 'red', unconfirmed: 'yellow' };

/** The delivery log: each e-mail and webhook call of each alert, with its attempts and the last error. */
export function DeliveryLog({ items, hideRule = false }: { items: AlertDeliveryDto[]; /** On one alert's card the rule is the card's title. */ hideRule?: boolean }) {
  const { t, i18n } = useTranslation();
  const locale = toUiLocale(i18n.resolvedLanguage);
  const format = useFormatters();
  if (items.length === 0) return <Text size="sm">{t('insights.delivery.log.empty')}</Text>;
  return (
    <Table.ScrollContainer minWidth={hideRule ? 640 : 820}>
      <Table>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{t('insights.delivery.log.time')}</Table.Th>
            {hideRule ? null : <Table.Th scope="col">{t('insights.delivery.log.rule')}</Table.Th>}
            <Table.Th scope="col">{t('insights.delivery.log.channel')}</Table.Th>
            <Table.Th scope="col">{t('insights.delivery.log.target')}</Table.Th>
            <Table.Th scope="col">{t('insights.delivery.log.state')}</Table.Th>
            <Table.Th scope="col">{t('insights.delivery.log.attempts')}</Table.Th>
            <Table.Th scope="col">{t('insights.delivery.log.lastError')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {items.map((d) => (
            <Table.Tr key={d.id}>
              <Table.Td>{format.dateTime(d.createdAt)}</Table.Td>
              {hideRule ? null : <Table.Td>{alertName(d, locale)}</Table.Td>}
              <Table.Td>{t(`insights.delivery.log.channels.${d.channel}`)}</Table.Td>
              <Table.Td style={{ wordBreak: 'break-all' }}>{d.target}</Table.Td>
              <Table.Td>
                <Badge variant="light" radius="sm" color={stateColour[d.state]}>
                  {t(`insights.delivery.log.states.${d.state}`)}
                </Badge>
                {d.nextAttemptAt ? (
                  <Text size="xs" c="dimmed">
                    {t('insights.delivery.log.nextAttempt', { at: format.dateTime(d.nextAttemptAt) })}
                  </Text>
                ) : null}
              </Table.Td>
              <Table.Td>{d.attempts}</Table.Td>
              <Table.Td>{d.lastError ?? ''}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
