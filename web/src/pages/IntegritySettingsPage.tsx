import { Button, Group, Paper, Slider, Stack, Text, Title } from '@mantine/core';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDateTime, intlLocale, toUiLocale } from '../lib/intl.ts';
import { usePageTitle } from '../lib/use-page-title.ts';
import { IntegrityNav } from '../modules/integrity/components/IntegrityNav.tsx';
import { useIntegritySettings, useSaveIntegritySettings } from '../modules/integrity/hooks/use-integrity.ts';
import { percent } from '../modules/integrity/utils/finding-labels.ts';
import { type CurvePoint, estimateAt } from '../modules/integrity/utils/threshold-curve.ts';
import { useCurrentMe } from '../modules/session/hooks/use-me.ts';
import { ErrorAlert } from '../ui/ErrorAlert.tsx';
import { ForbiddenNotice } from '../ui/ForbiddenNotice.tsx';
import { LoadingBlock } from '../ui/LoadingBlock.tsx';
import { PageHeader } from '../ui/PageHeader.tsx';

function ThresholdControl({ id, label, hint, value, onChange, curve, readOnly, locale }: { id: string; label: string; hint: string; value: number; onChange: (v: number) => void; curve: CurvePoint[]; readOnly: boolean; locale: string }) {
  const { t } = useTranslation();
  const estimate = estimateAt(curve, value);
  const fmt = (v: number) => new Intl.NumberFormat(locale, { minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(v);
  return (
    <Paper withBorder p="md">
      <Stack gap="xs">
        <Group justify="space-between" wrap="wrap">
          <Title order={2} size="h4" id={`${id}-label`}>
            {label}
          </Title>
          <Text fw={700} size="lg" aria-hidden>
            {fmt(value)}
          </Text>
        </Group>
        <Text size="sm" c="dimmed">
          {hint}
        </Text>
        {readOnly ? (
          <Text size="sm">{t('integrity.settings.current', { value: fmt(value) })}</Text>
        ) : (
          <Slider
            min={0}
            max={1}
            step={0.01}
            value={value}
            onChange={onChange}
            label={fmt}
            thumbProps={{ 'aria-labelledby': `${id}-label`, 'aria-valuetext': fmt(value) }}
            marks={[0, 0.25, 0.5, 0.75, 1].map((v) => ({ value: v, label: fmt(v) }))}
            mb="lg"
          />
        )}
        <Text size="sm" role="status" aria-live="polite">
          {estimate ? t('integrity.settings.estimate', { precision: percent(estimate.precision, locale), recall: percent(estimate.recall, locale) }) : t('integrity.settings.noCurve')}
        </Text>
      </Stack>
    </Paper>
  );
}

/** The claim-matching thresholds of the workspace, with what each gives on the evaluation set. */
export function IntegritySettingsPage() {
  const { t, i18n } = useTranslation();
  const ui = toUiLocale(i18n.resolvedLanguage);
  const locale = intlLocale(ui);
  const me = useCurrentMe();
  const canRead = me.permissions.includes('integrity.read');
  usePageTitle(t('integrity.settings.title'));
  const settings = useIntegritySettings(canRead);
  const save = useSaveIntegritySettings();
  const [autoLink, setAutoLink] = useState<number | null>(null);
  const [suggest, setSuggest] = useState<number | null>(null);
  useEffect(() => {
    if (settings.data) {
      setAutoLink(settings.data.autoLink);
      setSuggest(settings.data.suggest);
    }
  }, [settings.data]);
  if (!canRead) return <ForbiddenNotice />;
  const s = settings.data;
  const readOnly = s?.policies.update !== true;
  const invalid = autoLink !== null && suggest !== null && suggest > autoLink;
  const changed = s !== undefined && (autoLink !== s.autoLink || suggest !== s.suggest);
  return (
    <Stack gap="lg">
      <PageHeader mb={0} title={t('integrity.settings.title')} description={t('integrity.settings.intro')} />
      <IntegrityNav active="settings" />
      <ErrorAlert error={settings.error} />
      {settings.isPending ? <LoadingBlock /> : null}
      {s && autoLink !== null && suggest !== null ? (
        <form
          onSubmit={(event) => {
            event.preventDefault();
            if (!invalid) save.mutate({ autoLink, suggest });
          }}
        >
          <Stack gap="md" maw={760}>
            {readOnly ? (
              <Text size="sm" c="dimmed">
                {t('integrity.settings.readOnly')}
              </Text>
            ) : null}
            <ThresholdControl id="auto-link" label={t('integrity.settings.autoLink')} hint={t('integrity.settings.autoLinkHint')} value={autoLink} onChange={setAutoLink} curve={s.curve} readOnly={readOnly} locale={locale} />
            <ThresholdControl id="suggest" label={t('integrity.settings.suggest')} hint={t('integrity.settings.suggestHint')} value={suggest} onChange={setSuggest} curve={s.curve} readOnly={readOnly} locale={locale} />
            {invalid ? (
              <Text size="sm" c="red.8" role="alert">
                {t('integrity.settings.order')}
              </Text>
            ) : null}
            <Text size="xs" c="dimmed">
              {t('integrity.settings.source', { autoLink: s.defaults.autoLink, suggest: s.defaults.suggest })}
              {s.updatedAt ? ` ${t('integrity.settings.updated', { when: formatDateTime(s.updatedAt, ui, me.user.timeZone) })}` : ''}
            </Text>
            <ErrorAlert error={save.error} />
            {readOnly ? null : (
              <Group gap="sm">
                <Button type="submit" disabled={!changed || invalid} loading={save.isPending}>
                  {t('integrity.settings.save')}
                </Button>
                <Button
                  variant="default"
                  onClick={() => {
                    setAutoLink(s.defaults.autoLink);
                    setSuggest(s.defaults.suggest);
                  }}
                >
                  {t('integrity.settings.defaults')}
                </Button>
                {save.isSuccess && !changed ? (
                  <Text size="sm" role="status">
                    {t('integrity.settings.saved')}
                  </Text>
                ) : null}
              </Group>
            )}
          </Stack>
        </form>
      ) : null}
    </Stack>
  );
}
