import type { Permission } from '@diplodesk/contracts';
import { Alert, Button, Code, CopyButton, Group, Select, Stack, Text, TextInput } from '@mantine/core';
import { IconAlertTriangle, IconCheck, IconCopy } from '@tabler/icons-react';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../../ui/ErrorAlert.tsx';
import { useCurrentMe } from '../../session/hooks/use-me.ts';
import type { CreatedApiToken } from '../api/profile.api.ts';
import { useCreateApiToken } from '../hooks/use-profile.ts';
import { SearchMultiSelect } from '../../../ui/SearchSelect.tsx';

const expiryChoices = ['30', '90', '180', '365', 'never'] as const;
type ExpiryChoice = (typeof expiryChoices)[number];

export function CreateTokenForm({ onDone }: { onDone: () => void }) {
  const { t } = useTranslation();
  const { permissions } = useCurrentMe();
  const [name, setName] = useState('');
  const [scopes, setScopes] = useState<Permission[]>([]);
  const [expiry, setExpiry] = useState<ExpiryChoice>('90');
  const [errors, setErrors] = useState<{ name?: string; scopes?: string }>({});
  const [created, setCreated] = useState<CreatedApiToken | null>(null);
  const createToken = useCreateApiToken();

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const next: typeof errors = {};
    if (!name.trim()) next.name = t('validation.required');
    if (scopes.length === 0) next.scopes = t('validation.chooseOne');
    setErrors(next);
    if (Object.keys(next).length > 0) return;
    createToken.mutate(
      { name: name.trim(), scopes, expiresInDays: expiry === 'never' ? null : Number(expiry) },
      { onSuccess: setCreated },
    );
  };

  if (created) {
    return (
      <Stack gap="md">
        <Alert color="orange" variant="light" icon={<IconAlertTriangle size={18} aria-hidden />} title={t('tokens.copyNowTitle')}>
          {t('tokens.copyNow')}
        </Alert>
        <Text size="sm" fw={600} id="new-token-label">
          {t('tokens.secretLabel', { name: created.token.name })}
        </Text>
        <Code block aria-labelledby="new-token-label" style={{ wordBreak: 'break-all', whiteSpace: 'pre-wrap', overflow: 'visible' }}>
          {created.secret}
        </Code>
        <Group justify="space-between">
          <CopyButton value={created.secret}>
            {({ copied, copy }) => (
              <Button
                variant={copied ? 'light' : 'filled'}
                color={copied ? 'green' : undefined}
                onClick={copy}
                leftSection={copied ? <IconCheck size={16} aria-hidden /> : <IconCopy size={16} aria-hidden />}
              >
                {copied ? t('common.copied') : t('tokens.copySecret')}
              </Button>
            )}
          </CopyButton>
          <Button variant="default" onClick={onDone}>
            {t('common.done')}
          </Button>
        </Group>
      </Stack>
    );
  }

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="md">
        <ErrorAlert error={createToken.error} />
        <TextInput
          label={t('tokens.fields.name')}
          description={t('tokens.nameHelp')}
          value={name}
          onChange={(event) => setName(event.currentTarget.value)}
          error={errors.name}
          required
          maxLength={80}
          data-autofocus
        />
        <SearchMultiSelect
          label={t('tokens.fields.scopes')}
          description={t('tokens.scopesHelp')}
          data={permissions.map((permission) => ({ value: permission, label: t(`permissions.${permission}`) }))}
          value={scopes}
          onChange={(value) => setScopes(value as Permission[])}
          error={errors.scopes}
          searchable
          required
          nothingFoundMessage={t('common.nothingFound')}
          hidePickedOptions
        />
        <Select
          label={t('tokens.fields.expiry')}
          data={expiryChoices.map((value) => ({
            value,
            label: value === 'never' ? t('tokens.never') : t('tokens.days', { count: Number(value) }),
          }))}
          value={expiry}
          onChange={(value) => value && setExpiry(value as ExpiryChoice)}
          allowDeselect={false}
        />
        <Group justify="flex-end" gap="sm">
          <Button variant="default" onClick={onDone}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={createToken.isPending}>
            {t('tokens.create')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
