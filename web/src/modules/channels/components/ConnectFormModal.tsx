import { Alert, Button, Group, PasswordInput, Stack, Text, TextInput } from '@mantine/core';
import { IconAlertCircle } from '@tabler/icons-react';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../../lib/api-client.ts';
import { describeError } from '../../../lib/describe-error.ts';
import { notifySuccess } from '../../../lib/notify.ts';
import { AppModal } from '../../../ui/AppModal.tsx';
import type { ConnectField } from '../api/channels.api.ts';
import { useSubmitConnectForm } from '../hooks/use-channels.ts';
import { platformName } from '../utils/platforms.ts';

export interface ConnectFormModalProps {
  unitId: string;
  platform: string | null;
  fields: ConnectField[];
  onClose: () => void;
}

/** Labels in the interface language for the fields the built-in connectors ask for. */
function useFieldText() {
  const { t } = useTranslation();
  const known: Record<string, { label: string; hint: string }> = {
    instanceUrl: { label: t('channels.fields.instanceUrl'), hint: t('channels.fields.instanceUrlHint') },
    accessToken: { label: t('channels.fields.accessToken'), hint: t('channels.fields.accessTokenHint') },
    identifier: { label: t('channels.fields.identifier'), hint: t('channels.fields.identifierHint') },
    appPassword: { label: t('channels.fields.appPassword'), hint: t('channels.fields.appPasswordHint') },
    pdsUrl: { label: t('channels.fields.pdsUrl'), hint: t('channels.fields.pdsUrlHint') },
    botToken: { label: t('channels.fields.botToken'), hint: t('channels.fields.botTokenHint') },
    chatId: { label: t('channels.fields.chatId'), hint: t('channels.fields.chatIdHint') },
  };
  // A connector added later brings its own (English) label.
  return (field: ConnectField) => known[field.name] ?? { label: field.label, hint: '' };
}

function connectErrorText(error: unknown, t: ReturnType<typeof useTranslation>['t']): string {
  // The server folds the platform's refusal (auth-expired, rejected) into one code.
  if (isApiError(error) && error.code === 'channel.connect-failed') {
    const reason = (error.details as { reason?: unknown } | undefined)?.reason;
    return t(reason === 'unreachable' ? 'channels.connect.unreachable' : 'channels.connect.refused');
  }
  return describeError(error, t);
}

/** App password / bot token connection: the connector's fields, secrets as password inputs. */
export function ConnectFormModal({ unitId, platform, fields, onClose }: ConnectFormModalProps) {
  const { t } = useTranslation();
  const fieldText = useFieldText();
  const submit = useSubmitConnectForm();
  const [values, setValues] = useState<Record<string, string>>({});

  const close = () => {
    submit.reset();
    setValues({});
    onClose();
  };

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    if (!platform) return;
    const filled = Object.fromEntries(Object.entries(values).filter(([, v]) => v.trim() !== '').map(([k, v]) => [k, v.trim()]));
    submit.mutate(
      { unitId, platform, values: filled },
      {
        onSuccess: (account) => {
          notifySuccess(t('channels.connect.connected', { platform: platformName(account.platform), handle: account.handle }));
          close();
        },
      },
    );
  };

  return (
    <AppModal opened={platform !== null} onClose={close} title={platform ? t('channels.connect.formTitle', { platform: platformName(platform) }) : ''}>
      <form onSubmit={onSubmit} noValidate>
        <Stack gap="md">
          <Text size="sm" c="dimmed">
            {t('channels.connect.formIntro')}
          </Text>
          {submit.error ? (
            <Alert color="red" variant="light" role="alert" icon={<IconAlertCircle size={18} aria-hidden />}>
              {connectErrorText(submit.error, t)}
            </Alert>
          ) : null}
          {fields.map((field, index) => {
            const { label, hint } = fieldText(field);
            const common = {
              label,
              description: hint || undefined,
              value: values[field.name] ?? '',
              onChange: (event: React.ChangeEvent<HTMLInputElement>) => {
                const value = event.currentTarget.value;
                setValues((prev) => ({ ...prev, [field.name]: value }));
              },
              name: field.name,
              'data-autofocus': index === 0 ? true : undefined,
            };
            return field.secret ? (
              <PasswordInput key={field.name} {...common} autoComplete="off" visibilityToggleButtonProps={{ 'aria-label': t('common.togglePasswordVisibility') }} />
            ) : (
              <TextInput key={field.name} {...common} autoComplete="off" />
            );
          })}
          <Group justify="flex-end" gap="sm">
            <Button variant="default" onClick={close}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={submit.isPending}>
              {t('channels.connect.submit')}
            </Button>
          </Group>
        </Stack>
      </form>
    </AppModal>
  );
}
