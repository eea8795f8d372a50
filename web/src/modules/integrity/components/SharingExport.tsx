import { Button, Checkbox, Group, Paper, Select, Stack, Text, Title } from '@mantine/core';
import { IconDownload } from '@tabler/icons-react';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../../ui/ErrorAlert.tsx';
import { exportBundle, previewExport, type TlpLevel } from '../api/sharing.api.ts';

/** Saves a JSON document as a file the browser downloads. */
function saveJson(name: string, document: unknown) {
  const url = URL.createObjectURL(new Blob([JSON.stringify(document, null, 2)], { type: 'application/stix+json' }));
  const link = window.document.createElement('a');
  link.href = url;
  link.download = name;
  link.click();
  URL.revokeObjectURL(url);
}

/** Exports open findings and the claims registry (as stored, those the person reads) as one STIX 2.1 bundle, downloaded; nothing is shared by it. */
export function SharingExport() {
  const { t } = useTranslation();
  const [findings, setFindings] = useState(true);
  const [claims, setClaims] = useState(true);
  const [tlp, setTlp] = useState<TlpLevel>('green');
  const run = useMutation({
    mutationFn: async () => {
      const selection = { tlp, findings: findings ? { open: true } : null, claims: claims ? {} : null };
      const [bundle, counts] = await Promise.all([exportBundle(selection), previewExport(selection)]);
      saveJson(`${bundle.id}.json`, bundle);
      return { objects: bundle.objects.length, findings: counts.findings, claims: counts.claims };
    },
  });
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="export-heading">
      <Stack gap="sm">
        <Title order={2} size="h4" id="export-heading">
          {t('integrity.sharing.exportTitle')}
        </Title>
        <Text size="sm" c="dimmed">
          {t('integrity.sharing.exportIntro')}
        </Text>
        <Checkbox label={t('integrity.sharing.exportFindings')} checked={findings} onChange={(e) => setFindings(e.currentTarget.checked)} />
        <Checkbox label={t('integrity.sharing.exportClaims')} checked={claims} onChange={(e) => setClaims(e.currentTarget.checked)} />
        <Group gap="xs" align="flex-end" wrap="wrap">
          <Select
            label={t('integrity.sharing.tlp')}
            data={(['white', 'green', 'amber', 'red'] as const).map((level) => ({ value: level, label: t(`integrity.sharing.tlpLevels.${level}`) }))}
            value={tlp}
            onChange={(v) => v && setTlp(v as TlpLevel)}
            allowDeselect={false}
            w={200}
          />
          <Button leftSection={<IconDownload size={16} aria-hidden />} disabled={!findings && !claims} loading={run.isPending} onClick={() => run.mutate()}>
            {t('integrity.sharing.download')}
          </Button>
        </Group>
        {run.data ? (
          <Text size="sm" role="status">
            {t('integrity.sharing.exported', { objects: run.data.objects, findings: run.data.findings, claims: run.data.claims })}
          </Text>
        ) : null}
        <ErrorAlert error={run.error} />
      </Stack>
    </Paper>
  );
}
