import { useTranslation } from 'react-i18next';
import { SearchSelect } from '../../../ui/SearchSelect.tsx';

export interface UnitPickerProps {
  options: { value: string; label: string }[];
  value: string | null;
  onChange: (unitId: string | null) => void;
}

export function UnitPicker({ options, value, onChange }: UnitPickerProps) {
  const { t } = useTranslation();
  return (
    <SearchSelect
      label={t('channels.unitPicker')}
      data={options}
      value={value}
      onChange={(next) => {
        if (next) onChange(next);
      }}
      allowDeselect={false}
      searchable
      nothingFoundMessage={t('common.nothingFound')}
      maw={480}
      w="100%"
    />
  );
}
