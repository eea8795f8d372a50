import { type ImportDraftMappingDto, type ImportDto, type ImportMappingDto, type ImportPreviewDto, importFields, stripBidiControls } from '@diplodesk/contracts';
import { Alert, Button, Group, Loader, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { IconAlertCircle, IconPlayerPlay, IconTrash } from '@tabler/icons-react';
import { useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { toUiLocale } from '../../../lib/intl.ts';
import { ErrorAlert } from '../../../ui/ErrorAlert.tsx';
import { SectionCard } from '../../../ui/SectionCard.tsx';
import { previewImport } from './import.api.ts';
import { delimiterLabel, formatBytes } from './import-labels.ts';
import { PreviewTable, SampleTable } from './PreviewTable.tsx';
import { useCancelImport, useStartImport } from './use-imports.ts';
import { SearchSelect } from '../../../ui/SearchSelect.tsx';

const none = '__none__';

export interface MappingReviewProps {
  item: ImportDto;
  /** The preview that came with the upload; without it (a reload) the page asks for one. */
  initial: ImportPreviewDto | null;
  timeZone: string;
  onDiscarded: () => void;
}

/** Reads the preview again whenever the mapping changes; only the latest answer is shown. */
function usePreview(id: string, mapping: ImportDraftMappingDto, initial: ImportPreviewDto | null) {
  const [preview, setPreview] = useState<ImportPreviewDto | null>(initial);
  const [loading, setLoading] = useState(initial === null);
  const [error, setError] = useState<unknown>(null);
  const skip = useRef(initial !== null);
  useEffect(() => {
    if (skip.current) {
      skip.current = false;
      return;
    }
    const controller = new AbortController();
    setLoading(true);
    previewImport(id, mapping, controller.signal)
      .then((next) => {
        setPreview(next);
        setError(null);
      })
      .catch((err: unknown) => {
        if (!controller.signal.aborted) setError(err);
      })
      .finally(() => {
        if (!controller.signal.aborted) setLoading(false);
      });
    return () => controller.abort();
  }, [id, mapping]);
  return { preview, loading, error };
}

/** The mapping screen: a column per field, the first rows as they will be imported, then start. */
export function MappingReview({ item, initial, timeZone, onDiscarded }: MappingReviewProps) {
  const { t, i18n } = useTranslation();
  const locale = toUiLocale(i18n.resolvedLanguage);
  const [mapping, setMapping] = useState<ImportDraftMappingDto>(initial?.mapping ?? item.mapping);
  const { preview, loading, error } = usePreview(item.id, mapping, initial);
  const start = useStartImport();
  const discard = useCancelImport();
  const previewId = useId();
  const columns = preview?.columns ?? [];
  const options = [{ value: none, label: t('listeningImport.review.notUsed') }, ...columns.map((c) => ({ value: c, label: c }))];
  const current = preview;
  const okCount = current?.rows.filter((r) => r.item).length ?? 0;
  const facts = [t(`listeningImport.formats.${item.format}`), formatBytes(item.sizeBytes, locale), item.delimiter ? t('listeningImport.review.delimiter', { delimiter: delimiterLabel(item.delimiter, t) }) : null].filter(Boolean).join(' · ');
  const canStart = !loading && current !== null && current.mappingProblem === null && mapping.text;

  return (
    <SectionCard
      title={t('listeningImport.review.heading')}
      description={
        <>
          <Text span fw={600} c="var(--mantine-color-text)" style={{ overflowWrap: 'anywhere' }}>
            {stripBidiControls(item.fileName)}
          </Text>{' '}
          — {facts}
        </>
      }
    >
      <Stack gap="lg">
        {initial?.convertedFrom ? (
          <Alert color="blue" variant="light">
            {t('listeningImport.review.converted', { encoding: t(`listeningImport.encodings.${initial.convertedFrom}`, { defaultValue: initial.convertedFrom }) })}
          </Alert>
        ) : null}
        <Stack gap="xs">
          <Title order={3} size="h4">
            {t('listeningImport.review.mappingHeading')}
          </Title>
          <Text size="sm" c="dimmed">
            {t('listeningImport.review.mappingHint')}
          </Text>
          <SimpleGrid cols={{ base: 1, sm: 2, lg: 4 }} spacing="md">
            {importFields.map((field) => (
              <SearchSelect
                key={field}
                label={field === 'text' ? `${t('listeningImport.fields.text')} (${t('listeningImport.review.required')})` : t(`listeningImport.fields.${field}`)}
                description={t(`listeningImport.fieldHints.${field}`)}
                data={options}
                value={mapping[field] ?? none}
                onChange={(value) => setMapping((m) => ({ ...m, [field]: value && value !== none ? value : null }))}
                allowDeselect={false}
                disabled={columns.length === 0 || start.isPending}
                searchable={columns.length > 10}
                error={field === 'text' && !mapping.text ? t('listeningImport.review.textMissing') : undefined}
                // Hints of different lengths under the inputs keep the inputs of a row in line.
                inputWrapperOrder={['label', 'input', 'description', 'error']}
              />
            ))}
          </SimpleGrid>
        </Stack>

        <Stack gap="xs">
          <Group gap="sm" align="center">
            <Title order={3} size="h4" id={previewId}>
              {current?.mappingProblem === 'text-missing' ? t('listeningImport.review.sampleHeading') : t('listeningImport.review.previewHeading')}
            </Title>
            {loading ? <Loader size="xs" role="status" aria-label={t('listeningImport.review.refreshing')} /> : null}
          </Group>
          <ErrorAlert error={error} />
          {current?.mappingProblem === 'unknown-column' ? (
            <Alert color="orange" variant="light" icon={<IconAlertCircle size={18} aria-hidden />}>
              {t('listeningImport.review.unknownColumn')}
            </Alert>
          ) : null}
          {current?.mappingProblem === 'text-missing' ? <SampleTable columns={current.columns} sample={current.sample} labelId={previewId} /> : null}
          {current && current.mappingProblem === null ? (
            current.rows.length === 0 ? (
              <Text size="sm" c="dimmed">
                {t('listeningImport.review.noRows')}
              </Text>
            ) : (
              <>
                <Text size="sm" c="dimmed" aria-live="polite">
                  {t('listeningImport.review.previewCount', { ok: okCount, count: current.rows.length })} {t('listeningImport.review.previewHint')}
                </Text>
                <PreviewTable rows={current.rows} mapping={current.mapping} timeZone={timeZone} labelId={previewId} />
              </>
            )
          ) : null}
        </Stack>

        <ErrorAlert error={start.error ?? discard.error} />
        <Group gap="sm" justify="flex-end" wrap="wrap">
          <Button variant="default" leftSection={<IconTrash size={16} aria-hidden />} loading={discard.isPending} disabled={start.isPending} onClick={() => discard.mutate(item.id, { onSuccess: onDiscarded })}>
            {t('listeningImport.review.discard')}
          </Button>
          <Button leftSection={<IconPlayerPlay size={16} aria-hidden />} disabled={!canStart} loading={start.isPending} onClick={() => start.mutate({ id: item.id, mapping: mapping as ImportMappingDto })}>
            {t('listeningImport.review.start')}
          </Button>
        </Group>
      </Stack>
    </SectionCard>
  );
}
