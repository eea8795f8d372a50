import { Group, Switch, Text, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { AlertNotifyValue } from '../utils/alert-notify.ts';
import { RuleRecipientsFields } from './RuleRecipientsFields.tsx';

/** When no one is told (quiet hours, in `timeZone`) and who else is told: the same fields on an alert rule and a threat monitor. */
export function AlertNotifyFields({ unitId, timeZone, value, onChange }: { unitId: string; timeZone: string; value: AlertNotifyValue; onChange(next: AlertNotifyValue): void }) {
  const { t } = useTranslation();
  return (
    <>
      <Switch label={t('insights.rules.form.quiet')} checked={value.quiet} onChange={(e) => onChange({ ...value, quiet: e.currentTarget.checked })} />
      {value.quiet ? (
        <>
          <Group grow>
            <TextInput type="time" label={t('insights.rules.form.quietFrom')} value={value.quietFrom} onChange={(e) => onChange({ ...value, quietFrom: e.currentTarget.value })} />
            <TextInput type="time" label={t('insights.rules.form.quietTo')} value={value.quietTo} onChange={(e) => onChange({ ...value, quietTo: e.currentTarget.value })} />
          </Group>
          <Text size="xs" c="dimmed">
            {t('insights.rules.form.quietHelp', { zone: timeZone })}
          </Text>
        </>
      ) : null}
      <RuleRecipientsFields unitId={unitId} value={value} onChange={(recipients) => onChange({ ...value, ...recipients })} />
    </>
  );
}
