import type { SelectProps } from '@mantine/core';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { listCountries } from '../lib/countries.ts';
import { toUiLocale } from '../lib/intl.ts';
import { SearchSelect } from './SearchSelect.tsx';

export interface CountrySelectProps extends Omit<SelectProps, 'data' | 'value' | 'onChange'> {
  value: string | null;
  onChange: (value: string | null) => void;
}

/** ISO 3166-1 countries, named in the interface language. */
export function CountrySelect({ value, onChange, ...props }: CountrySelectProps) {
  const { t, i18n } = useTranslation();
  const locale = toUiLocale(i18n.resolvedLanguage);
  const data = useMemo(
    () => listCountries(locale).map((country) => ({ value: country.code, label: `${country.name} (${country.code})` })),
    [locale],
  );
  return (
    <SearchSelect
      searchable
      clearable
      clearButtonProps={{ 'aria-label': t('common.clearField') }}
      data={data}
      value={value}
      onChange={(next) => onChange(next)}
      nothingFoundMessage={t('common.nothingFound')}
      maxDropdownHeight={280}
      {...props}
    />
  );
}
