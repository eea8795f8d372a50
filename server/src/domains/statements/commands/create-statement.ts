import type { CreateStatementRequest } from '@diplodesk/contracts';
import type { Actor } from '../../../platform/audit/audit.ts';
import { type Principal, can } from '../../../platform/authz/principal.ts';
import { inTransaction, type PlatformContext } from '../../../platform/context.ts';
import { AppError } from '../../../platform/errors/app-error.ts';
import { isForeignTarget, type ResponseTargetResolver } from '../response-targets.ts';
import { requireUnit } from '../statement-access.ts';
import { auditStatement, statementChangedEvent } from '../statements.audit.ts';
import { findStatement, findTemplate, insertStatement, insertVersion, searchTextOf, type StatementRow } from '../statements.repo.ts';
import type { StatementContent } from '../statements.tables.ts';

/**
 * Starts a draft (optionally from a template, or as a response to another statement, an item, an
 * alert, a finding or a claim). Version 1. A finding or claim is resolved by its owner (`targets`):
 * a rebuttal of a claim keeps a copy of the claim it reviews, which is signed with it (ADR 0028).
 */
export async function createStatement(ctx: PlatformContext, p: Principal, input: CreateStatementRequest, actor: Actor, targets?: ResponseTargetResolver): Promise<StatementRow> {
  const unit = await requireUnit(ctx.db, input.unitId);
  if (!can(p, 'statement.draft', unit.path)) throw new AppError('authz.forbidden');
  if (input.templateId && !(await findTemplate(ctx.db, input.templateId))) throw new AppError('template.not-found');
  let respondsTo: StatementRow['respondsTo'] = null;
  if (input.respondsTo?.type === 'statement') {
    const original = await findStatement(ctx.db, input.respondsTo.id);
    if (!original) throw new AppError('statement.not-found');
    const originalUnit = await requireUnit(ctx.db, original.unitId);
    if (!can(p, 'statement.read', originalUnit.path)) throw new AppError('statement.not-found');
    const title = original.content.texts.find((t) => t.language === original.primaryLanguage)?.title ?? original.content.texts[0]?.title ?? '';
    respondsTo = { type: 'statement', id: original.id, title };
  } else if (input.respondsTo && isForeignTarget(input.respondsTo)) {
    const target = targets ? await targets(ctx.db, p, input.respondsTo) : null;
    if (!target) throw new AppError(input.respondsTo.type === 'integrity-finding' ? 'integrity-finding.not-found' : 'integrity-claim.not-found');
    respondsTo = { type: input.respondsTo.type, id: input.respondsTo.id, title: target.title, review: target.review };
  } else if (input.respondsTo) {
    respondsTo = { type: input.respondsTo.type, id: input.respondsTo.id, title: input.respondsTo.id };
  }
  const content: StatementContent = { texts: dedupeLanguages(input.texts), variants: [], attachmentIds: [] };
  return inTransaction(ctx, async (tx) => {
    const row = await insertStatement(tx, {
      unitId: unit.id,
      kind: input.kind,
      primaryLanguage: input.primaryLanguage,
      audienceTimeZone: input.audienceTimeZone,
      tags: [...new Set(input.tags)],
      content,
      searchText: searchTextOf(content),
      createdBy: p.userId,
      createdByName: p.displayName,
      respondsTo,
      templateId: input.templateId ?? null,
    });
    await insertVersion(tx, { statementId: row.id, number: 1, content, authorId: p.userId, authorName: p.displayName, note: null });
    await auditStatement(tx, actor, {
      action: 'statement.created',
      targetType: 'statement',
      targetId: row.id,
      unitId: unit.id,
      summary: { kind: row.kind, languages: content.texts.map((t) => t.language), template: input.templateId ?? null, respondsTo: respondsTo?.id ?? null, respondsToType: respondsTo?.type ?? null },
    });
    await statementChangedEvent(tx, unit.id, { statementId: row.id, status: row.status, change: 'created', actorId: p.userId });
    return row;
  });
}

/** One text per language: the last one given wins. */
export function dedupeLanguages<T extends { language: string }>(texts: T[]): T[] {
  const byLanguage = new Map<string, T>();
  for (const t of texts) byLanguage.set(t.language, t);
  return [...byLanguage.values()];
}
