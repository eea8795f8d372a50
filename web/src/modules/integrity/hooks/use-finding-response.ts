import type { ClaimDto, ItemDto } from '@diplodesk/contracts';
import { useQueries, useQuery } from '@tanstack/react-query';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { fetchItem } from '../../listening/api/listening.api.ts';
import { claimQueryKey, fetchClaimLinks, type FindingDetail } from '../api/integrity.api.ts';
import { detectorLabelKey } from '../utils/finding-labels.ts';
import { useClaim, useFinding } from './use-integrity.ts';

/** How many of the finding's items the draft lists. */
const ITEMS = 5;

function useItems(ids: readonly string[]) {
  return useQueries({ queries: ids.slice(0, ITEMS).map((id) => ({ queryKey: ['listening', 'items', id], queryFn: ({ signal }: { signal: AbortSignal }) => fetchItem(id, signal) })) });
}

/** The draft's title and body: the claim and its debunk (or the finding), the items that carried it, room to write. */
function draftOf(t: TFunction, input: { claim: ClaimDto | undefined; finding: FindingDetail | undefined; items: (ItemDto | undefined)[] }) {
  const { claim, finding } = input;
  const subject = claim?.claimReviewed ?? finding?.title ?? '';
  return {
    title: t('integrity.respond.title', { subject: subject.slice(0, 120) }),
    body: [
      claim ? t('integrity.respond.claim', { claim: claim.claimReviewed }) : finding ? t('integrity.respond.finding', { detector: t(detectorLabelKey(finding.detector)), title: finding.title }) : '',
      ...(claim?.disproof ? ['', t('integrity.respond.facts'), claim.disproof] : []),
      ...(claim?.url ? ['', t('integrity.respond.source', { url: claim.url })] : []),
      ...(input.items.some(Boolean) ? ['', t('integrity.respond.items')] : []),
      ...input.items.flatMap((item) => (item ? [`- ${(item.title ?? item.text).slice(0, 160)}${item.url ? ` (${item.url})` : ''}`] : [])),
      '',
      t('integrity.respond.write'),
    ].join('\n'),
  };
}

/**
 * What a rebuttal of a finding starts from (fast track): the finding, the claim it matched and its
 * debunk, the items that carried it, as a draft title and body for the drafter to rewrite.
 */
export function useFindingResponseDraft(findingId: string | null) {
  const { t } = useTranslation();
  const finding = useFinding(findingId ?? '');
  const claim = useClaim(finding.data?.claimId ?? null);
  const items = useItems(finding.data?.itemIds ?? []);
  const f = finding.data;
  const ready = f !== undefined && (f.claimId === null || claim.data !== undefined) && items.every((q) => !q.isPending);
  const draft = f && ready ? draftOf(t, { claim: claim.data, finding: f, items: items.map((q) => q.data) }) : null;
  return { finding, claim, draft };
}

/** The same from a claim itself: its debunk and the items most like it among those linked to it. */
export function useClaimResponseDraft(claimId: string | null) {
  const { t } = useTranslation();
  const claim = useClaim(claimId);
  const links = useQuery({ queryKey: [...claimQueryKey(claimId ?? ''), 'links', 'rebuttal'], queryFn: ({ signal }) => fetchClaimLinks(claimId ?? '', undefined, signal), enabled: claimId !== null });
  const top = (links.data?.items ?? []).filter((l) => l.state !== 'rejected').sort((a, b) => b.score - a.score);
  const items = useItems(top.map((l) => l.itemId));
  const ready = claim.data !== undefined && !links.isPending && items.every((q) => !q.isPending);
  const draft = ready ? draftOf(t, { claim: claim.data, finding: undefined, items: items.map((q) => q.data) }) : null;
  return { claim, draft };
}
