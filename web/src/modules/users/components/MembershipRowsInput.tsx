import { type StaffRole, staffRoles } from '@diplodesk/contracts';
import { ActionIcon, Button, Group, Select, Stack, Text } from '@mantine/core';
import { IconPlus, IconTrash } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { SearchSelect } from '../../../ui/SearchSelect.tsx';

export interface MembershipRow {
  key: string;
  unitId: string | null;
  role: StaffRole | null;
}

export interface MembershipRowsInputProps {
  rows: MembershipRow[];
  onChange: (rows: MembershipRow[]) => void;
  unitOptions: { value: string; label: string }[];
  errors?: Record<string, string>;
}

let nextKey = 0;
export function newMembershipRow(): MembershipRow {
  nextKey += 1;
  return { key: `row-${nextKey}`, unitId: null, role: 'viewer' };
}

/** Unit + role pairs for a new user; each row can be removed. */
export function MembershipRowsInput({ rows, onChange, unitOptions, errors = {} }: MembershipRowsInputProps) {
  const { t } = useTranslation();
  const roleOptions = staffRoles.map((role) => ({ value: role, label: t(`roles.${role}`) }));
  const update = (key: string, patch: Partial<MembershipRow>) =>
    onChange(rows.map((row) => (row.key === key ? { ...row, ...patch } : row)));

  return (
    <Stack gap="xs">
      {rows.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('users.noInitialMemberships')}
        </Text>
      ) : null}
      {rows.map((row, index) => (
        <Group key={row.key} gap="xs" align="flex-start" wrap="nowrap">
          <SearchSelect
            style={{ flex: 2, minWidth: 0 }}
            label={t('users.fields.unitNumbered', { number: index + 1 })}
            data={unitOptions}
            placeholder={t('users.chooseUnit')}
            value={row.unitId}
            onChange={(unitId) => update(row.key, { unitId })}
            error={errors[row.key]}
            searchable
            nothingFoundMessage={t('common.nothingFound')}
          />
          <Select
            style={{ flex: 1, minWidth: 0 }}
            label={t('users.fields.roleNumbered', { number: index + 1 })}
            data={roleOptions}
            value={row.role}
            onChange={(role) => update(row.key, { role: role as StaffRole | null })}
            allowDeselect={false}
          />
          <ActionIcon
            variant="subtle"
            color="red"
            mt={26}
            size="lg"
            aria-label={t('users.removeMembershipRow', { number: index + 1 })}
            onClick={() => onChange(rows.filter((r) => r.key !== row.key))}
          >
            <IconTrash size={16} aria-hidden />
          </ActionIcon>
        </Group>
      ))}
      <Group>
        <Button
          variant="light"
          size="xs"
          leftSection={<IconPlus size={14} aria-hidden />}
          onClick={() => onChange([...rows, newMembershipRow()])}
        >
          {t('users.addMembershipRow')}
        </Button>
      </Group>
    </Stack>
  );
}
