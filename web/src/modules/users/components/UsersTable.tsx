import type { UserDto } from '@diplodesk/contracts';
import { Anchor, Stack, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { RoleBadges } from './RoleBadges.tsx';
import { MfaBadge, UserStatusBadge } from './UserStatusBadge.tsx';

export function UsersTable({ users }: { users: readonly UserDto[] }) {
  const { t } = useTranslation();
  return (
    <Table.ScrollContainer minWidth={820}>
      <Table>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{t('users.fields.name')}</Table.Th>
            <Table.Th scope="col">{t('users.fields.email')}</Table.Th>
            <Table.Th scope="col">{t('users.fields.roles')}</Table.Th>
            <Table.Th scope="col">{t('users.fields.mfa')}</Table.Th>
            <Table.Th scope="col">{t('users.fields.status')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {users.map((user) => (
            <Table.Tr key={user.id}>
              <Table.Th scope="row" fw={500}>
                <Stack gap={0}>
                  <Anchor component={Link} to={`/admin/users/${user.id}`} size="sm" fw={600}>
                    {user.displayName}
                  </Anchor>
                </Stack>
              </Table.Th>
              <Table.Td>
                <Text size="sm" style={{ whiteSpace: 'nowrap' }}>
                  {user.email}
                </Text>
              </Table.Td>
              <Table.Td>
                <RoleBadges memberships={user.memberships} />
              </Table.Td>
              <Table.Td>
                <MfaBadge enabled={user.mfaEnabled} />
              </Table.Td>
              <Table.Td>
                <UserStatusBadge user={user} />
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
