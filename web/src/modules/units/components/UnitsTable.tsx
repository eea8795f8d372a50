import type { UnitDto } from '@diplodesk/contracts';
import { ActionIcon, Badge, Group, Table, Text, Tooltip } from '@mantine/core';
import { IconBuilding, IconBuildingBank, IconBuildingCommunity, IconFlag, IconPencil, IconPlus } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { countryName } from '../../../lib/countries.ts';
import { toUiLocale } from '../../../lib/intl.ts';
import { NotSet } from '../../../ui/NotSet.tsx';
import type { UnitTreeRow } from '../utils/unit-tree.ts';

const kindIcon = {
  ministry: IconBuildingBank,
  directorate: IconBuildingCommunity,
  mission: IconFlag,
  office: IconBuilding,
} as const;

const kindColor = { ministry: 'navy', directorate: 'indigo', mission: 'teal', office: 'gray' } as const;

export interface UnitsTableProps {
  rows: UnitTreeRow[];
  onCreateChild: (parent: UnitDto) => void;
  onEdit: (unit: UnitDto) => void;
}

export function UnitsTable({ rows, onCreateChild, onEdit }: UnitsTableProps) {
  const { t, i18n } = useTranslation();
  const locale = toUiLocale(i18n.resolvedLanguage);

  return (
    <>
      <Text size="sm" c="dimmed" id="units-table-caption" px="sm" pt="sm">
        {t('units.tableCaption')}
      </Text>
    <Table.ScrollContainer minWidth={860}>
      <Table aria-describedby="units-table-caption">
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{t('units.fields.name')}</Table.Th>
            <Table.Th scope="col">{t('units.fields.kind')}</Table.Th>
            <Table.Th scope="col">{t('units.fields.code')}</Table.Th>
            <Table.Th scope="col">{t('units.fields.timeZone')}</Table.Th>
            <Table.Th scope="col">{t('units.fields.country')}</Table.Th>
            <Table.Th scope="col">{t('units.fields.city')}</Table.Th>
            <Table.Th scope="col">{t('common.actions')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map(({ unit, depth }) => {
            const Icon = kindIcon[unit.kind];
            return (
              <Table.Tr key={unit.id}>
                <Table.Th scope="row" fw={depth === 0 ? 700 : 500}>
                  <Group gap={8} wrap="nowrap" style={{ paddingInlineStart: `${depth * 1.25}rem` }}>
                    <Icon size={16} aria-hidden color="var(--mantine-color-dimmed)" style={{ flexShrink: 0 }} />
                    <Text span size="sm" fw="inherit">
                      {unit.name}
                    </Text>
                  </Group>
                </Table.Th>
                <Table.Td>
                  <Badge variant="light" color={kindColor[unit.kind]} radius="sm" styles={{ label: { overflow: 'visible' } }}>
                    {t(`units.kinds.${unit.kind}`)}
                  </Badge>
                </Table.Td>
                <Table.Td>
                  <Text span className="dd-mono">
                    {unit.code}
                  </Text>
                </Table.Td>
                <Table.Td>{unit.timeZone}</Table.Td>
                <Table.Td>{unit.countryCode ? countryName(unit.countryCode, locale) : <NotSet />}</Table.Td>
                <Table.Td>{unit.city ?? <NotSet />}</Table.Td>
                <Table.Td>
                  <Group gap={4} wrap="nowrap">
                    {unit.policies.createChild ? (
                      <Tooltip label={t('units.addChild')} withArrow>
                        <ActionIcon
                          variant="subtle"
                          aria-label={t('units.addChildTo', { name: unit.name })}
                          onClick={() => onCreateChild(unit)}
                        >
                          <IconPlus size={16} aria-hidden />
                        </ActionIcon>
                      </Tooltip>
                    ) : null}
                    {unit.policies.update ? (
                      <Tooltip label={t('common.edit')} withArrow>
                        <ActionIcon variant="subtle" aria-label={t('units.editNamed', { name: unit.name })} onClick={() => onEdit(unit)}>
                          <IconPencil size={16} aria-hidden />
                        </ActionIcon>
                      </Tooltip>
                    ) : null}
                  </Group>
                </Table.Td>
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
    </>
  );
}
