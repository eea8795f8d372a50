import type { SelectProps } from '@mantine/core';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { timeZoneOptions } from '../lib/time-zones.ts';
import { SearchSelect } from './SearchSelect.tsx';

export interface TimeZoneSelectProps extends Omit<SelectProps, 'data' | 'value' | 'onChange'> {
  value: string | null;
  onChange: (value: string | null) => void;
}

/** Searchable list of the IANA zones the browser knows. */
export function TimeZoneSelect({ value, onChange, ...props }: TimeZoneSelectProps) {
  const { t } = useTranslation();
  const data = useMemo(() => timeZoneOptions(value), [value]);
  return (
    <SearchSelect
      searchable
      data={data}
      value={value}
      onChange={(next) => onChange(next)}
      nothingFoundMessage={t('common.nothingFound')}
      maxDropdownHeight={280}
      comboboxProps={{ withinPortal: true }}
      {...props}
    />
  );
}
