import { MultiSelect, type MultiSelectProps, Select, type SelectProps } from '@mantine/core';
import type { KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';

/**
 * Mantine marks the input while its list is open. With no option highlighted it lets Enter through to
 * the surrounding form, which then saves whatever was chosen before. Here, while the list is open, Enter
 * only picks an option. A fast typist's Enter can arrive before the list has been filtered to the typed
 * text, so the choice waits for the next frame: if Mantine has not already taken the highlighted option
 * (the list would be closed), the highlighted one, else the first match, is taken.
 */
function keepEnterInList(onKeyDown: ((event: KeyboardEvent<HTMLInputElement>) => void) | undefined) {
  return (event: KeyboardEvent<HTMLInputElement>) => {
    onKeyDown?.(event);
    if (event.key !== 'Enter' && event.code !== 'NumpadEnter') return;
    const input = event.currentTarget;
    if (input.dataset.expanded === undefined) return;
    event.preventDefault();
    requestAnimationFrame(() => {
      if (input.dataset.expanded === undefined) return;
      const list = document.getElementById(input.getAttribute('aria-controls') ?? '');
      const option = list?.querySelector<HTMLElement>('[data-combobox-selected]') ?? list?.querySelector<HTMLElement>('[data-combobox-option]:not([data-combobox-disabled])');
      option?.click();
    });
  };
}

/**
 * A Select the user can type into. Typing highlights the first match, so Enter picks what was typed,
 * and leaving the field takes the highlighted match.
 */
export function SearchSelect({ onKeyDown, searchable = true, nothingFoundMessage, ...props }: SelectProps) {
  const { t } = useTranslation();
  return (
    <Select
      searchable={searchable}
      selectFirstOptionOnChange={searchable}
      autoSelectOnBlur={searchable}
      nothingFoundMessage={nothingFoundMessage ?? t('common.nothingFound')}
      onKeyDown={searchable ? keepEnterInList(onKeyDown) : onKeyDown}
      {...props}
    />
  );
}

/** The same for choosing several: Enter adds the highlighted match and never submits the form. */
export function SearchMultiSelect({ onKeyDown, searchable = true, nothingFoundMessage, ...props }: MultiSelectProps) {
  const { t } = useTranslation();
  return (
    <MultiSelect
      searchable={searchable}
      selectFirstOptionOnChange={searchable}
      nothingFoundMessage={nothingFoundMessage ?? t('common.nothingFound')}
      onKeyDown={searchable ? keepEnterInList(onKeyDown) : onKeyDown}
      {...props}
    />
  );
}
