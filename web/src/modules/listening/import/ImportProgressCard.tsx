import { type ImportDto, stripBidiControls } from '@diplodesk/contracts';
import { Button, Group, Progress, Stack, Text } from '@mantine/core';
import { IconPlayerStop } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { formatNumber, toUiLocale } from '../../../lib/intl.ts';
import { notifySuccess } from '../../../lib/notify.ts';
import { ErrorAlert } from '../../../ui/ErrorAlert.tsx';
import { SectionCard } from '../../../ui/SectionCard.tsx';
import { useCancelImport } from './use-imports.ts';

/** A running import: how far through the file, rows read and rejected, what is stored so far. */
export function ImportProgressCard({ item }: { item: ImportDto }) {
  const { t, i18n } = useTranslation();
  const locale = toUiLocale(i18n.resolvedLanguage);
  const cancel = useCancelImport();
  const n = (value: number) => formatNumber(value, locale);

  return (
    <SectionCard title={t('listeningImport.progress.heading', { name: stripBidiControls(item.fileName) })} description={t('listeningImport.progress.hint')}>
      <Stack gap="sm">
        <Group justify="space-between" gap="sm">
          <Text fw={600}>{t('listeningImport.progress.percent', { percent: item.percent })}</Text>
          <Text size="sm" c="dimmed">
            {t('listeningImport.progress.rowsRead', { count: item.rowsRead, n: n(item.rowsRead) })}
          </Text>
        </Group>
        {/* Mantine puts the name and the value on the bar itself; a value text on the track would be an ARIA attribute its role does not allow. */}
        <Progress value={item.percent} size="xl" animated aria-label={t('listeningImport.progress.label')} />
        <Group gap="lg" aria-live="polite">
          <Text size="sm">{t('listeningImport.progress.stored', { count: item.stored, n: n(item.stored) })}</Text>
          <Text size="sm" c={item.rejected > 0 ? 'red.8' : 'dimmed'}>
            {t('listeningImport.progress.rejected', { count: item.rejected, n: n(item.rejected) })}
          </Text>
        </Group>
        <ErrorAlert error={cancel.error} />
        {item.policies.cancel ? (
          <Group justify="flex-end">
            <Button
              variant="default"
              color="red"
              leftSection={<IconPlayerStop size={16} aria-hidden />}
              loading={cancel.isPending}
              onClick={() => cancel.mutate(item.id, { onSuccess: () => notifySuccess(t('listeningImport.progress.cancelled')) })}
            >
              {t('listeningImport.progress.cancel')}
            </Button>
          </Group>
        ) : null}
      </Stack>
    </SectionCard>
  );
}
