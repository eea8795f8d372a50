import { type MembershipDto, type Role, type UserDto, staffRoles } from '@diplodesk/contracts';
import { ActionIcon, Button, Group, Select, Stack, Table, Text } from '@mantine/core';
import { IconTrash } from '@tabler/icons-react';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ConfirmModal } from '../../../ui/ConfirmModal.tsx';
import { ErrorAlert } from '../../../ui/ErrorAlert.tsx';
import { useFormatters } from '../../session/hooks/use-formatters.ts';
import { useGrantMembership, useRevokeMembership } from '../hooks/use-users.ts';
import { notifySuccess } from '../../../lib/notify.ts';
import { SearchSelect } from '../../../ui/SearchSelect.tsx';

export interface MembershipsSectionProps {
  user: UserDto;
  /** Units where the caller may manage members. */
  unitOptions: { value: string; label: string }[];
}

export function MembershipsSection({ user, unitOptions }: MembershipsSectionProps) {
  const { t } = useTranslation();
  const format = useFormatters();
  const canManage = user.policies.manageMemberships === true;
  const [unitId, setUnitId] = useState<string | null>(null);
  const [role, setRole] = useState<Role | null>('viewer');
  const [grantError, setGrantError] = useState<string | undefined>();
  const [revoking, setRevoking] = useState<MembershipDto | null>(null);
  const grant = useGrantMembership(user.id);
  const revoke = useRevokeMembership(user.id);

  const submitGrant = (event: FormEvent) => {
    event.preventDefault();
    if (!unitId || !role) {
      setGrantError(t('validation.required'));
      return;
    }
    setGrantError(undefined);
    grant.mutate(
      { unitId, role },
      { onSuccess: () => notifySuccess(t('users.membershipGranted')) },
    );
  };

  const confirmRevoke = () => {
    if (!revoking) return;
    revoke.mutate(revoking.id, {
      onSuccess: () => {
        setRevoking(null);
        notifySuccess(t('users.membershipRevoked'));
      },
    });
  };

  return (
    <Stack gap="md">
      {user.memberships.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('users.noMemberships')}
        </Text>
      ) : (
        <Table.ScrollContainer minWidth={480}>
          <Table>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('users.fields.unit')}</Table.Th>
                <Table.Th scope="col">{t('users.fields.role')}</Table.Th>
                <Table.Th scope="col">{t('users.fields.since')}</Table.Th>
                {canManage ? <Table.Th scope="col">{t('common.actions')}</Table.Th> : null}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {user.memberships.map((membership) => (
                <Table.Tr key={membership.id}>
                  <Table.Td>{membership.unitName}</Table.Td>
                  <Table.Td>{t(`roles.${membership.role}`)}</Table.Td>
                  <Table.Td>{format.date(membership.createdAt)}</Table.Td>
                  {canManage ? (
                    <Table.Td>
                      <ActionIcon
                        variant="subtle"
                        color="red"
                        aria-label={t('users.revokeNamed', { role: t(`roles.${membership.role}`), unit: membership.unitName })}
                        onClick={() => {
                          revoke.reset();
                          setRevoking(membership);
                        }}
                      >
                        <IconTrash size={16} aria-hidden />
                      </ActionIcon>
                    </Table.Td>
                  ) : null}
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}

      {canManage ? (
        <form onSubmit={submitGrant} noValidate aria-label={t('users.grantFormLabel')}>
          <Stack gap="xs">
            <ErrorAlert error={grant.error} />
            <Group align="flex-end" gap="sm" wrap="wrap">
              <SearchSelect
                style={{ flex: '2 1 14rem' }}
                label={t('users.fields.unit')}
                placeholder={t('users.chooseUnit')}
                data={unitOptions}
                value={unitId}
                onChange={setUnitId}
                error={grantError}
                searchable
                nothingFoundMessage={t('common.nothingFound')}
              />
              <Select
                style={{ flex: '1 1 10rem' }}
                label={t('users.fields.role')}
                data={staffRoles.map((value) => ({ value, label: t(`roles.${value}`) }))}
                value={role}
                onChange={(value) => setRole(value as Role | null)}
                allowDeselect={false}
              />
              <Button type="submit" loading={grant.isPending}>
                {t('users.grant')}
              </Button>
            </Group>
          </Stack>
        </form>
      ) : null}

      <ConfirmModal
        opened={revoking !== null}
        title={t('users.revokeTitle')}
        message={
          revoking
            ? t('users.revokeMessage', { name: user.displayName, role: t(`roles.${revoking.role}`), unit: revoking.unitName })
            : ''
        }
        confirmLabel={t('users.revoke')}
        danger
        loading={revoke.isPending}
        error={revoke.error}
        onConfirm={confirmRevoke}
        onClose={() => setRevoking(null)}
      />
    </Stack>
  );
}
