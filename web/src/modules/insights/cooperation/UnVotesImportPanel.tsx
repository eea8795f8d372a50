import { type UnVotesImportResult, type UnVotesPart, unVotesParts } from '@diplodesk/contracts';
import { Alert, Button, FileInput, Progress, Stack, Text } from '@mantine/core';
import { IconAlertCircle, IconUpload } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../../lib/api-client.ts';
import { SectionCard } from '../../../ui/SectionCard.tsx';
import { useCurrentMe } from '../../session/hooks/use-me.ts';
import { uploadUnVotesFile } from './cooperation.api.ts';
import { useUnVotesStatus } from './use-cooperation.ts';

type Step = { part: UnVotesPart; name: string; fraction: number };
type Outcome = { part: UnVotesPart; result: UnVotesImportResult } | { part: UnVotesPart; name: string; error: unknown };

/**
 * The UN votes import: a file per part (roll calls, issue codes, votes), uploaded in that order with
 * progress; each file's outcome or its refusal with the line that stopped it.
 */
export function UnVotesImportPanel() {
  const { t, i18n } = useTranslation();
  const locale = i18n.resolvedLanguage ?? 'en';
  const me = useCurrentMe();
  const status = useUnVotesStatus();
  const queryClient = useQueryClient();
  const [files, setFiles] = useState<Partial<Record<UnVotesPart, File | null>>>({});
  const [step, setStep] = useState<Step | null>(null);
  const [outcomes, setOutcomes] = useState<Outcome[]>([]);
  const number = (n: number) => new Intl.NumberFormat(locale).format(n);
  const s = status.data;

  const run = async () => {
    setOutcomes([]);
    for (const part of unVotesParts) {
      const file = files[part];
      if (!file) continue;
      setStep({ part, name: file.name, fraction: 0 });
      try {
        const result = await uploadUnVotesFile(part, file, me.csrfToken, (fraction) => setStep({ part, name: file.name, fraction }));
        setOutcomes((o) => [...o, { part, result }]);
      } catch (error) {
        setOutcomes((o) => [...o, { part, name: file.name, error }]);
        break;
      }
    }
    setStep(null);
    setFiles({});
    await queryClient.invalidateQueries({ queryKey: ['insights'] });
  };

  const percent = step ? Math.round(step.fraction * 100) : 0;
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
        {s?.idealPoints.state === 'running' ? (
          <Stack gap={4} aria-live="polite">
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
                disabled={step !== null}
                maw={560}
              />
            ))}
            <Button leftSection={<IconUpload size={16} aria-hidden />} onClick={() => void run()} disabled={step !== null || !unVotesParts.some((p) => files[p])} style={{ alignSelf: 'flex-start' }}>
              {t('insightsCooperation.import.start')}
            </Button>
          </>
        )}
        {step ? (
          <Stack gap={6} aria-live="polite">
            <Text size="sm" fw={500} style={{ overflowWrap: 'anywhere' }}>
              {percent < 100 ? t('insightsCooperation.import.uploading', { name: step.name, percent: `${percent} %` }) : t('insightsCooperation.import.checking', { name: step.name })}
            </Text>
            <Progress value={percent} animated={percent >= 100} size="lg" aria-label={t('insightsCooperation.import.uploading', { name: step.name, percent: `${percent} %` })} />
          </Stack>
        ) : null}
        {outcomes.map((o) =>
          'result' in o ? (
            <Alert key={o.part} color="teal" variant="light" data-testid={`unvotes-done-${o.part}`}>
              <Text size="sm">
                {t('insightsCooperation.import.done', {
                  part: t(`insightsCooperation.import.partShort.${o.part}`),
                  rows: number(o.result.rows),
                  added: number(o.result.added),
                  changed: number(o.result.changed),
                  unchanged: number(o.result.unchanged),
                })}
              </Text>
              {o.result.skipped > 0 ? <Text size="sm">{t('insightsCooperation.import.skipped', { count: o.result.skipped })}</Text> : null}
              {o.part === 'votes' && o.result.rollCallsWithoutDescription > 0 ? <Text size="sm">{t('insightsCooperation.import.orphans', { count: o.result.rollCallsWithoutDescription })}</Text> : null}
            </Alert>
          ) : (
            <Alert key={o.part} color="red" variant="light" role="alert" icon={<IconAlertCircle size={18} aria-hidden />}>
              {describeFailure(o.error, o.name, t)}
            </Alert>
          ),
        )}
      </Stack>
    </SectionCard>
  );
}

function describeFailure(error: unknown, name: string, t: ReturnType<typeof useTranslation>['t']): string {
  if (isApiError(error) && error.code === 'insights-unvotes.invalid-file') {
    const d = (error.details ?? {}) as { line?: number; column?: string; value?: string };
    if (d.line && d.column) return t('insightsCooperation.import.failedLine', { name, line: d.line, column: d.column, value: d.value ?? '' });
    // A header or file-level problem: the server's sentence names the columns it expected.
    return t('insightsCooperation.import.failed', { name, message: `${t('errors.insights-unvotes.invalid-file')} ${error.message}` });
  }
  return t('insightsCooperation.import.failed', { name, message: isApiError(error) ? t([`errors.${error.code}`, 'errors.unknown']) : t('errors.unknown') });
}
