import { Alert, Button, Code, CopyButton, Group, Image, List, Stack, Text, TextInput } from '@mantine/core';
import { IconCheck, IconCopy } from '@tabler/icons-react';
import { toDataURL } from 'qrcode';
import { type FormEvent, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isSixDigitCode } from '../../../lib/validation.ts';
import { ErrorAlert } from '../../../ui/ErrorAlert.tsx';
import { LoadingBlock } from '../../../ui/LoadingBlock.tsx';
import { useEnableMfa, useStartMfaSetup } from '../hooks/use-profile.ts';
import { groupSecret } from '../utils/secret-format.ts';
import { notifySuccess } from '../../../lib/notify.ts';

/** Setup → QR code and secret → first code → on. A new setup replaces any unfinished one. */
export function MfaEnrolForm({ onDone }: { onDone: () => void }) {
  const { t } = useTranslation();
  const setup = useStartMfaSetup();
  const enable = useEnableMfa();
  const [qrDataUrl, setQrDataUrl] = useState<string | null>(null);
  const [code, setCode] = useState('');
  const [codeError, setCodeError] = useState<string | undefined>();
  const { mutate: startSetup } = setup;

  useEffect(() => {
    startSetup();
  }, [startSetup]);

  const otpauthUri = setup.data?.otpauthUri;
  useEffect(() => {
    if (!otpauthUri) return;
    let cancelled = false;
    toDataURL(otpauthUri, { errorCorrectionLevel: 'M', margin: 1, width: 200 })
      .then((url) => {
        if (!cancelled) setQrDataUrl(url);
      })
      .catch(() => setQrDataUrl(null));
    return () => {
      cancelled = true;
    };
  }, [otpauthUri]);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const trimmed = code.replace(/\s/g, '');
    if (!isSixDigitCode(trimmed)) {
      setCodeError(t('validation.totp'));
      return;
    }
    setCodeError(undefined);
    enable.mutate(trimmed, {
      onSuccess: () => {
        notifySuccess(t('mfa.enabled'));
        onDone();
      },
    });
  };

  if (setup.error) return <ErrorAlert error={setup.error} onRetry={() => startSetup()} />;
  if (!setup.data) return <LoadingBlock />;
  const secret = setup.data.secret;

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="md">
        <List type="ordered" size="sm" spacing={4}>
          <List.Item>{t('mfa.stepInstall')}</List.Item>
          <List.Item>{t('mfa.stepScan')}</List.Item>
          <List.Item>{t('mfa.stepCode')}</List.Item>
        </List>
        <Group align="flex-start" gap="lg" wrap="wrap">
          {qrDataUrl ? (
            <Image src={qrDataUrl} alt={t('mfa.qrAlt')} w={200} h={200} fit="contain" bd="1px solid var(--mantine-color-gray-3)" />
          ) : (
            <LoadingBlock minHeight={200} />
          )}
          <Stack gap={6} style={{ flex: '1 1 14rem', minWidth: 0 }}>
            <Text size="sm" fw={600} id="mfa-secret-label">
              {t('mfa.manualEntry')}
            </Text>
            <Code block aria-labelledby="mfa-secret-label" style={{ fontSize: '0.95rem', letterSpacing: '0.05em', whiteSpace: 'pre-wrap', overflow: 'visible' }}>
              {groupSecret(secret)}
            </Code>
            <CopyButton value={secret}>
              {({ copied, copy }) => (
                <Button
                  variant="default"
                  size="xs"
                  onClick={copy}
                  leftSection={copied ? <IconCheck size={14} aria-hidden /> : <IconCopy size={14} aria-hidden />}
                  w="fit-content"
                >
                  {copied ? t('common.copied') : t('mfa.copySecret')}
                </Button>
              )}
            </CopyButton>
          </Stack>
        </Group>
        {enable.error ? <ErrorAlert error={enable.error} /> : null}
        <TextInput
          label={t('mfa.code')}
          value={code}
          onChange={(event) => setCode(event.currentTarget.value)}
          error={codeError}
          inputMode="numeric"
          autoComplete="one-time-code"
          maxLength={7}
          required
          maw={220}
          styles={{ input: { letterSpacing: '0.3em', fontVariantNumeric: 'tabular-nums' } }}
        />
        <Alert variant="light" color="gray">
          <Text size="xs">{t('mfa.keepDevice')}</Text>
        </Alert>
        <Group justify="flex-end" gap="sm">
          <Button variant="default" onClick={onDone}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={enable.isPending}>
            {t('mfa.turnOn')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
