import type { ClaimImportProblemCode, FindingDto } from '@diplodesk/contracts';
import type { TFunction } from 'i18next';

/**
 * A finding's title in the interface language: its keyed title from the locale strings, or the
 * stored English title for a finding without a key (or with a key this version does not know).
 */
export function findingTitle(t: TFunction, f: Pick<FindingDto, 'title' | 'titleKey' | 'titleParams'>): string {
  if (!f.titleKey) return f.title;
  return t(`integrity.findingTitles.${f.titleKey}`, { ...(f.titleParams ?? {}), defaultValue: f.title });
}

type Problem = { index: number; reason: string; code?: string; params?: Record<string, string | number> };

/** Why an import entry was refused, in the interface language (the English reason when the code is unknown). */
export function importProblemText(t: TFunction, p: Problem): string {
  const reason = p.code ? t(`integrity.claims.problemReasons.${p.code as ClaimImportProblemCode}`, { ...(p.params ?? {}), defaultValue: p.reason }) : p.reason;
  return p.index < 0 ? reason : t('integrity.claims.problem', { n: p.index + 1, reason });
}
