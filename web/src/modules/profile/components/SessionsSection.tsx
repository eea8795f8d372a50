import { Badge, Button, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../../ui/ErrorAlert.tsx';
import { LoadingBlock } from '../../../ui/LoadingBlock.tsx';
import { NotSet } from '../../../ui/NotSet.tsx';
import { useFormatters } from '../../session/hooks/use-formatters.ts';
import { useEndSession, useSessions } from '../hooks/use-profile.ts';

/** Where the user is signed in; any session but this one can be ended from here. */
export function SessionsSection() {
  const { t } = useTranslation();
  const format = useFormatters();
  const sessions = useSessions();
  const end = useEndSession();

  if (sessions.isPending) return <LoadingBlock minHeight={80} />;
  if (sessions.error) return <ErrorAlert error={sessions.error} onRetry={() => void sessions.refetch()} />;
  return (
    <>
      {end.error ? <ErrorAlert error={end.error} /> : null}
      <Table.ScrollContainer minWidth={640}>
        <Table>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t('sessions.fields.device')}</Table.Th>
              <Table.Th scope="col">{t('sessions.fields.address')}</Table.Th>
              <Table.Th scope="col">{t('sessions.fields.signedIn')}</Table.Th>
              <Table.Th scope="col">{t('sessions.fields.lastActive')}</Table.Th>
              <Table.Th scope="col">{t('common.actions')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {sessions.data.items.map((session) => (
              <Table.Tr key={session.id}>
                <Table.Th scope="row" fw={600}>
                  {session.device}{' '}
                  {session.current ? (
                    <Badge variant="light" color="green" ml={4}>
                      {t('sessions.current')}
                    </Badge>
                  ) : null}
                </Table.Th>
                <Table.Td>{session.address ? <Text className="dd-mono">{session.address}</Text> : <NotSet />}</Table.Td>
                <Table.Td>{format.dateTime(session.createdAt)}</Table.Td>
                <Table.Td>{format.dateTime(session.lastSeenAt)}</Table.Td>
                <Table.Td>
                  {session.current ? null : (
                    <Button
                      size="xs"
                      variant="light"
                      color="red"
                      loading={end.isPending && end.variables === session.id}
                      aria-label={t('sessions.endNamed', { device: session.device })}
                      onClick={() => end.mutate(session.id)}
                    >
                      {t('sessions.end')}
                    </Button>
                  )}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </>
  );
}
