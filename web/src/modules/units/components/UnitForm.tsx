import type { UnitDto, UnitKind } from '@diplodesk/contracts';
import { Button, Group, Select, SimpleGrid, Stack, TextInput } from '@mantine/core';
import { type FormEvent, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../../lib/api-client.ts';
import { CountrySelect } from '../../../ui/CountrySelect.tsx';
import { ErrorAlert } from '../../../ui/ErrorAlert.tsx';
import { TimeZoneSelect } from '../../../ui/TimeZoneSelect.tsx';
import type { UpdateUnitRequest } from '../api/units.api.ts';
import { useCreateUnit, useUpdateUnit } from '../hooks/use-units.ts';
import { flattenUnitTree, subtreeIds } from '../utils/unit-tree.ts';
import { notifySuccess } from '../../../lib/notify.ts';
import { SearchSelect } from '../../../ui/SearchSelect.tsx';

export type UnitFormMode = { type: 'create'; parentId: string | null } | { type: 'edit'; unit: UnitDto };

type ChildKind = Exclude<UnitKind, 'ministry'>;
const childKinds: ChildKind[] = ['directorate', 'mission', 'office'];
const unitCodePattern = /^[A-Za-z0-9][A-Za-z0-9-]*$/;

interface Errors {
  parentId?: string;
  kind?: string;
  name?: string;
  code?: string;
  timeZone?: string;
}

export interface UnitFormProps {
  mode: UnitFormMode;
  units: readonly UnitDto[];
  onDone: () => void;
}

export function UnitForm({ mode, units, onDone }: UnitFormProps) {
  const { t } = useTranslation();
  const editing = mode.type === 'edit' ? mode.unit : null;
  const initialParent = mode.type === 'create' ? units.find((u) => u.id === mode.parentId) : undefined;

  const parentOptions = useMemo(() => {
    // A unit cannot move under itself or its own sub-units.
    const excluded = editing ? subtreeIds(units, editing.id) : new Set<string>();
    return flattenUnitTree(units)
      .filter((row) => row.unit.policies.createChild === true && !excluded.has(row.unit.id))
      .map((row) => ({ value: row.unit.id, label: row.path.join(' › ') }));
  }, [units, editing]);

  // "New unit" from the page header starts under the top-most unit the person may add to.
  const [parentId, setParentId] = useState<string | null>(
    editing ? editing.parentId : mode.type === 'create' ? (mode.parentId ?? parentOptions[0]?.value ?? null) : null,
  );
  const [kind, setKind] = useState<ChildKind | null>(editing ? null : initialParent?.kind === 'mission' ? 'office' : 'mission');
  const [name, setName] = useState(editing?.name ?? '');
  const [code, setCode] = useState(editing?.code ?? '');
  const [timeZone, setTimeZone] = useState<string | null>(editing?.timeZone ?? initialParent?.timeZone ?? 'UTC');
  const [countryCode, setCountryCode] = useState<string | null>(editing?.countryCode ?? null);
  const [city, setCity] = useState(editing?.city ?? '');
  const [errors, setErrors] = useState<Errors>({});
  // A field's message goes away as soon as the person changes that field.
  const clearError = (field: keyof Errors) => setErrors((current) => (current[field] ? { ...current, [field]: undefined } : current));

  const createUnit = useCreateUnit();
  const updateUnit = useUpdateUnit();
  const mutation = editing ? updateUnit : createUnit;



  const validate = (): Errors => {
    const next: Errors = {};
    if (!editing && !parentId) next.parentId = t('validation.required');
    if (!editing && !kind) next.kind = t('validation.required');
    const trimmedName = name.trim();
    if (trimmedName.length < 2 || trimmedName.length > 160) next.name = t('validation.lengthBetween', { min: 2, max: 160 });
    const trimmedCode = code.trim();
    if (trimmedCode.length < 2 || trimmedCode.length > 32 || !unitCodePattern.test(trimmedCode)) {
      next.code = t('validation.unitCode');
    }
    if (!timeZone) next.timeZone = t('validation.required');
    return next;
  };

  const onSuccess = () => {
    notifySuccess(editing ? t('units.updated') : t('units.created'));
    onDone();
  };
  const onError = (error: unknown) => {
    if (isApiError(error) && error.code === 'unit.code-taken') setErrors((e) => ({ ...e, code: t('errors.unit.code-taken') }));
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const found = validate();
    setErrors(found);
    if (Object.keys(found).length > 0 || !timeZone) return;
    const cityValue = city.trim() || null;

    if (editing) {
      const body: UpdateUnitRequest = {};
      if (name.trim() !== editing.name) body.name = name.trim();
      if (code.trim() !== editing.code) body.code = code.trim();
      if (timeZone !== editing.timeZone) body.timeZone = timeZone;
      if (countryCode !== editing.countryCode) body.countryCode = countryCode;
      if (cityValue !== editing.city) body.city = cityValue;
      if (parentId && parentId !== editing.parentId) body.parentId = parentId;
      if (Object.keys(body).length === 0) {
        onDone();
        return;
      }
      updateUnit.mutate({ id: editing.id, body }, { onSuccess, onError });
      return;
    }
    if (!parentId || !kind) return;
    createUnit.mutate(
      { parentId, kind, name: name.trim(), code: code.trim(), timeZone, countryCode, city: cityValue },
      { onSuccess, onError },
    );
  };

  const isRoot = editing !== null && editing.parentId === null;

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="md">
        {mutation.error && !(isApiError(mutation.error) && mutation.error.code === 'unit.code-taken') ? (
          <ErrorAlert error={mutation.error} />
        ) : null}
        {isRoot ? null : (
          <SearchSelect
            label={t('units.fields.parent')}
            data={parentOptions}
            value={parentId}
            onChange={(value) => {
              setParentId(value);
              clearError('parentId');
            }}
            error={errors.parentId}
            allowDeselect={false}
            searchable
            required={!editing}
            nothingFoundMessage={t('common.nothingFound')}
          />
        )}
        {editing ? null : (
          <Select
            label={t('units.fields.kind')}
            data={childKinds.map((value) => ({ value, label: t(`units.kinds.${value}`) }))}
            value={kind}
            onChange={(value) => {
              setKind(value as ChildKind | null);
              clearError('kind');
            }}
            error={errors.kind}
            allowDeselect={false}
            required
          />
        )}
        <TextInput
          label={t('units.fields.name')}
          value={name}
          onChange={(event) => {
            setName(event.currentTarget.value);
            clearError('name');
          }}
          error={errors.name}
          required
          maxLength={160}
          data-autofocus
        />
        <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="md">
          <TextInput
            label={t('units.fields.code')}
            description={t('units.codeHelp')}
            value={code}
            onChange={(event) => {
              setCode(event.currentTarget.value);
              clearError('code');
            }}
            error={errors.code}
            required
            maxLength={32}
            autoCapitalize="characters"
          />
          <TimeZoneSelect
            label={t('units.fields.timeZone')}
            value={timeZone}
            onChange={(value) => {
              setTimeZone(value);
              clearError('timeZone');
            }}
            error={errors.timeZone}
            required
          />
          <CountrySelect label={t('units.fields.country')} value={countryCode} onChange={setCountryCode} />
          <TextInput
            label={t('units.fields.city')}
            value={city}
            onChange={(event) => setCity(event.currentTarget.value)}
            maxLength={120}
          />
        </SimpleGrid>
        <Group justify="flex-end" gap="sm">
          <Button variant="default" onClick={onDone}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={mutation.isPending}>
            {editing ? t('common.saveChanges') : t('units.create')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
