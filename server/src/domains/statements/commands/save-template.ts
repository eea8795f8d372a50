import type { z } from 'zod';
import type { saveTemplateRequest } from '@diplodesk/contracts';
import type { Actor } from '../../../platform/audit/audit.ts';
import { type Principal, can } from '../../../platform/authz/principal.ts';
import { inTransaction, type PlatformContext } from '../../../platform/context.ts';
import { AppError } from '../../../platform/errors/app-error.ts';
import { findRootUnit } from '../../identity/index.ts';
import { requireUnit } from '../statement-access.ts';
import { auditStatement } from '../statements.audit.ts';
import { findTemplate, type TemplateRow, upsertTemplate } from '../statements.repo.ts';
import { dedupeLanguages } from './create-statement.ts';

/** Templates for a unit need drafting rights there; organisation-wide ones need them at the top. */
export async function saveTemplate(ctx: PlatformContext, p: Principal, id: string | null, input: z.output<typeof saveTemplateRequest>, actor: Actor): Promise<TemplateRow> {
  const unit = input.unitId ? await requireUnit(ctx.db, input.unitId) : await findRootUnit(ctx.db);
  if (!unit) throw new AppError('unit.not-found');
  if (!can(p, 'statement.draft', unit.path)) throw new AppError('authz.forbidden');
  return inTransaction(ctx, async (tx) => {
    if (id) {
      const existing = await findTemplate(tx, id);
      if (!existing) throw new AppError('template.not-found');
      const ownerUnit = existing.unitId ? await requireUnit(tx, existing.unitId) : unit;
      if (!can(p, 'statement.draft', ownerUnit.path)) throw new AppError('authz.forbidden');
    }
    const row = await upsertTemplate(tx, { ...(id ? { id } : {}), unitId: input.unitId, purpose: input.purpose, statementKind: input.statementKind, name: input.name, texts: dedupeLanguages(input.texts) });
    await auditStatement(tx, actor, { action: 'template.saved', targetType: 'template', targetId: row.id, unitId: unit.id, summary: { name: row.name, purpose: row.purpose } });
    return row;
  });
}
