import type { OurCountryDto } from '@diplodesk/contracts';
import { Button, Group, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDateTime, toUiLocale } from '../../../lib/intl.ts';
import { notifySuccess } from '../../../lib/notify.ts';
import { CountrySelect } from '../../../ui/CountrySelect.tsx';
import { ErrorAlert } from '../../../ui/ErrorAlert.tsx';
import { useSaveOurCountry } from '../hooks/use-image.ts';
import { RebuildPanel } from './RebuildPanel.tsx';

/** Administration → Insights: the country whose image the index follows; saving it recounts every figure. */
export function OurCountryPanel({ setting, timeZone }: { setting: OurCountryDto; timeZone: string }) {
  const { t, i18n } = useTranslation();
  const locale = toUiLocale(i18n.resolvedLanguage);
  const [country, setCountry] = useState<string | null>(setting.country);
  const save = useSaveOurCountry();
  const canEdit = Boolean(setting.policies.update);
  return (
    <Stack gap="md">
      <form
        onSubmit={(event) => {
          event.preventDefault();
          save.mutate(country, { onSuccess: () => notifySuccess(t('insightsImage.setting.saved')) });
        }}
      >
        <Stack gap="sm" maw={480}>
          <CountrySelect label={t('insightsImage.setting.label')} description={t('insightsImage.setting.help')} value={country} onChange={setCountry} disabled={!canEdit} />
          <Text size="xs" c="dimmed">
            {setting.updatedAt ? t('insightsImage.setting.updated', { at: formatDateTime(setting.updatedAt, locale, timeZone) }) : t('insightsImage.setting.default')}
          </Text>
          <ErrorAlert error={save.error} />
          {canEdit ? (
            <Group>
              <Button type="submit" loading={save.isPending} disabled={country === setting.country && setting.updatedAt !== null}>
                {t('insightsImage.setting.save')}
              </Button>
            </Group>
          ) : null}
        </Stack>
      </form>
      <RebuildPanel timeZone={timeZone} canStart={false} />
    </Stack>
  );
}
