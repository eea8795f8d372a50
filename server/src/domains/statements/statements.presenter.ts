// Rows → response DTOs. Storage keys and credentials never leave through here.
import type { ClearanceDto, StatementDto, StatementSummaryDto } from '@diplodesk/contracts';
import type { Principal } from '../../platform/authz/principal.ts';
import { decisionFacts } from './commands/decide-clearance.ts';
import { evaluateClearance } from './lifecycle.ts';
import { decideBlockFor, statementPolicies } from './statements.policy.ts';
import type { AttachmentRow, DecisionRow, StatementRow } from './statements.repo.ts';

export type PublicationView = {
  id: string;
  channelAccountId: string;
  platform: string;
  handle?: string;
  state: string;
  scheduledAt: Date | string;
  publishedAt: Date | string | null;
  remoteUrl: string | null;
  lastError: string | null;
};

const iso = (d: Date | string | null): string | null => (d === null ? null : new Date(d).toISOString());

export function titleOf(row: StatementRow): string {
  const primary = row.content.texts.find((t) => t.language === row.primaryLanguage) ?? row.content.texts[0];
  return primary?.title ?? '';
}

export function presentSummary(row: StatementRow, unitName: string): StatementSummaryDto {
  return {
    id: row.id,
    unitId: row.unitId,
    unitName,
    kind: row.kind,
    status: row.status,
    primaryLanguage: row.primaryLanguage,
    scheduledAt: iso(row.scheduledAt),
    tags: row.tags,
    version: row.version,
    createdBy: { id: row.createdBy, name: row.createdByName },
    updatedAt: row.updatedAt.toISOString(),
    title: titleOf(row),
    languages: row.content.texts.map((t) => t.language),
  };
}

export function presentClearance(
  row: StatementRow,
  decisions: DecisionRow[],
  userNames: Map<string, string>,
  decideBlocked: ClearanceDto['decideBlocked'] = null,
  deciders: ReadonlyMap<number, { names: string[]; count: number }> = new Map(),
): ClearanceDto | null {
  if (!row.clearance) return null;
  const view = evaluateClearance(row.clearance.steps, decisionFacts(decisions, row.clearanceRound));
  const live = row.status === 'in-clearance' || row.status === 'draft' || row.status === 'rejected';
  return {
    chainName: row.clearance.chainName,
    fastTrack: row.clearance.fastTrack,
    round: row.clearanceRound,
    steps: row.clearance.steps.map((s, i) => {
      const v = view.steps[i] ?? { state: 'waiting' as const, satisfied: 0, needed: 1 };
      // After clearance completed (or the statement moved on) every step shows as approved.
      return { ...s, state: !live && row.status !== 'expired' ? 'approved' : v.state, satisfied: v.satisfied, needed: v.needed, deciders: row.status === 'in-clearance' ? (deciders.get(i) ?? null) : null };
    }),
    currentStep: row.status === 'in-clearance' ? view.currentStep : null,
    userNames: Object.fromEntries(userNames),
    decisions: decisions.map((d) => ({
      id: d.id,
      round: d.round,
      stepIndex: d.stepIndex,
      approverId: d.approverId,
      approverName: d.approverName,
      decision: d.decision,
      reason: d.reason,
      version: d.version,
      valid: d.invalidatedAt === null,
      at: d.createdAt.toISOString(),
    })),
    decideBlocked,
  };
}

export function presentStatement(
  p: Principal,
  row: StatementRow,
  extra: {
    unitName: string;
    unitPath: string;
    attachments: AttachmentRow[];
    decisions: DecisionRow[];
    /** Who changed the text of the current clearance round (four eyes). */
    roundAuthors: ReadonlySet<string>;
    /** Per step index, who can decide it now (only computed for a statement in clearance). */
    deciders?: ReadonlyMap<number, { names: string[]; count: number }>;
    userNames: Map<string, string>;
    newsroom: { language: string; url: string }[];
    publications: PublicationView[];
  },
): StatementDto {
  const facts = decisionFacts(extra.decisions, row.clearanceRound);
  return {
    ...presentSummary(row, extra.unitName),
    audienceTimeZone: row.audienceTimeZone,
    texts: row.content.texts,
    variants: row.content.variants,
    platformTexts: row.content.platformTexts ?? [],
    attachments: extra.attachments
      .filter((a) => row.content.attachmentIds.includes(a.id))
      .map((a) => ({ id: a.id, fileName: a.fileName, mimeType: a.mimeType, byteSize: a.byteSize, sha256: a.sha256, altText: a.altText, createdAt: a.createdAt.toISOString() })),
    createdAt: row.createdAt.toISOString(),
    changesRequested: row.changesRequested,
    clearance: presentClearance(row, extra.decisions, extra.userNames, decideBlockFor(p, row, extra.unitPath, facts, extra.roundAuthors), extra.deciders),
    respondsTo: row.respondsTo ? { ...row.respondsTo, review: row.respondsTo.review ?? null } : null,
    withdrawn: row.withdrawnAt ? { at: row.withdrawnAt.toISOString(), reason: row.withdrawReason ?? '' } : null,
    newsroom: extra.newsroom,
    publications: extra.publications.map((pub) => ({
      id: pub.id,
      channelAccountId: pub.channelAccountId,
      platform: pub.platform,
      handle: pub.handle ?? '',
      state: pub.state,
      scheduledAt: new Date(pub.scheduledAt).toISOString(),
      publishedAt: iso(pub.publishedAt),
      remoteUrl: pub.remoteUrl,
      lastError: pub.lastError,
    })),
    policies: statementPolicies(p, row, extra.unitPath, facts, extra.roundAuthors),
  };
}
