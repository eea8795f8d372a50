import { useQueries } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { fetchItem } from '../../listening/api/listening.api.ts';
import { detectorLabelKey } from '../utils/finding-labels.ts';
import { useClaim, useFinding } from './use-integrity.ts';

/** How many of the finding's items the draft lists. */
const ITEMS = 5;

/**
 * What a rebuttal of a finding starts from (fast track): the finding, the claim it matched and its
 * debunk, the items that carried it, as a draft title and body for the drafter to rewrite.
 */
export function useFindingResponseDraft(findingId: string | null) {
  const { t } = useTranslation();
  const finding = useFinding(findingId ?? '');
  const claim = useClaim(finding.data?.claimId ?? null);
  const items = useQueries({ queries: (finding.data?.itemIds ?? []).slice(0, ITEMS).map((id) => ({ queryKey: ['listening', 'items', id], queryFn: ({ signal }: { signal: AbortSignal }) => fetchItem(id, signal) })) });
  const f = finding.data;
  const ready = f !== undefined && (f.claimId === null || claim.data !== undefined) && items.every((q) => !q.isPending);
  const subject = claim.data?.claimReviewed ?? f?.title ?? '';
  const draft =
    f && ready
      ? {
          title: t('integrity.respond.title', { subject: subject.slice(0, 120) }),
          body: [
            claim.data ? t('integrity.respond.claim', { claim: claim.data.claimReviewed }) : t('integrity.respond.finding', { detector: t(detectorLabelKey(f.detector)), title: f.title }),
            ...(claim.data?.disproof ? ['', t('integrity.respond.facts'), claim.data.disproof] : []),
            ...(claim.data?.url ? ['', t('integrity.respond.source', { url: claim.data.url })] : []),
            '',
            t('integrity.respond.items'),
            ...items.flatMap((q) => (q.data ? [`- ${(q.data.title ?? q.data.text).slice(0, 160)}${q.data.url ? ` (${q.data.url})` : ''}`] : [])),
            '',
            t('integrity.respond.write'),
          ].join('\n'),
        }
      : null;
  return { finding, draft };
}
