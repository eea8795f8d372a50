import { importMaxBytes, type ImportUploadResponse } from '@diplodesk/contracts';
import { Alert, Button, Group, Progress, Stack, Text } from '@mantine/core';
import { IconAlertCircle } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../../lib/api-client.ts';
import { toUiLocale } from '../../../lib/intl.ts';
import { SectionCard } from '../../../ui/SectionCard.tsx';
import { useCurrentMe } from '../../session/hooks/use-me.ts';
import { FileDropZone } from './FileDropZone.tsx';
import { uploadImportFile } from './import.api.ts';
import { describeUploadError, formatBytes } from './import-labels.ts';
import { SearchSelect } from '../../../ui/SearchSelect.tsx';

export interface UploadPanelProps {
  unitOptions: { value: string; label: string }[];
  onUploaded: (result: ImportUploadResponse) => void;
}

type Uploading = { name: string; fraction: number; controller: AbortController };

/** Unit, file, and the upload with its progress; refusals say what to do about them. */
export function UploadPanel({ unitOptions, onUploaded }: UploadPanelProps) {
  const { t, i18n } = useTranslation();
  const locale = toUiLocale(i18n.resolvedLanguage);
  const me = useCurrentMe();
  const [unitId, setUnitId] = useState<string | null>(unitOptions[0]?.value ?? null);
  const [uploading, setUploading] = useState<Uploading | null>(null);
  const [failure, setFailure] = useState<{ error: unknown; name: string } | null>(null);
  const chosenUnit = unitId ?? unitOptions[0]?.value ?? null;

  const upload = async (file: File) => {
    if (!chosenUnit) return;
    setFailure(null);
    // Refused here at once rather than after minutes of uploading.
    if (file.size > importMaxBytes) {
      setFailure({ error: new ApiError(413, 'listening-import.too-large', '', { reason: 'too-large' }), name: file.name });
      return;
    }
    const controller = new AbortController();
    setUploading({ name: file.name, fraction: 0, controller });
    try {
      const result = await uploadImportFile(chosenUnit, file, me.csrfToken, (fraction) => setUploading((u) => (u ? { ...u, fraction } : u)), controller.signal);
      onUploaded(result);
    } catch (error) {
      setFailure({ error, name: file.name });
    } finally {
      setUploading(null);
    }
  };

  if (unitOptions.length === 0) {
    return (
      <Alert color="gray" variant="light" icon={<IconAlertCircle size={18} aria-hidden />}>
        {t('listeningImport.upload.noUnit')}
      </Alert>
    );
  }

  const percent = uploading ? Math.round(uploading.fraction * 100) : 0;
  return (
    <SectionCard title={t('listeningImport.upload.heading')}>
      <Stack gap="md">
        <SearchSelect
          label={t('listeningImport.upload.unit')}
          description={t('listeningImport.upload.unitHint')}
          data={unitOptions}
          value={chosenUnit}
          onChange={setUnitId}
          allowDeselect={false}
          disabled={uploading !== null}
          searchable={unitOptions.length > 8}
          maw={560}
        />
        {uploading ? (
          <Stack gap={6} aria-live="polite">
            <Group justify="space-between" gap="sm" wrap="nowrap">
              <Text size="sm" fw={500} style={{ overflowWrap: 'anywhere' }}>
                {percent < 100 ? t('listeningImport.upload.uploading', { name: uploading.name }) : t('listeningImport.upload.reading')}
              </Text>
              <Button size="xs" variant="subtle" color="gray" onClick={() => uploading.controller.abort()}>
                {t('listeningImport.upload.cancel')}
              </Button>
            </Group>
            <Progress value={percent} animated={percent >= 100} aria-label={t('listeningImport.upload.progress')} size="lg" />
          </Stack>
        ) : (
          <FileDropZone onFile={(file) => void upload(file)} hint={t('listeningImport.upload.formats', { size: formatBytes(importMaxBytes, locale) })} />
        )}
        {failure ? (
          <Alert color="red" variant="light" role="alert" icon={<IconAlertCircle size={18} aria-hidden />}>
            {describeUploadError(failure.error, failure.name, locale, t)}
          </Alert>
        ) : null}
      </Stack>
    </SectionCard>
  );
}
