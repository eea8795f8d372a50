import { Alert, Button, Group, Stack, Text } from '@mantine/core';
import { IconShieldCheck, IconShieldX } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../../ui/ErrorAlert.tsx';
import { useFormatters } from '../../session/hooks/use-formatters.ts';
import { useVerifyAuditChain } from '../hooks/use-audit-log.ts';

/** Recomputes the hash chain on the server and says whether any entry was altered or removed. */
export function VerifyChainPanel() {
  const { t } = useTranslation();
  const format = useFormatters();
  const verify = useVerifyAuditChain();
  const result = verify.data;

  return (
    <Stack gap="sm">
      <Group gap="sm">
        <Button
          variant="light"
          leftSection={<IconShieldCheck size={16} aria-hidden />}
          onClick={() => verify.mutate()}
          loading={verify.isPending}
        >
          {t('audit.verify')}
        </Button>
        <Text size="sm" c="dimmed" style={{ flex: '1 1 16rem' }}>
          {t('audit.verifyHelp')}
        </Text>
      </Group>
      <div aria-live="polite">
        {verify.error ? <ErrorAlert error={verify.error} /> : null}
        {result?.ok ? (
          <Alert color="green" variant="light" icon={<IconShieldCheck size={18} aria-hidden />} title={t('audit.verifyOkTitle')}>
            {t('audit.verifyOk', { count: result.checked, checked: format.number(result.checked) })}
          </Alert>
        ) : null}
        {result && !result.ok ? (
          <Alert color="red" variant="light" icon={<IconShieldX size={18} aria-hidden />} title={t('audit.verifyBrokenTitle')}>
            <Stack gap={4}>
              <Text size="sm">
                {result.firstBrokenSeq !== null
                  ? t('audit.verifyBrokenAt', { seq: result.firstBrokenSeq, checked: format.number(result.checked) })
                  : t('audit.verifyBroken', { checked: format.number(result.checked) })}
              </Text>
              {result.firstBrokenId ? (
                <Text size="xs" className="dd-mono">
                  {t('audit.entryId')}: {result.firstBrokenId}
                </Text>
              ) : null}
              {result.reason ? (
                <Text size="xs">
                  {t('audit.reason')}: {result.reason}
                </Text>
              ) : null}
            </Stack>
          </Alert>
        ) : null}
      </div>
    </Stack>
  );
}
