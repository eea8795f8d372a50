import { type UnVotesPart, unVotesParts } from '@diplodesk/contracts';
import { Alert, Button, FileInput, Progress, Stack, Text } from '@mantine/core';
import { IconAlertCircle, IconUpload } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../../lib/api-client.ts';
import { formatNumber, toUiLocale } from '../../../lib/intl.ts';
import { SectionCard } from '../../../ui/SectionCard.tsx';
import { useCurrentMe } from '../../session/hooks/use-me.ts';
import { uploadUnVotesFile } from './cooperation.api.ts';
import { UnVotesImportCard } from './UnVotesImportCard.tsx';
import { isRunning, useUnVotesImports, useUnVotesStatus } from './use-cooperation.ts';

type Upload = { part: UnVotesPart; name: string; fraction: number };
type UploadFailure = { name: string; error: unknown };

/**
 * The UN votes import: a file per part (roll calls, issue codes, votes), uploaded in that order with
 * the upload's progress; each then imports in the background, shown as a card with its live
 * progress and its result, or the line that stopped it. Imports still going when the page opens
 * (started elsewhere, or before a reload) are shown too.
 */
export function UnVotesImportPanel() {
  const { t, i18n } = useTranslation();
  const locale = toUiLocale(i18n.resolvedLanguage);
  const me = useCurrentMe();
  const status = useUnVotesStatus();
  const s = status.data;
  const imports = useUnVotesImports(s?.canImport ?? false);
  const queryClient = useQueryClient();
  const [files, setFiles] = useState<Partial<Record<UnVotesPart, File | null>>>({});
  const [upload, setUpload] = useState<Upload | null>(null);
  const [failure, setFailure] = useState<UploadFailure | null>(null);
  const [startedHere, setStartedHere] = useState<string[]>([]);
  const number = (n: number) => formatNumber(n, locale);

  const shown = (imports.data?.items ?? []).filter((i) => startedHere.includes(i.id) || isRunning(i)).reverse();
  // Once an import's rows are stored, the counts, the ranking and the profiles change.
  const storedKey = shown
    .filter((i) => i.status === 'computing' || i.status === 'done')
    .map((i) => `${i.id}:${i.status}`)
    .join();
  const lastStored = useRef(storedKey);
  useEffect(() => {
    if (storedKey === lastStored.current) return;
    lastStored.current = storedKey;
    void queryClient.invalidateQueries({ queryKey: ['insights'] });
  }, [storedKey, queryClient]);

  const run = async () => {
    setFailure(null);
    for (const part of unVotesParts) {
      const file = files[part];
      if (!file) continue;
      setUpload({ part, name: file.name, fraction: 0 });
      try {
        const started = await uploadUnVotesFile(part, file, me.csrfToken, (fraction) => setUpload({ part, name: file.name, fraction }));
        setStartedHere((ids) => [...ids, started.id]);
        await queryClient.invalidateQueries({ queryKey: ['insights', 'un-votes', 'imports'] });
      } catch (error) {
        setFailure({ name: file.name, error });
        break;
      }
    }
    setUpload(null);
    setFiles({});
  };

  const percent = upload ? Math.round(upload.fraction * 100) : 0;
  const computingShown = shown.some((i) => i.status === 'computing');
  return (
    <SectionCard title={t('insightsCooperation.import.heading')} description={t('insightsCooperation.import.intro')}>
      <Stack gap="md">
        {s ? (
          <Text size="sm" data-testid="unvotes-stored">
            {s.votes > 0 && s.firstSession !== null
              ? t('insightsCooperation.import.stored', { votes: number(s.votes), countries: number(s.countries), rollCalls: number(s.rollCalls), first: s.firstSession, last: s.lastSession })
              : t('insightsCooperation.import.empty')}
          </Text>
        ) : null}
        {s?.idealPoints.state === 'running' && !computingShown ? (
          <Stack gap={4}>
            <Text size="sm">{t('insightsCooperation.import.idealPoints', { done: s.idealPoints.done, total: s.idealPoints.total })}</Text>
            <Progress value={s.idealPoints.total ? (100 * s.idealPoints.done) / s.idealPoints.total : 0} aria-label={t('insightsCooperation.import.idealPoints', { done: s.idealPoints.done, total: s.idealPoints.total })} />
          </Stack>
        ) : null}
        {s && !s.canImport ? (
          <Text size="sm" c="dimmed">
            {t('insightsCooperation.import.noPermission')}
          </Text>
        ) : (
          <>
            {unVotesParts.map((part) => (
              <FileInput
                key={part}
                label={t(`insightsCooperation.import.part.${part}`)}
                description={t('insightsCooperation.import.placeholder')}
                accept=".csv,.gz,text/csv,application/gzip"
                value={files[part] ?? null}
                onChange={(file) => setFiles((f) => ({ ...f, [part]: file }))}
                clearable
                disabled={upload !== null}
                maw={560}
              />
            ))}
            <Button leftSection={<IconUpload size={16} aria-hidden />} onClick={() => void run()} disabled={upload !== null || !unVotesParts.some((p) => files[p])} style={{ alignSelf: 'flex-start' }}>
              {t('insightsCooperation.import.start')}
            </Button>
          </>
        )}
        {upload ? (
          <Stack gap={6} aria-live="polite">
            <Text size="sm" fw={500} style={{ overflowWrap: 'anywhere' }}>
              {t('insightsCooperation.import.uploading', { name: upload.name, percent: `${percent} %` })}
            </Text>
            <Progress value={percent} size="lg" aria-label={t('insightsCooperation.import.uploading', { name: upload.name, percent: `${percent} %` })} />
          </Stack>
        ) : null}
        {failure ? (
          <Alert color="red" variant="light" role="alert" icon={<IconAlertCircle size={18} aria-hidden />}>
            {describeRefusal(failure, t)}
          </Alert>
        ) : null}
        {shown.length > 0 ? (
          <Stack gap="sm" data-testid="unvotes-imports">
            {shown.map((item) => (
              <UnVotesImportCard key={item.id} item={item} />
            ))}
          </Stack>
        ) : null}
      </Stack>
    </SectionCard>
  );
}

/** An upload refused before its import started: a wrong header, a file too large, no permission. */
function describeRefusal({ error, name }: UploadFailure, t: ReturnType<typeof useTranslation>['t']): string {
  if (isApiError(error) && error.code === 'insights-unvotes.invalid-file') {
    // A header or file-level problem: the server's sentence names the columns it expected.
    return t('insightsCooperation.import.failed', { name, message: `${t('errors.insights-unvotes.invalid-file')} ${error.message}` });
  }
  return t('insightsCooperation.import.failed', { name, message: isApiError(error) ? t([`errors.${error.code}`, 'errors.unknown']) : t('errors.unknown') });
}
