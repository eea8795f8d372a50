import type { PlatformText, UpdateStatementRequest } from '@diplodesk/contracts';
import type { Actor } from '../../../platform/audit/audit.ts';
import { type Principal, can } from '../../../platform/authz/principal.ts';
import { inTransaction, type PlatformContext } from '../../../platform/context.ts';
import { canonicalJson } from '../../../platform/crypto/canonical-json.ts';
import type { Executor } from '../../../platform/db/index.ts';
import { AppError } from '../../../platform/errors/app-error.ts';
import { isEditable, statusAfterEdit } from '../lifecycle.ts';
import { discardUnpublishedEntries } from '../newsroom/index.ts';
import { cancelPendingPublications, listChannelAccounts } from '../publishing/index.ts';
import { requireUnit } from '../statement-access.ts';
import { auditStatement, statementChangedEvent } from '../statements.audit.ts';
import { insertVersion, invalidateApprovals, listAttachments, lockStatement, searchTextOf, type StatementRow, updateStatementRow } from '../statements.repo.ts';
import type { StatementContent } from '../statements.tables.ts';
import type { UnitRow } from '../../identity/index.ts';
import { dedupeLanguages } from './create-statement.ts';

/** Unit ids from the root down to this unit: a statement may use accounts of its unit and its ancestors. */
export function unitLineage(unit: Pick<UnitRow, 'path'>): string[] {
  return unit.path.split('/').filter(Boolean);
}

/** One text per platform; none stored when there are none, so older statements' content stays as it was. */
function platformTextsOf(texts: PlatformText[]): { platformTexts?: PlatformText[] } {
  const seen = new Set<string>();
  for (const text of texts) {
    if (seen.has(text.platform)) throw new AppError('request.invalid', 'Each platform can have one text.', { platform: text.platform });
    seen.add(text.platform);
  }
  return texts.length ? { platformTexts: texts } : {};
}

export async function accountsFor(x: Executor, unit: Pick<UnitRow, 'path'>) {
  return listChannelAccounts(x, { unitIds: unitLineage(unit) });
}

/**
 * Saves new content as the next version. Past a draft, every approval so far was for other words:
 * they are invalidated, a signed-but-unpublished newsroom entry and pending posts are dropped, and
 * the statement goes back to clearance.
 */
export async function updateStatement(ctx: PlatformContext, p: Principal, id: string, input: UpdateStatementRequest, actor: Actor): Promise<StatementRow> {
  return inTransaction(ctx, async (tx) => {
    const row = await lockStatement(tx, id);
    if (!row) throw new AppError('statement.not-found');
    const unit = await requireUnit(tx, row.unitId);
    if (!can(p, 'statement.read', unit.path)) throw new AppError('statement.not-found');
    if (!can(p, 'statement.draft', unit.path)) throw new AppError('authz.forbidden');
    if (!isEditable(row.status)) throw new AppError('statement.not-editable');
    if (input.baseVersion !== row.version) throw new AppError('statement.version-conflict', undefined, { current: row.version });

    const content: StatementContent = {
      texts: input.texts ? dedupeLanguages(input.texts) : row.content.texts,
      variants: input.variants ?? row.content.variants,
      attachmentIds: input.attachmentIds ?? row.content.attachmentIds,
      ...platformTextsOf(input.platformTexts ?? row.content.platformTexts ?? []),
    };
    if (input.variants) {
      const accounts = await accountsFor(tx, unit);
      const unknown = input.variants.filter((v) => !accounts.some((a) => a.id === v.channelAccountId));
      if (unknown.length) throw new AppError('request.invalid', 'A variant names a channel account this unit cannot use.', { channelAccountIds: unknown.map((v) => v.channelAccountId) });
      const seen = new Set<string>();
      for (const v of input.variants) {
        if (seen.has(v.channelAccountId)) throw new AppError('request.invalid', 'Each channel account can have one variant.', { channelAccountId: v.channelAccountId });
        seen.add(v.channelAccountId);
      }
    }
    if (input.attachmentIds) {
      const own = new Set((await listAttachments(tx, row.id)).map((a) => a.id));
      const foreign = input.attachmentIds.filter((a) => !own.has(a));
      if (foreign.length) throw new AppError('statement.attachment-not-found', undefined, { attachmentIds: foreign });
    }

    // Canonical JSON: the stored row's keys come back in jsonb's order, not the order they were written in.
    const contentChanged = canonicalJson(content) !== canonicalJson(row.content);
    const metaChanged =
      (input.kind !== undefined && input.kind !== row.kind) ||
      (input.primaryLanguage !== undefined && input.primaryLanguage !== row.primaryLanguage) ||
      (input.audienceTimeZone !== undefined && input.audienceTimeZone !== row.audienceTimeZone) ||
      (input.tags !== undefined && JSON.stringify(input.tags) !== JSON.stringify(row.tags));
    if (!contentChanged && !metaChanged) return row;

    const now = new Date();
    const version = row.version + 1;
    const status = contentChanged ? statusAfterEdit(row.status) : row.status;
    if (contentChanged && row.status !== 'draft') {
      const approvals = await invalidateApprovals(tx, row.id, row.clearanceRound, now);
      if (row.status === 'cleared' || row.status === 'scheduled') {
        await discardUnpublishedEntries(tx, row.id);
        await cancelPendingPublications(tx, { statementId: row.id, reason: 'edited after clearance' });
      }
      await auditStatement(tx, actor, { action: 'statement.clearance-invalidated', targetType: 'statement', targetId: row.id, unitId: unit.id, summary: { version, approvals } });
    }
    const updated = await updateStatementRow(tx, row.id, {
      kind: input.kind ?? row.kind,
      primaryLanguage: input.primaryLanguage ?? row.primaryLanguage,
      audienceTimeZone: input.audienceTimeZone ?? row.audienceTimeZone,
      tags: input.tags ? [...new Set(input.tags)] : row.tags,
      content,
      searchText: searchTextOf(content),
      version,
      status,
    });
    await insertVersion(tx, { statementId: row.id, number: version, content, authorId: p.userId, authorName: p.displayName, note: input.note ?? null });
    await auditStatement(tx, actor, { action: 'statement.edited', targetType: 'statement', targetId: row.id, unitId: unit.id, summary: { version, statusBefore: row.status, statusAfter: status } });
    await statementChangedEvent(tx, unit.id, { statementId: row.id, status, change: 'edited', actorId: p.userId });
    return updated;
  });
}
