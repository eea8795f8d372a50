import { Autocomplete, Button, Group, SimpleGrid, TextInput } from '@mantine/core';
import { IconFilter } from '@tabler/icons-react';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type AuditFilterValues, emptyAuditFilters, isDayRangeValid } from '../utils/audit-filters.ts';
import { knownAuditActions, knownAuditTargetTypes } from '../utils/audit-vocabulary.ts';

export interface AuditFiltersProps {
  value: AuditFilterValues;
  onApply: (value: AuditFilterValues) => void;
  timeZone: string;
}

export function AuditFilters({ value, onApply, timeZone }: AuditFiltersProps) {
  const { t } = useTranslation();
  const [draft, setDraft] = useState(value);
  const [rangeError, setRangeError] = useState<string | undefined>();
  const set = (patch: Partial<AuditFilterValues>) => setDraft((current) => ({ ...current, ...patch }));

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!isDayRangeValid(draft)) {
      setRangeError(t('validation.dateRange'));
      return;
    }
    setRangeError(undefined);
    onApply(draft);
  };

  const reset = () => {
    setDraft(emptyAuditFilters);
    setRangeError(undefined);
    onApply(emptyAuditFilters);
  };

  return (
    <form onSubmit={submit} noValidate aria-label={t('audit.filtersLabel')}>
      <SimpleGrid cols={{ base: 1, xs: 2, md: 4 }} spacing="sm">
        <Autocomplete
          label={t('audit.fields.action')}
          placeholder={t('audit.actionPlaceholder')}
          data={[...knownAuditActions]}
          value={draft.action}
          onChange={(action) => set({ action })}
          maxLength={80}
          spellCheck={false}
        />
        <Autocomplete
          label={t('audit.fields.targetType')}
          placeholder={t('audit.targetTypePlaceholder')}
          data={[...knownAuditTargetTypes]}
          value={draft.targetType}
          onChange={(targetType) => set({ targetType })}
          maxLength={80}
          spellCheck={false}
        />
        <TextInput
          type="date"
          label={t('audit.fields.from')}
          description={t('audit.dayInZone', { zone: timeZone })}
          value={draft.fromDay}
          onChange={(event) => set({ fromDay: event.currentTarget.value })}
          error={rangeError}
        />
        <TextInput
          type="date"
          label={t('audit.fields.to')}
          description={t('audit.dayInZone', { zone: timeZone })}
          value={draft.toDay}
          onChange={(event) => set({ toDay: event.currentTarget.value })}
        />
      </SimpleGrid>
      <Group gap="sm" mt="sm">
        <Button type="submit" leftSection={<IconFilter size={16} aria-hidden />}>
          {t('audit.applyFilters')}
        </Button>
        <Button variant="default" onClick={reset}>
          {t('audit.resetFilters')}
        </Button>
      </Group>
    </form>
  );
}
