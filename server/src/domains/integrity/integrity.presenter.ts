// Rows → response DTOs, with the actions the caller may take on each.
import type { ClaimDto, FindingDto } from '@diplodesk/contracts';
import type { Principal } from '../../platform/authz/principal.ts';
import type { BackfillRun } from './claims/backfill-claims.job.ts';
import type { ClaimRow, ClaimTranslationRow, LinkCounts } from './claims/claims.repo.ts';
import { claimPolicies, findingPolicies } from './integrity.policy.ts';
import type { integrityFindings } from './integrity.tables.ts';

export type FindingRow = typeof integrityFindings.$inferSelect;

const iso = (d: Date | string | null): string | null => (d === null ? null : new Date(d).toISOString());

export function presentClaim(
  row: ClaimRow,
  extra: { translations: ClaimTranslationRow[]; links?: LinkCounts | undefined; backfill?: BackfillRun | undefined },
  p: Principal,
  unitPath: string | undefined,
): ClaimDto {
  return {
    id: row.id,
    unitId: row.unitId,
    claimReviewed: row.claimReviewed,
    headline: row.headline,
    language: row.language,
    itemReviewed: { authorName: row.itemAuthorName, datePublished: row.itemDatePublished, appearanceUrls: row.appearanceUrls },
    reviewRating: row.rating,
    reviewAuthor: row.reviewAuthor,
    url: row.url,
    datePublished: row.datePublished,
    outlets: row.outlets,
    targetCountries: row.targetCountries,
    summary: row.summary,
    disproof: row.disproof,
    narrativeId: row.narrativeId,
    translations: extra.translations,
    origin: row.origin,
    links: extra.links ?? { auto: 0, suggested: 0, confirmed: 0, rejected: 0 },
    backfill: extra.backfill ?? { state: 'idle', done: 0, total: 0 },
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    policies: claimPolicies(p, unitPath),
  };
}

export function presentFinding(row: FindingRow, p: Principal, unitPath: string | undefined): FindingDto {
  return {
    id: row.id,
    detector: row.detector,
    subjectKey: row.subjectKey,
    type: row.type,
    severity: row.severity,
    status: row.status,
    outcome: row.outcome,
    unitId: row.unitId,
    title: row.title,
    titleKey: row.titleKey,
    titleParams: row.titleParams,
    assigneeId: row.assigneeId,
    claimId: row.claimId,
    itemIds: row.itemIds,
    itemCount: row.itemCount,
    accountKeys: row.accountKeys,
    evidence: row.evidence,
    firstSeenAt: new Date(row.firstSeenAt).toISOString(),
    lastSeenAt: new Date(row.lastSeenAt).toISOString(),
    triagedAt: iso(row.triagedAt),
    resolvedAt: iso(row.resolvedAt),
    resolvedBy: row.resolvedBy,
    createdAt: new Date(row.createdAt).toISOString(),
    updatedAt: new Date(row.updatedAt).toISOString(),
    policies: findingPolicies(p, unitPath, row.status),
  };
}
