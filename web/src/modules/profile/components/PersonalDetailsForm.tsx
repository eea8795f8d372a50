import type { UiLocale } from '@diplodesk/contracts';
import { Button, Group, Select, SimpleGrid, Stack, TextInput } from '@mantine/core';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { uiLocales } from '../../../lib/intl.ts';
import { rememberLanguage } from '../../../lib/language-storage.ts';
import { ErrorAlert } from '../../../ui/ErrorAlert.tsx';
import { TimeZoneSelect } from '../../../ui/TimeZoneSelect.tsx';
import type { UpdateMeRequest } from '../../session/api/session.api.ts';
import { useCurrentMe } from '../../session/hooks/use-me.ts';
import { useUpdateMe } from '../hooks/use-profile.ts';
import { notifySuccess, notifyInfo } from '../../../lib/notify.ts';

// Help text under the field keeps the inputs of the two columns on one line.
const belowInput: ('label' | 'input' | 'description' | 'error')[] = ['label', 'input', 'description', 'error'];

export function PersonalDetailsForm() {
  const { t, i18n } = useTranslation();
  const { user } = useCurrentMe();
  const [displayName, setDisplayName] = useState(user.displayName);
  const [locale, setLocale] = useState<UiLocale>(user.locale);
  const [timeZone, setTimeZone] = useState<string | null>(user.timeZone);
  const [errors, setErrors] = useState<{ displayName?: string; timeZone?: string }>({});
  const updateMe = useUpdateMe();

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const name = displayName.trim();
    const next: typeof errors = {};
    if (!name) next.displayName = t('validation.required');
    if (!timeZone) next.timeZone = t('validation.required');
    setErrors(next);
    if (Object.keys(next).length > 0 || !timeZone) return;
    const body: UpdateMeRequest = {};
    if (name !== user.displayName) body.displayName = name;
    if (locale !== user.locale) body.locale = locale;
    if (timeZone !== user.timeZone) body.timeZone = timeZone;
    if (Object.keys(body).length === 0) {
      notifyInfo(t('common.nothingChanged'));
      return;
    }
    updateMe.mutate(body, {
      onSuccess: (me) => {
        if (body.locale) {
          rememberLanguage(me.user.locale);
          void i18n.changeLanguage(me.user.locale);
        }
        notifySuccess(t('common.saved'));
      },
    });
  };

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="md">
        <ErrorAlert error={updateMe.error} />
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
          <TextInput
            label={t('profile.fields.displayName')}
            value={displayName}
            onChange={(event) => setDisplayName(event.currentTarget.value)}
            error={errors.displayName}
            required
            maxLength={120}
            autoComplete="name"
          />
          <TextInput label={t('profile.fields.email')} value={user.email} readOnly description={t('profile.emailHelp')} inputWrapperOrder={belowInput} />
          <Select
            label={t('profile.fields.language')}
            data={uiLocales.map((value) => ({ value, label: t(`language.names.${value}`) }))}
            value={locale}
            onChange={(value) => value && setLocale(value as UiLocale)}
            allowDeselect={false}
          />
          <TimeZoneSelect
            label={t('profile.fields.timeZone')}
            description={t('profile.timeZoneHelp')}
            inputWrapperOrder={belowInput}
            value={timeZone}
            onChange={setTimeZone}
            error={errors.timeZone}
            required
          />
        </SimpleGrid>
        <Group justify="flex-end">
          <Button type="submit" loading={updateMe.isPending}>
            {t('common.saveChanges')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
