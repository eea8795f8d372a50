import type { SourceDto } from '@diplodesk/contracts';
import { Button, Group, PasswordInput, Select, Stack, TagsInput, Text, TextInput, Textarea } from '@mantine/core';
import { useState } from 'react';
import { CountrySelect } from '../../../ui/CountrySelect.tsx';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../../lib/api-client.ts';
import { ErrorAlert } from '../../../ui/ErrorAlert.tsx';
import { useCreateSource, useUpdateSource } from '../hooks/use-listening.ts';
import { type ConnectorField, connectorSpec, connectorSpecs, pollIntervals } from '../utils/connectors.ts';
import { IntervalLabel } from './IntervalLabel.tsx';
import { SearchSelect } from '../../../ui/SearchSelect.tsx';

export interface SourceFormProps {
  /** Editing an existing source; otherwise a new one in one of `unitOptions`. */
  source?: SourceDto;
  unitOptions: { value: string; label: string }[];
  onDone: (source: SourceDto) => void;
  onCancel: () => void;
}

/**
 * Add a source (connector-specific settings; secrets in password fields), or edit one: its name,
 * interval, tags and settings. A stored secret is never shown and stays as it is.
 */
export function SourceForm({ source, unitOptions, onDone, onCancel }: SourceFormProps) {
  const { t } = useTranslation();
  const create = useCreateSource();
  const update = useUpdateSource();
  const [chosenUnitId, setUnitId] = useState<string | null>(source?.unitId ?? null);
  // Until someone picks a unit, the first one they may add sources to — also when the list of units
  // arrives after the form opened (it was left empty then, and "Add source" stayed disabled).
  const unitId = chosenUnitId ?? unitOptions[0]?.value ?? null;
  const [connector, setConnector] = useState<string>(source?.connector ?? 'rss');
  const [name, setName] = useState(source?.name ?? '');
  const [interval, setInterval] = useState<string>(String(source?.intervalSeconds ?? 900));
  const [tags, setTags] = useState<string[]>(source?.tags ?? []);
  const [country, setCountry] = useState<string | null>(source?.country ?? null);
  const [values, setValues] = useState<Record<string, string>>(source?.config ?? {});
  const spec = connectorSpec(connector);
  const mutation = source ? update : create;
  const error = mutation.error;
  const unavailable = isApiError(error) && error.code === 'listening-source.connector-unavailable';

  const intervalOptions = pollIntervals.map((seconds) => ({ value: String(seconds), label: IntervalLabel({ seconds, t }) }));
  const missing = (spec?.fields ?? []).some((f) => f.required && f.kind !== 'secret' && !values[f.key]?.trim()) || (!source && (spec?.fields ?? []).some((f) => f.required && !values[f.key]?.trim()));

  const submit = () => {
    if (source) {
      const config: Record<string, string> = { ...source.config };
      for (const field of spec?.fields ?? []) {
        if (field.kind === 'secret') continue;
        const value = values[field.key]?.trim();
        if (value) config[field.key] = value;
        else delete config[field.key];
      }
      update.mutate({ id: source.id, body: { name: name.trim(), country, intervalSeconds: Number(interval), tags, config } }, { onSuccess: onDone });
      return;
    }
    if (!unitId || !spec) return;
    const config: Record<string, string> = {};
    const credentials: Record<string, string> = {};
    for (const field of spec.fields) {
      const value = values[field.key]?.trim();
      if (!value) continue;
      if (field.kind === 'secret') credentials[field.key] = value;
      else config[field.key] = value;
    }
    create.mutate(
      {
        unitId,
        connector: spec.id,
        name: name.trim(),
        country,
        config,
        ...(Object.keys(credentials).length > 0 ? { credentials } : {}),
        intervalSeconds: Number(interval),
        tags,
      },
      { onSuccess: onDone },
    );
  };

  const fieldInput = (field: ConnectorField) => {
    const common = {
      label: t(field.label),
      description: field.hint ? t(field.hint) : undefined,
      required: field.required,
      value: values[field.key] ?? '',
    };
    const set = (value: string | null) => setValues((current) => ({ ...current, [field.key]: value ?? '' }));
    if (field.kind === 'secret') return <PasswordInput key={field.key} {...common} autoComplete="off" onChange={(e) => set(e.currentTarget.value)} />;
    if (field.kind === 'json') return <Textarea key={field.key} {...common} autosize minRows={3} spellCheck={false} onChange={(e) => set(e.currentTarget.value)} />;
    if (field.kind === 'select') {
      return <Select key={field.key} {...common} value={values[field.key] ?? field.defaultValue ?? null} data={(field.options ?? []).map((o) => ({ value: o.value, label: t(o.label) }))} onChange={set} allowDeselect={false} />;
    }
    return <TextInput key={field.key} {...common} type={field.kind === 'url' ? 'url' : 'text'} onChange={(e) => set(e.currentTarget.value)} />;
  };

  return (
    <form
      onSubmit={(event) => {
        event.preventDefault();
        submit();
      }}
    >
      <Stack gap="md">
        {source ? null : (
          <>
            <SearchSelect label={t('listening.fields.unit')} data={unitOptions} value={unitId} onChange={setUnitId} required allowDeselect={false} searchable nothingFoundMessage={t('common.nothingFound')} />
            <Select
              label={t('listening.fields.connector')}
              data={connectorSpecs.filter((c) => c.creatable !== false).map((c) => ({ value: c.id, label: t(c.label) }))}
              value={connector}
              onChange={(value) => {
                if (!value) return;
                setConnector(value);
                setValues({});
              }}
              allowDeselect={false}
              required
              description={spec ? t(spec.description) : undefined}
            />
          </>
        )}
        <TextInput label={t('listening.fields.name')} value={name} onChange={(e) => setName(e.currentTarget.value)} required maxLength={160} />
        {source ? spec?.fields.filter((f) => f.kind !== 'secret').map(fieldInput) : spec?.fields.map(fieldInput)}
        <Select label={t('listening.fields.interval')} data={intervalOptions} value={interval} onChange={(value) => value && setInterval(value)} allowDeselect={false} />
        <CountrySelect label={t('insightsImage.sourceCountry.label')} description={t('insightsImage.sourceCountry.help')} value={country} onChange={setCountry} />
        <TagsInput label={t('listening.fields.tags')} description={t('listening.fields.tagsHint')} value={tags} onChange={setTags} maxTags={30} clearable={false} />
        {unavailable ? (
          <ErrorAlert error={error} title={t('listening.sources.unavailableTitle')} />
        ) : (
          <ErrorAlert error={error} />
        )}
        {unavailable ? (
          <Text size="sm" c="dimmed">
            {t('listening.sources.unavailableHelp')}
          </Text>
        ) : null}
        <Group justify="flex-end">
          <Button variant="default" onClick={onCancel}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={mutation.isPending} disabled={!name.trim() || missing || (!source && !unitId)}>
            {source ? t('listening.sources.save') : t('listening.sources.add')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
