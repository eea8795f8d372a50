import { type AlertRuleDto, type AlertRuleKind, alertRuleKinds, type TrendDimension, trendDimensions } from '@diplodesk/contracts';
import { Button, Group, NumberInput, Select, Stack, TextInput } from '@mantine/core';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../../ui/ErrorAlert.tsx';
import type { NewAlertRule } from '../api/insights.api.ts';
import { useSaveAlertRule, useTrend } from '../hooks/use-insights.ts';
import { useSavedSearchesById } from '../hooks/use-saved-searches.ts';
import { useSeriesLabel } from '../hooks/use-series-label.ts';
import { notifyBody, notifyValueOf } from '../utils/alert-notify.ts';
import { AlertNotifyFields } from './AlertNotifyFields.tsx';

const DAY_MS = 86_400_000;

/** Adds or changes an alert rule: what it watches, how it decides, when it stays quiet. */
export function AlertRuleForm({ rule, units, timeZone, onDone }: { rule: AlertRuleDto | null; units: { value: string; label: string }[]; timeZone: string; onDone(): void }) {
  const { t } = useTranslation();
  const [unitId, setUnitId] = useState(rule?.unitId ?? units[0]?.value ?? '');
  const [name, setName] = useState(rule?.name ?? '');
  const [kind, setKind] = useState<AlertRuleKind>(rule?.kind ?? 'spike');
  const [dimension, setDimension] = useState<TrendDimension>(rule?.dimension ?? 'all');
  const [key, setKey] = useState<string | null>(rule?.key ?? null);
  const [threshold, setThreshold] = useState<number | string>(rule?.threshold ?? 20);
  const [bucket, setBucket] = useState<'hour' | 'day'>(rule?.bucket ?? 'hour');
  const [coolDown, setCoolDown] = useState<number | string>(rule?.coolDownMinutes ?? 720);
  const [notify, setNotify] = useState(() => notifyValueOf(rule));
  const zone = rule?.timeZone ?? timeZone;
  const save = useSaveAlertRule();
  const label = useSeriesLabel([dimension]);
  // The keys seen in the last 30 days are the choices (what can actually be watched).
  const range = useMemo(() => ({ from: new Date(Date.now() - 30 * DAY_MS).toISOString(), to: new Date(Math.ceil(Date.now() / 3_600_000) * 3_600_000).toISOString() }), []);
  const seen = useTrend({ dimension, bucket: 'week', tz: 'UTC', ...range, top: 50 }, dimension !== 'all' && dimension !== 'saved-search');
  // Saved searches: every one the person can see, whether or not it matched anything lately.
  const savedSearches = useSavedSearchesById(dimension === 'saved-search');
  const clusterRule = kind === 'cluster-growth';
  const keyOptions = useMemo(() => {
    const keys = dimension === 'saved-search' ? [...savedSearches.keys()] : (seen.data?.series ?? []).map((s) => s.key).filter((k) => k !== 'others');
    if (key && !keys.includes(key)) keys.unshift(key);
    return keys.map((k) => ({ value: k, label: label(dimension, k) }));
  }, [seen.data, savedSearches, key, dimension, label]);

  const submit = () => {
    const body: NewAlertRule = {
      unitId,
      name: name.trim(),
      kind,
      dimension: clusterRule ? 'all' : dimension,
      key: dimension === 'all' || clusterRule ? null : key,
      threshold: kind === 'threshold' || clusterRule ? Number(threshold) : null,
      bucket,
      coolDownMinutes: Number(coolDown),
      notifyInApp: true,
      ...notifyBody(notify, zone),
      enabled: rule?.enabled ?? true,
    };
    save.mutate({ id: rule?.id ?? null, body }, { onSuccess: onDone });
  };

  return (
    <Stack gap="sm">
      <TextInput label={t('insights.rules.form.name')} value={name} onChange={(e) => setName(e.currentTarget.value)} required maxLength={120} data-autofocus />
      {rule === null ? <Select label={t('insights.rules.form.unit')} data={units} value={unitId} onChange={(v) => setUnitId(v ?? '')} allowDeselect={false} /> : null}
      <Select
        label={t('insights.rules.form.kind')}
        description={t(`insights.rules.kindHelp.${kind}`)}
        data={alertRuleKinds.map((k) => ({ value: k, label: t(`insights.rules.kinds.${k}`) }))}
        value={kind}
        onChange={(v) => setKind((v as AlertRuleKind) ?? 'spike')}
        allowDeselect={false}
      />
      {clusterRule ? null : (
      <Group grow align="flex-start">
        <Select
          label={t('insights.rules.form.watch')}
          data={trendDimensions.map((d) => ({ value: d, label: t(`insights.trends.dimensions.${d}`) }))}
          value={dimension}
          onChange={(v) => {
            setDimension((v as TrendDimension) ?? 'all');
            setKey(null);
          }}
          allowDeselect={false}
        />
        {dimension !== 'all' ? (
          <Select
            label={t('insights.rules.form.which')}
            description={dimension === 'saved-search' ? t('insightsAlerts.rules.savedSearchNote') : undefined}
            data={keyOptions}
            value={key}
            onChange={setKey}
            searchable
            nothingFoundMessage={dimension === 'saved-search' ? t('insightsAlerts.trends.noSavedSearches') : t('insights.rules.form.nothingSeen')}
            required
          />
        ) : null}
      </Group>
      )}
      <Group grow align="flex-start">
        {kind === 'threshold' ? <NumberInput label={t('insights.rules.form.threshold')} min={1} max={1_000_000} value={threshold} onChange={setThreshold} required /> : null}
        {clusterRule ? <NumberInput label={t('insightsAlerts.rules.accountsPerHour')} min={2} max={1_000_000} value={threshold} onChange={setThreshold} required /> : null}
        {kind !== 'burst' && kind !== 'tone-drop' && !clusterRule ? (
          <Select
            label={t('insights.rules.form.bucket')}
            data={[
              { value: 'hour', label: t('insights.rules.form.perHour') },
              { value: 'day', label: t('insights.rules.form.perDay') },
            ]}
            value={bucket}
            onChange={(v) => setBucket(v === 'day' ? 'day' : 'hour')}
            allowDeselect={false}
          />
        ) : null}
        <NumberInput label={t('insights.rules.form.coolDown')} description={t('insights.rules.form.coolDownHelp')} min={0} max={10_080} value={coolDown} onChange={setCoolDown} />
      </Group>
      <AlertNotifyFields unitId={unitId} timeZone={zone} value={notify} onChange={setNotify} />
      <ErrorAlert error={save.error} />
      <Group justify="flex-end">
        <Button variant="default" onClick={onDone}>
          {t('common.cancel')}
        </Button>
        <Button onClick={submit} loading={save.isPending} disabled={name.trim() === '' || (dimension !== 'all' && !clusterRule && !key)}>
          {rule ? t('insights.rules.form.save') : t('insights.rules.form.create')}
        </Button>
      </Group>
    </Stack>
  );
}
