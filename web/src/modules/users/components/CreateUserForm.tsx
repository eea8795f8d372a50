import type { UiLocale } from '@diplodesk/contracts';
import { Button, Divider, Group, PasswordInput, Select, SimpleGrid, Stack, Text, TextInput } from '@mantine/core';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../../lib/api-client.ts';
import { toUiLocale, uiLocales } from '../../../lib/intl.ts';
import { browserTimeZone } from '../../../lib/time-zones.ts';
import { isStrongEnoughPassword, looksLikeEmail, minimumPasswordLength } from '../../../lib/validation.ts';
import { ErrorAlert } from '../../../ui/ErrorAlert.tsx';
import { TimeZoneSelect } from '../../../ui/TimeZoneSelect.tsx';
import { useCreateUser } from '../hooks/use-users.ts';
import { type MembershipRow, MembershipRowsInput } from './MembershipRowsInput.tsx';
import { notifySuccess } from '../../../lib/notify.ts';

interface Errors {
  email?: string;
  displayName?: string;
  password?: string;
  timeZone?: string;
  memberships?: Record<string, string>;
}

export interface CreateUserFormProps {
  unitOptions: { value: string; label: string }[];
  onCreated: (userId: string) => void;
  onCancel: () => void;
}

export function CreateUserForm({ unitOptions, onCreated, onCancel }: CreateUserFormProps) {
  const { t, i18n } = useTranslation();
  const [email, setEmail] = useState('');
  const [displayName, setDisplayName] = useState('');
  const [password, setPassword] = useState('');
  const [locale, setLocale] = useState<UiLocale>(toUiLocale(i18n.resolvedLanguage));
  const [timeZone, setTimeZone] = useState<string | null>(browserTimeZone());
  const [memberships, setMemberships] = useState<MembershipRow[]>([]);
  const [errors, setErrors] = useState<Errors>({});
  const clearError = (field: 'email' | 'displayName' | 'password' | 'timeZone') =>
    setErrors((current) => (current[field] ? { ...current, [field]: undefined } : current));
  const createUser = useCreateUser();

  const validate = (): Errors => {
    const next: Errors = {};
    if (!email.trim()) next.email = t('validation.required');
    else if (!looksLikeEmail(email)) next.email = t('validation.email');
    if (!displayName.trim()) next.displayName = t('validation.required');
    if (password && !isStrongEnoughPassword(password)) {
      next.password = t('validation.passwordLength', { min: minimumPasswordLength });
    }
    if (!timeZone) next.timeZone = t('validation.required');
    const membershipErrors: Record<string, string> = {};
    const seen = new Set<string>();
    for (const row of memberships) {
      if (!row.unitId || !row.role) membershipErrors[row.key] = t('validation.required');
      else if (seen.has(`${row.unitId}:${row.role}`)) membershipErrors[row.key] = t('validation.duplicateMembership');
      else seen.add(`${row.unitId}:${row.role}`);
    }
    if (Object.keys(membershipErrors).length > 0) next.memberships = membershipErrors;
    return next;
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const found = validate();
    setErrors(found);
    if (Object.keys(found).length > 0 || !timeZone) return;
    createUser.mutate(
      {
        email: email.trim(),
        displayName: displayName.trim(),
        password: password || undefined,
        locale,
        timeZone,
        memberships: memberships.flatMap((row) => (row.unitId && row.role ? [{ unitId: row.unitId, role: row.role }] : [])),
      },
      {
        onSuccess: (user) => {
          notifySuccess(t('users.created', { name: user.displayName }));
          onCreated(user.id);
        },
        onError: (error) => {
          if (isApiError(error) && error.code === 'user.email-taken') setErrors({ email: t('errors.user.email-taken') });
        },
      },
    );
  };

  const showAlert = createUser.error && !(isApiError(createUser.error) && createUser.error.code === 'user.email-taken');

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="md">
        {showAlert ? <ErrorAlert error={createUser.error} /> : null}
        <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="md">
          <TextInput
            label={t('users.fields.email')}
            type="email"
            value={email}
            onChange={(event) => {
              setEmail(event.currentTarget.value);
              clearError('email');
            }}
            error={errors.email}
            required
            autoComplete="off"
            data-autofocus
          />
          <TextInput
            label={t('users.fields.name')}
            value={displayName}
            onChange={(event) => {
              setDisplayName(event.currentTarget.value);
              clearError('displayName');
            }}
            error={errors.displayName}
            required
            maxLength={120}
            autoComplete="off"
          />
          <Select
            label={t('users.fields.language')}
            data={uiLocales.map((value) => ({ value, label: t(`language.names.${value}`) }))}
            value={locale}
            onChange={(value) => value && setLocale(value as UiLocale)}
            allowDeselect={false}
          />
          <TimeZoneSelect
            label={t('users.fields.timeZone')}
            value={timeZone}
            onChange={setTimeZone}
            error={errors.timeZone}
            required
          />
        </SimpleGrid>
        <PasswordInput
          label={t('users.fields.initialPassword')}
          description={t('users.initialPasswordHelp', { min: minimumPasswordLength })}
          value={password}
          onChange={(event) => {
            setPassword(event.currentTarget.value);
            clearError('password');
          }}
          error={errors.password}
          autoComplete="new-password"
          visibilityToggleButtonProps={{ 'aria-label': t('common.togglePasswordVisibility') }}
        />
        <Divider />
        <div>
          <Text fw={600} size="sm" mb={4} component="h3">
            {t('users.initialMemberships')}
          </Text>
          <MembershipRowsInput
            rows={memberships}
            onChange={setMemberships}
            unitOptions={unitOptions}
            errors={errors.memberships}
          />
        </div>
        <Group justify="flex-end" gap="sm">
          <Button variant="default" onClick={onCancel}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={createUser.isPending}>
            {t('users.create')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
