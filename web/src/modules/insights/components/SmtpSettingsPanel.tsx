import { type SmtpSettingsDto, smtpSecurities } from '@diplodesk/contracts';
import { Button, Group, NumberInput, PasswordInput, Select, Stack, Text, TextInput } from '@mantine/core';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { notifySuccess } from '../../../lib/notify.ts';
import { ErrorAlert } from '../../../ui/ErrorAlert.tsx';
import { SectionCard } from '../../../ui/SectionCard.tsx';
import { useSaveSmtp, useSendTestMail } from '../hooks/use-delivery.ts';

type Security = (typeof smtpSecurities)[number];

/** The SMTP relay alert e-mails go through. The password is write-only: left empty, the stored one stays. */
export function SmtpSettingsPanel({ settings }: { settings: SmtpSettingsDto }) {
  const { t } = useTranslation();
  const save = useSaveSmtp();
  const test = useSendTestMail();
  const [host, setHost] = useState(settings.host ?? '');
  const [port, setPort] = useState<number | string>(settings.port ?? 587);
  const [security, setSecurity] = useState<Security>(settings.security ?? 'starttls');
  const [username, setUsername] = useState(settings.username ?? '');
  const [password, setPassword] = useState('');
  const [fromAddress, setFromAddress] = useState(settings.fromAddress ?? '');
  const [fromName, setFromName] = useState(settings.fromName ?? 'DiploDesk');
  const [testTo, setTestTo] = useState('');

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const body = { host: host.trim(), port: Number(port), security, username: username.trim() || null, ...(password ? { password } : {}), fromAddress: fromAddress.trim(), fromName: fromName.trim() };
    save.mutate(body, {
      onSuccess: () => {
        setPassword('');
        notifySuccess(t('insights.delivery.smtp.saved'));
      },
    });
  };

  return (
    <SectionCard title={t('insights.delivery.smtp.title')} description={t('insights.delivery.smtp.intro')}>
      <form onSubmit={submit}>
        <Stack gap="sm">
          <Group grow align="flex-start">
            <TextInput label={t('insights.delivery.smtp.host')} value={host} onChange={(e) => setHost(e.currentTarget.value)} required maxLength={253} />
            <NumberInput label={t('insights.delivery.smtp.port')} min={1} max={65_535} value={port} onChange={setPort} required />
            <Select
              label={t('insights.delivery.smtp.security')}
              description={t(`insights.delivery.smtp.securityHelp.${security}`)}
              data={smtpSecurities.map((s) => ({ value: s, label: t(`insights.delivery.smtp.securities.${s}`) }))}
              value={security}
              onChange={(v) => setSecurity((v as Security) ?? 'starttls')}
              allowDeselect={false}
            />
          </Group>
          <Group grow align="flex-start">
            <TextInput label={t('insights.delivery.smtp.username')} value={username} onChange={(e) => setUsername(e.currentTarget.value)} maxLength={200} autoComplete="off" />
            <PasswordInput
              label={t('insights.delivery.smtp.password')}
              description={settings.hasPassword ? t('insights.delivery.smtp.passwordKept') : undefined}
              value={password}
              onChange={(e) => setPassword(e.currentTarget.value)}
              autoComplete="new-password"
            />
          </Group>
          <Group grow align="flex-start">
            <TextInput type="email" label={t('insights.delivery.smtp.fromAddress')} value={fromAddress} onChange={(e) => setFromAddress(e.currentTarget.value)} required />
            <TextInput label={t('insights.delivery.smtp.fromName')} value={fromName} onChange={(e) => setFromName(e.currentTarget.value)} required maxLength={120} />
          </Group>
          <ErrorAlert error={save.error} />
          <Group justify="flex-end">
            <Button type="submit" loading={save.isPending}>
              {t('insights.delivery.smtp.save')}
            </Button>
          </Group>
        </Stack>
      </form>
      {settings.configured ? (
        <Stack gap="xs" mt="md">
          <Group align="flex-end">
            <TextInput type="email" label={t('insights.delivery.smtp.testTo')} value={testTo} onChange={(e) => setTestTo(e.currentTarget.value)} style={{ flex: 1 }} />
            <Button variant="default" loading={test.isPending} disabled={!testTo.includes('@')} onClick={() => test.mutate(testTo.trim(), { onSuccess: () => notifySuccess(t('insights.delivery.smtp.testSent', { to: testTo.trim() })) })}>
              {t('insights.delivery.smtp.sendTest')}
            </Button>
          </Group>
          <ErrorAlert error={test.error} />
        </Stack>
      ) : (
        <Text size="sm" c="dimmed" mt="sm">
          {t('insights.delivery.smtp.notConfigured')}
        </Text>
      )}
    </SectionCard>
  );
}
