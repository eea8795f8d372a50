import type { MonitorDto } from '@diplodesk/contracts';
import { Button, Group, MultiSelect, NumberInput, Select, Stack, Switch, TextInput } from '@mantine/core';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { listCountries } from '../../../lib/countries.ts';
import { toUiLocale } from '../../../lib/intl.ts';
import { ErrorAlert } from '../../../ui/ErrorAlert.tsx';
import { topicLabel } from '../../listening/utils/labels.ts';
import { useTopics } from '../../listening/topics/hooks/use-topics.ts';
import { useSaveMonitor } from '../hooks/use-monitors.ts';
import { notifyBody, notifyValueOf } from '../utils/alert-notify.ts';
import { monitorName } from '../utils/monitor-drill-down.ts';
import { AlertNotifyFields } from './AlertNotifyFields.tsx';

/**
 * Adds or changes a monitor: its name, topics, countries (none = the whole world), a level, whether
 * conflict events warn, and who hears of its warnings (as on an alert rule).
 */
export function MonitorForm({ monitor, units, timeZone, onDone }: { monitor: MonitorDto | null; units: { value: string; label: string }[]; /** The person's zone, for a new monitor's quiet hours. */ timeZone: string; onDone(): void }) {
  const { t, i18n } = useTranslation();
  const locale = toUiLocale(i18n.resolvedLanguage);
  const [unitId, setUnitId] = useState(monitor?.unitId ?? units[0]?.value ?? '');
  const [name, setName] = useState(monitor ? monitorName(monitor, locale) : '');
  const [topicIds, setTopicIds] = useState<string[]>(monitor?.topicIds ?? []);
  const [countries, setCountries] = useState<string[]>(monitor?.countries ?? []);
  const [level, setLevel] = useState<number | string>(monitor?.warnLevel ?? '');
  const [watchEvents, setWatchEvents] = useState(monitor?.watchEvents ?? true);
  const [notify, setNotify] = useState(() => notifyValueOf(monitor));
  const zone = monitor?.timeZone ?? timeZone;
  const topics = useTopics();
  const save = useSaveMonitor();
  const topicOptions = useMemo(() => {
    const keys = (topics.data?.items ?? []).filter((tp) => tp.archivedAt === null).map((tp) => tp.key);
    for (const k of topicIds) if (!keys.includes(k)) keys.push(k);
    return keys.map((k) => ({ value: k, label: topicLabel(k, t) }));
  }, [topics.data, topicIds, t]);
  const countryOptions = useMemo(() => listCountries(locale).map((c) => ({ value: c.code, label: c.name })), [locale]);

  const submit = () => {
    // The seeded two-language name stays unless the name was changed.
    const renamed = !monitor || name.trim() !== monitorName(monitor, locale);
    const body = {
      unitId,
      ...(renamed ? { name: name.trim() } : { name: monitor.name }),
      topicIds,
      countries,
      warnLevel: level === '' ? null : Number(level),
      watchEvents,
      enabled: monitor?.enabled ?? true,
      ...notifyBody(notify, zone),
    };
    save.mutate({ id: monitor?.id ?? null, body }, { onSuccess: onDone });
  };

  return (
    <Stack gap="sm">
      <ErrorAlert error={save.error} />
      {monitor === null ? <Select label={t('insightsMonitors.form.unit')} data={units} value={unitId} onChange={(v) => setUnitId(v ?? '')} allowDeselect={false} /> : null}
      <TextInput label={t('insightsMonitors.form.name')} value={name} onChange={(e) => setName(e.currentTarget.value)} required maxLength={120} />
      <MultiSelect label={t('insightsMonitors.form.topics')} description={t('insightsMonitors.form.topicsHelp')} data={topicOptions} value={topicIds} onChange={setTopicIds} searchable clearable />
      <MultiSelect label={t('insightsMonitors.form.countries')} description={t('insightsMonitors.form.countriesHelp')} data={countryOptions} value={countries} onChange={setCountries} searchable clearable maxValues={250} />
      <NumberInput label={t('insightsMonitors.form.level')} description={t('insightsMonitors.form.levelHelp')} value={level} onChange={setLevel} min={1} allowDecimal={false} />
      <Switch label={t('insightsMonitors.form.watchEvents')} description={t('insightsMonitors.form.watchEventsHelp')} checked={watchEvents} onChange={(e) => setWatchEvents(e.currentTarget.checked)} />
      <AlertNotifyFields unitId={unitId} timeZone={zone} value={notify} onChange={setNotify} />
      <Group justify="flex-end">
        <Button variant="default" onClick={onDone}>
          {t('common.cancel')}
        </Button>
        <Button onClick={submit} loading={save.isPending} disabled={name.trim() === '' || unitId === ''}>
          {t('insightsMonitors.form.save')}
        </Button>
      </Group>
    </Stack>
  );
}
